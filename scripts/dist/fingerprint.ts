// Decides whether a binary in dist/ is current: a hash over everything that goes into it (sources, lockfile,
// Bun version, flags, target), kept in a small stamp file per target under .cache/dist/.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";

/** Files and folders (relative to the repository) whose contents end up in the binaries. */
export const INPUTS = ["main.ts", "src", "package.json", "deno.json", "deno.lock"] as const;

/** What a build of one target recorded about the binary it produced. */
export interface Stamp {
  fingerprint: string;
  sha256: string;
  size: number;
  builtAt: string;
  buildMs: number;
}

/** Hashes the input files (paths and contents, in sorted order) together with extra strings. */
export async function inputFingerprint(repoRoot: string, extra: readonly string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const part of extra) hash.update(`extra\0${part}\0`);
  for (const path of await listInputFiles(repoRoot)) {
    hash.update(`file\0${relative(repoRoot, path)}\0`);
    hash.update(await readFile(path));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** Streams a file through SHA-256 (the binaries are ~100 MB, too big to read whole for no reason). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Reads a target's stamp; undefined when there is none or it is unreadable. */
export async function readStamp(stampDir: string, name: string): Promise<Stamp | undefined> {
  try {
    return JSON.parse(await readFile(join(stampDir, `${name}.json`), "utf8")) as Stamp;
  } catch {
    return undefined;
  }
}

/** Writes a target's stamp atomically. */
export async function writeStamp(stampDir: string, name: string, stamp: Stamp): Promise<void> {
  await mkdir(stampDir, { recursive: true });
  const path = join(stampDir, `${name}.json`);
  await writeFile(`${path}.tmp`, JSON.stringify(stamp, null, 2) + "\n");
  await rename(`${path}.tmp`, path);
}

/** Removes a target's stamp, e.g. together with a stale binary. */
export async function removeStamp(stampDir: string, name: string): Promise<void> {
  await rm(join(stampDir, `${name}.json`), { force: true });
}

async function listInputFiles(repoRoot: string): Promise<string[]> {
  const files: string[] = [];
  for (const input of INPUTS) files.push(...await walk(join(repoRoot, input)));
  return files.sort();
}

async function walk(path: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch (error) {
    // A plain file (ENOTDIR) is an input itself; a missing optional input (ENOENT) contributes nothing.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR") return [path];
    if (code === "ENOENT") return [];
    throw error;
  }
  const nested = await Promise.all(entries.map((entry) => walk(join(path, entry.name))));
  return nested.flat();
}
