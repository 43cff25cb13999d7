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

/** Appends lines to `path` in call order; `onOpenError` hears once the error that kept the file from opening. */
export function lineAppender(
  path: string,
  onOpenError: (error: unknown) => void,
): { write(line: string): void; close(): Promise<void> } {
  let handle: Promise<fs.FileHandle | null> | undefined;
  let chain = Promise.resolve();
  const open = () =>
    handle ??= fs.open(path, "a", 0o644).catch((e) => {
      onOpenError(e);
      return null;
    });
  return {
    write(line) {
      chain = chain.then(async () => void await (await open())?.write(line));
    },
    async close() {
      await chain;
      await (await handle)?.close();
    },
  };
}
