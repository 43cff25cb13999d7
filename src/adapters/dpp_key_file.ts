// The DPP key file on disk: created once, 0600 from birth, atomically (an image builder that runs twice, or
// two at once, never gets two keys for one device), then read with the owner-only check of `{ file }` secrets.
import * as fs from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { newDppKeyText } from "../dpp/key.ts";

/**
 * Creates `path` with a new key unless something is there already. The key is written to a temp file
 * (mode 0600 at creation, fsynced) in the same directory and hard-linked into place, which fails if the
 * name exists: an existing key is never replaced. Returns what it found or did; a symlink to a missing file
 * is reported as such (never followed, never replaced).
 * @throws the filesystem error (other than EEXIST) when the directory is not writable.
 */
export async function createKeyFileIfMissing(path: string): Promise<"created" | "exists" | "dangling-link"> {
  const link = await fs.lstat(path).catch(() => undefined);
  if (link?.isSymbolicLink() && !(await fs.stat(path).then(() => true, () => false))) return "dangling-link";
  if (link) return "exists";
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await fs.open(temp, "wx", 0o600);
  try {
    await handle.writeFile(newDppKeyText());
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.link(temp, path);
    return "created";
  } catch (e) {
    if ((e as { code?: string }).code === "EEXIST") return "exists";
    throw e;
  } finally {
    await fs.rm(temp, { force: true });
  }
}
