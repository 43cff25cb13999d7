// A private scratch folder (mode 0700 from mkdtemp) holding one file, for the wpa_supplicant configuration of
// a supplicant wifiprov starts itself; removed again when that supplicant is stopped.
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";

/** A written scratch file; `remove()` deletes it with its folder (never throws for a missing one). */
export interface ScratchFile {
  path: string;
  remove(): Promise<void>;
}

/** Writes `text` (mode 0600) as `<tmpdir>/wifiprov-XXXXXX/<name>`. @throws the filesystem's error */
export async function writeScratchFile(name: string, text: string): Promise<ScratchFile> {
  const dir = await fs.mkdtemp(join(tmpdir(), "wifiprov-"));
  const path = join(dir, name);
  const remove = () => fs.rm(dir, { recursive: true, force: true });
  try {
    await fs.writeFile(path, text, { mode: 0o600 });
  } catch (e) {
    await remove();
    throw e;
  }
  return { path, remove };
}
