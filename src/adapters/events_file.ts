// The `--events-file` sink's file side: its folder checked up front, the file opened (append, 0644) at the
// first line so that a run refused earlier creates nothing, lines written in order.
import * as fs from "node:fs/promises";
import { dirname } from "node:path";

/** Whether the folder that would hold `path` exists and is a directory. */
export async function parentIsDirectory(path: string): Promise<{ dir: string; ok: boolean }> {
  const dir = dirname(path);
  return { dir, ok: await fs.stat(dir).then((st) => st.isDirectory(), () => false) };
}

/** Whether a folder is at `path` (followed). */
export function isDirectory(path: string): Promise<boolean> {
  return fs.stat(path).then((st) => st.isDirectory(), () => false);
}

/**
 * Appends lines to `path` in call order. The first failure (the file cannot be opened, a write fails: no
 * space, an I/O error) is told once to `onError` and the lines after it are dropped: the run goes on, so the
 * supplicant is still given back. `flush` waits for the lines so far and says whether all were written.
 */
export function lineAppender(
  path: string,
  onError: (error: unknown) => void,
): { write(line: string): void; flush(): Promise<boolean>; close(): Promise<void> } {
  let handle: Promise<fs.FileHandle | null> | undefined;
  let chain = Promise.resolve();
  let failed = false;
  const fail = (e: unknown) => {
    if (!failed) onError(e);
    failed = true;
  };
  const open = () =>
    handle ??= fs.open(path, "a", 0o644).catch((e) => {
      fail(e);
      return null;
    });
  return {
    write(line) {
      chain = chain.then(async () => {
        if (failed) return;
        await (await open())?.write(line);
      }).catch(fail);
    },
    async flush() {
      await chain;
      return !failed;
    },
    async close() {
      await chain;
      await (await handle)?.close().catch(() => undefined);
    },
  };
}
