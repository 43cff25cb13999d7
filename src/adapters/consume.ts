// `--consume`: the provisioning file is moved aside to `<file>.done` once every network succeeded, with
// its inline secrets redacted (plan/redact.ts), its comments dropped and mode 0600, because it often sits on
// a world-readable boot partition. Written through the one atomic writer, then the original is removed.
import * as fs from "node:fs/promises";
import { isNode, parseDocument, visit } from "yaml";
import { writeFileAtomic } from "./atomic_file.ts";
import { redactSecrets } from "../plan/redact.ts";

/**
 * Writes `<file>.done` from `text` (the file as the run read it) with secrets redacted and comments
 * dropped, then removes `file`. Returns the .done path. A symlinked `file` is refused earlier
 * (provision_command.ts): removing the link would leave the real file and its secrets.
 * @throws the filesystem error (errno) when either step fails; the original is then kept.
 */
export async function consumeFile(file: string, text: string): Promise<string> {
  const done = `${file}.done`;
  await writeFileAtomic(done, withoutComments(redactSecrets(text)), 0o600);
  await fs.rm(file);
  return done;
}

/** Whether `path` itself is a symbolic link (not followed). */
export function isSymlink(path: string): Promise<boolean> {
  return fs.lstat(path).then((st) => st.isSymbolicLink(), () => false);
}

/** The document without any comment: one can hold an old passphrase (`# old passphrase …`). */
function withoutComments(redacted: string): string {
  const doc = parseDocument(redacted);
  // redactSecrets already printed a comment-only text for a file it could not parse again: keep that.
  if (doc.errors.length > 0 || doc.contents === null) return redacted;
  doc.commentBefore = null;
  doc.comment = null;
  visit(doc, (_key, node) => {
    if (isNode(node)) {
      node.comment = null;
      node.commentBefore = null;
    }
  });
  return doc.toString();
}
