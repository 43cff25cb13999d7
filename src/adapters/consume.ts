// `--consume`: the provisioning file is moved aside to `<file>.done` once every network succeeded, with
// its inline secrets redacted (plan/redact.ts) and mode 0600, because it often sits on a world-readable
// boot partition. Written through the one atomic writer, then the original is removed.
import * as fs from "node:fs/promises";
import { writeFileAtomic } from "./atomic_file.ts";
import { redactSecrets } from "../plan/redact.ts";

/**
 * Writes `<file>.done` from `text` (the file as the run read it) with secrets redacted, then removes `file`.
 * Returns the .done path.
 * @throws the filesystem error (errno) when either step fails; the original is then kept.
 */
export async function consumeFile(file: string, text: string): Promise<string> {
  const done = `${file}.done`;
  await writeFileAtomic(done, redactSecrets(text), 0o600);
  await fs.rm(file);
  return done;
}
