// What is at a path a command is about to write, read before anything is written: its folder, the path with
// symlinks resolved and the identity (device and inode) of what is there, so a clash can be refused in time.
import * as fs from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/** Facts about one path. */
export interface PathFacts {
  /** The path as given. */
  path: string;
  /** Absolute, symlinks resolved: of the path when it exists, else of its folder plus the name. */
  resolved: string;
  /** "dev:ino" of what the path leads to now (symlinks followed); undefined when nothing is there. */
  identity?: string;
  /** The path itself leads to a directory. */
  isDirectory: boolean;
  /** Its folder: a directory, missing, or something else (a file). */
  folder: "directory" | "missing" | "not-a-directory";
}

/** Observes `path` without changing anything; never throws for a missing or odd path. */
export async function observePath(path: string): Promise<PathFacts> {
  const stat = await fs.stat(path).catch(() => undefined);
  const parent = await fs.stat(dirname(path)).catch(() => undefined);
  const folder = parent === undefined ? "missing" : parent.isDirectory() ? "directory" : "not-a-directory";
  const resolved = await fs.realpath(path).catch(async () =>
    join(await fs.realpath(dirname(path)).catch(() => resolve(dirname(path))), basename(path))
  );
  return {
    path,
    resolved,
    ...(stat !== undefined && { identity: `${stat.dev}:${stat.ino}` }),
    isDirectory: stat?.isDirectory() ?? false,
    folder,
  };
}

/** Whether two observed paths name the same file: same resolved path, or same device and inode. */
export function samePath(a: PathFacts, b: PathFacts): boolean {
  return a.resolved === b.resolved || (a.identity !== undefined && a.identity === b.identity);
}
