// Writes a JSON document to a path through the one atomic writer (adapters/atomic_file.ts), creating the folder;
// used for --report-file, which fleet tools and the first-boot unit read.
import * as fs from "node:fs/promises";
import { dirname } from "node:path";
import { writeFileAtomic } from "./atomic_file.ts";

/** Atomically replaces `path` with `value` as pretty JSON (mode 0644: a report holds no secret). */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true, mode: 0o755 });
  await writeFileAtomic(path, JSON.stringify(value, null, 2) + "\n", 0o644);
}
