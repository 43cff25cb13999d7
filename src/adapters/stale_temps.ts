// Removes what a killed agent may have left in the output folder: temp files of the atomic writer
// of configs and backups
// (`.<id>.conf.tmp-<pid>-<hex>`, holding a secret), the hard-link temps of older versions
// (`.<id>.conf.bak-<pid>-<hex>`) and writability probes. Only while the run holds the folder's lock (no
// live agent of ours can own them then), only names of our own pattern, only regular files we own.
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { PROBE_NAME } from "./disk_facts.ts";

// Configs and their backups only: a --report-file next to them is written after the lock is released.
const CONFIG_TEMP = /^\..+\.conf(?:\.bak)?\.tmp-\d+-[0-9a-f]{8}$/;
const OLD_BACKUP_TEMP = /^\..+\.conf\.bak-\d+-[0-9a-f]{8}$/;

/** Whether `name` is one of wifiprov's own temp names. */
export function isOwnTempName(name: string): boolean {
  return CONFIG_TEMP.test(name) || OLD_BACKUP_TEMP.test(name) || PROBE_NAME.test(name);
}

/**
 * Deletes stale temp files in `dir`; call it only with the folder's lock held. Returns the names removed.
 * A file that cannot be inspected or removed is left alone (the run goes on; the next run tries again).
 */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const uid = process.getuid?.();
  const removed: string[] = [];
  for (const name of names.filter(isOwnTempName)) {
    const path = join(dir, name);
    const info = await fs.lstat(path).catch(() => null);
    if (!info?.isFile() || (uid !== undefined && info.uid !== uid)) continue;
    if (await fs.rm(path).then(() => true, () => false)) removed.push(name);
  }
  return removed;
}
