// Writes a JSON document to a path atomically (temp file beside it, fsync, rename), creating the folder;
// used for --report-file, which fleet tools and the first-boot unit read.
import * as fs from "node:fs/promises";
import { dirname, join } from "node:path";

/** Atomically replaces `path` with `value` as pretty JSON. */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  const dir = dirname(path);
  await fs.mkdir(dir, { recursive: true, mode: 0o755 });
  const temp = join(dir, `.${crypto.randomUUID().slice(0, 8)}.tmp`);
  try {
    const handle = await fs.open(temp, "wx", 0o644);
    try {
      await handle.writeFile(JSON.stringify(value, null, 2) + "\n");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
  } finally {
    await fs.rm(temp, { force: true });
  }
}
