// Gathers the facts config/decide.ts decides on: what is at the output folder (and whether a file can be
// created there) and at each target path. Reads only; the writability probe is a file of our own naming,
// created and removed at once.
import * as fs from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { errnoCode, errnoText } from "../errors.ts";
import type {
  DirFacts,
  DiskFacts,
  OutputPathKind,
  RealPaths,
  TargetFacts,
  WritableFact,
} from "../config/decide.ts";
import { wifiprovWrote } from "../config/render.ts";

/** Probe files are named `.wifiprov-probe-<pid>-<8 hex>`; a stale one matches this. */
export const PROBE_NAME = /^\.wifiprov-probe-\d+-[0-9a-f]{8}$/;

/** The file a network's config goes to. */
export function configPathFor(dir: string, id: string): string {
  return join(dir, `${id}.conf`);
}

/**
 * Observes the output folder and, when it is a folder, `<id>.conf` and `<id>.conf.bak` of every id, and
 * where the output folder, the provisioning file and --report-file really are.
 */
export async function observeDisk(
  dir: string,
  ids: readonly string[],
  paths: { planFile?: string; reportFile?: string; eventsFile?: string } = {},
): Promise<DiskFacts> {
  const facts = await observeDir(dir);
  const targets = new Map<string, TargetFacts>();
  const backups = new Map<string, TargetFacts>();
  if (facts.kind === "directory") {
    for (const id of ids) {
      targets.set(id, await observeTarget(configPathFor(dir, id)));
      backups.set(id, await observeTarget(`${configPathFor(dir, id)}.bak`));
    }
  }
  return { dir: facts, targets, backups, real: await realPaths(dir, paths) };
}

async function realPaths(
  dir: string,
  paths: { planFile?: string; reportFile?: string; eventsFile?: string },
): Promise<RealPaths> {
  const real: RealPaths = { outputDir: await realPath(dir) };
  if (paths.planFile !== undefined) {
    real.planFile = await fs.realpath(paths.planFile).catch(() => resolve(paths.planFile!));
  }
  // The report is renamed into place, so its path itself counts; the events are appended, through any link.
  if (paths.reportFile !== undefined) real.reportFile = await outputPath(paths.reportFile, false);
  if (paths.eventsFile !== undefined) real.eventsFile = await outputPath(paths.eventsFile, true);
  return real;
}

/** Where an output file (--report-file, --events-file) really is, and what is at the path now. */
async function outputPath(path: string, follow: boolean): Promise<{ real: string; kind: OutputPathKind }> {
  const real = follow ? await fs.realpath(path).catch(() => null) : null;
  return {
    real: real ?? join(await realPath(dirname(path)), basename(path)),
    kind: await (follow ? fs.stat(path) : fs.lstat(path)).then(pathKind, () => "absent" as const),
  };
}

/** What an lstat found, in the words of decide.ts OutputPathKind. */
function pathKind(st: import("node:fs").Stats): OutputPathKind {
  if (st.isSymbolicLink()) return "symlink";
  if (st.isDirectory()) return "directory";
  if (st.isCharacterDevice()) return "character device";
  if (st.isBlockDevice()) return "block device";
  if (st.isFIFO()) return "FIFO";
  if (st.isSocket()) return "socket";
  return "file";
}

/** `path` with the symlinks of its longest existing prefix resolved (the rest as written, made absolute). */
async function realPath(path: string): Promise<string> {
  const abs = resolve(path);
  const found = await fs.realpath(abs).catch(() => null);
  if (found !== null) return found;
  const parent = dirname(abs);
  return parent === abs ? abs : join(await realPath(parent), basename(abs));
}

/** What is at the output folder's path (followed when it is a symlink). */
export async function observeDir(dir: string): Promise<DirFacts> {
  try {
    const info = await fs.stat(dir);
    if (!info.isDirectory()) return { kind: "not-directory" };
    return { kind: "directory", worldWritable: (info.mode & 0o002) !== 0, writable: await probe(dir) };
  } catch (e) {
    if (errnoCode(e) !== "ENOENT") return { kind: "unusable", error: errnoText(e) };
  }
  const dangling = await danglingLink(dir);
  if (dangling) return dangling;
  let ancestor = dirname(dir);
  for (;;) {
    const info = await fs.stat(ancestor).catch(() => null);
    if (!info) {
      const link = await danglingLink(ancestor);
      if (link) return link;
    }
    if (info) {
      const isDir = info.isDirectory();
      return { kind: "absent", ancestor, ancestorIsDir: isDir, writable: isDir ? await probe(ancestor) : ok };
    }
    if (dirname(ancestor) === ancestor) return { kind: "unusable", error: "no such file" };
    ancestor = dirname(ancestor);
  }
}

/** A symlink at `path` whose target does not exist (stat said ENOENT), or undefined. */
async function danglingLink(path: string): Promise<DirFacts | undefined> {
  const target = await fs.readlink(path).catch(() => null);
  return target === null ? undefined : { kind: "dangling", link: path, target };
}

/** What is at `path`, never following a symlink; a regular file is read whole. */
export async function observeTarget(path: string): Promise<TargetFacts> {
  let info;
  try {
    info = await fs.lstat(path);
  } catch (e) {
    return errnoCode(e) === "ENOENT" ? { kind: "absent" } : { kind: "unreadable", error: errnoText(e) };
  }
  if (info.isSymbolicLink()) return { kind: "symlink" };
  if (!info.isFile()) return { kind: "not-file" };
  try {
    const bytes = new Uint8Array(await fs.readFile(path));
    const ours = wifiprovWrote(new TextDecoder().decode(bytes));
    return { kind: "file", bytes, mode: info.mode & 0o7777, ours };
  } catch (e) {
    return { kind: "unreadable", error: errnoText(e) };
  }
}

const ok: WritableFact = { ok: true };

/**
 * Really creates a file: access(W_OK) is not enough, as root Deno reports a read-only filesystem as
 * writable.
 */
async function probe(dir: string): Promise<WritableFact> {
  const path = join(dir, `.wifiprov-probe-${process.pid}-${crypto.randomUUID().slice(0, 8)}`);
  try {
    await (await fs.open(path, "wx", 0o600)).close();
    return ok;
  } catch (e) {
    return { ok: false, error: errnoText(e) };
  } finally {
    await fs.rm(path, { force: true }).catch(() => undefined);
  }
}

/** Creates `dir` (and its parents, 0755); the error instead of throwing, null on success. */
export function makeDirectory(dir: string): Promise<unknown> {
  return fs.mkdir(dir, { recursive: true, mode: 0o755 }).then(() => null, (e: unknown) => e ?? "error");
}
