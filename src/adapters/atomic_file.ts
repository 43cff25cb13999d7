// The one atomic file write of wifiprov: a temp file of our own naming in the target's folder, born with
// its final mode, fsynced, renamed over the target, then the folder fsynced. Used for configs, their .bak
// copies, the assembled file and --report-file.
import * as fs from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Steps a caller may observe inside a write; only tests supply one (a pause before the rename lets a crash
 * test SIGKILL the agent exactly there). The shipped program never passes hooks.
 */
export interface WriteHooks {
  /** Runs after the temp file is durable and before the rename. */
  beforeRename?: (tempPath: string) => Promise<void>;
}

/** The temp path for `path`: `.<name>.tmp-<pid>-<8 hex>` in the same folder (the rename stays on one filesystem). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${crypto.randomUUID().slice(0, 8)}`);
}

/**
 * Replaces `path` with `data` atomically: readers see the old file or the new one, never a mix, and a
 * crash leaves the old file in place. The file is created with `mode` (never chmod-ed later, so a secret
 * is never briefly readable). On failure the temp file is removed and the error (errno) rethrown.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  mode: number,
  hooks: WriteHooks = {},
): Promise<void> {
  const temp = tempPathFor(path);
  try {
    // "wx": never replaces anything, and the mode applies from the first byte.
    const handle = await fs.open(temp, "wx", mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.(temp);
    await fs.rename(temp, path);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
  await syncDirectory(dirname(path));
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on directories; the rename itself is still atomic.
  } finally {
    await handle.close();
  }
}
