// Puts a rendered config on disk without ever leaving a half-written or world-readable file: a 0600 temp
// file in the same directory, fsync, rename; an existing different file is kept unless forced (then it
// becomes <id>.conf.bak); a symlink at the target is never followed.
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { wifiprovWrote } from "./render.ts";
import { type EnvironmentReason, errnoCode, errnoText, WriteError } from "../errors.ts";

/** What happened to one target file. */
export type WriteOutcome =
  | { kind: "written"; path: string; backupPath?: string }
  | { kind: "unchanged"; path: string }
  | { kind: "conflict"; path: string };

export { WriteError };

/**
 * Fault injection for tests only: a pause between the durable temp write and the rename, so a test can
 * SIGKILL the agent exactly there and check that the old file survives (WIFIPROV_TEST_PAUSE_BEFORE_RENAME_MS).
 */
export interface WriteFaults {
  pauseBeforeRenameMs?: number;
}

/** The file a network's config goes to. */
export function configPathFor(dir: string, id: string): string {
  return join(dir, `${id}.conf`);
}

/** Reads the current target if it is a regular file; null when absent. Throws WriteError for a symlink. */
export async function readExisting(path: string): Promise<string | null> {
  let info;
  try {
    info = await fs.lstat(path);
  } catch (e) {
    if (errnoCode(e) === "ENOENT") return null;
    throw new WriteError("read-failed", `Cannot inspect "${path}": ${errnoText(e)}`);
  }
  if (info.isSymbolicLink()) {
    throw new WriteError("target-is-symlink", `"${path}" is a symbolic link; refusing to follow it`);
  }
  if (!info.isFile()) throw new WriteError("target-not-file", `"${path}" exists and is not a regular file`);
  return await fs.readFile(path, "utf8");
}

/** Writes `text` to `<dir>/<id>.conf` atomically, honouring the unchanged/conflict/force rules. */
export async function writeConfig(
  dir: string,
  id: string,
  text: string,
  force: boolean,
  faults: WriteFaults = {},
): Promise<WriteOutcome> {
  const path = configPathFor(dir, id);
  const existing = await readExisting(path);
  if (existing === text) return { kind: "unchanged", path };
  if (existing !== null && !force) return { kind: "conflict", path };
  const temp = join(dir, `.${id}.conf.tmp-${process.pid}-${crypto.randomUUID().slice(0, 8)}`);
  try {
    await writeDurably(temp, text);
    const backupPath = existing !== null ? await keepBackup(dir, id, path, existing) : undefined;
    if (faults.pauseBeforeRenameMs) await new Promise((r) => setTimeout(r, faults.pauseBeforeRenameMs));
    await fs.rename(temp, path);
    await syncDirectory(dir);
    return backupPath ? { kind: "written", path, backupPath } : { kind: "written", path };
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    if (e instanceof WriteError) throw e;
    throw new WriteError("write-failed", `Cannot write "${path}": ${errnoText(e)}`);
  }
}

/** Checks up front that configs can be written here, so no WPS exchange is wasted on an unwritable directory. */
export async function checkOutputDir(
  dir: string,
): Promise<{ ok: true } | { ok: false; reason: EnvironmentReason; message: string }> {
  let info;
  try {
    info = await fs.stat(dir); // follows a symlinked directory on purpose: read-only-root images use one
  } catch (e) {
    if (errnoCode(e) !== "ENOENT") {
      return { ok: false, reason: "output-dir-unusable", message: describe(dir, e) };
    }
    try {
      await fs.mkdir(dir, { recursive: true, mode: 0o755 });
      return { ok: true };
    } catch (e2) {
      return { ok: false, reason: "output-dir-unwritable", message: describe(dir, e2) };
    }
  }
  if (!info.isDirectory()) {
    return { ok: false, reason: "output-dir-unusable", message: `"${dir}" is not a directory` };
  }
  if ((info.mode & 0o002) !== 0) {
    return {
      ok: false,
      reason: "output-dir-insecure",
      message: `output directory "${dir}" is world-writable`,
    };
  }
  // access(W_OK) is not enough: as root, Deno reports a read-only filesystem as writable. Really create a file.
  const probe = join(dir, `.wifiprov-probe-${process.pid}-${crypto.randomUUID().slice(0, 8)}`);
  try {
    await (await fs.open(probe, "wx", 0o600)).close();
  } catch (e) {
    return { ok: false, reason: "output-dir-unwritable", message: describe(dir, e) };
  } finally {
    await fs.rm(probe, { force: true }).catch(() => undefined);
  }
  return { ok: true };
}

async function writeDurably(path: string, text: string): Promise<void> {
  // "wx" + mode: the file is born 0600, never briefly readable by others, and never replaces anything.
  const handle = await fs.open(path, "wx", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Hard-links the old file to <id>.conf.bak, so the target path is never missing, even for a moment. A .bak
 * holding a hand-written file is the user's only copy of it: replacing wifiprov's own output again never
 * overwrites it (no new backup then).
 */
async function keepBackup(
  dir: string,
  id: string,
  path: string,
  existing: string,
): Promise<string | undefined> {
  const backup = join(dir, `${id}.conf.bak`);
  const previous = await readExisting(backup).catch(() => null);
  if (previous !== null && !wifiprovWrote(previous) && wifiprovWrote(existing)) return undefined;
  const temp = join(dir, `.${id}.conf.bak-${process.pid}-${crypto.randomUUID().slice(0, 8)}`);
  await fs.link(path, temp);
  await fs.rename(temp, backup);
  return backup;
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

function describe(dir: string, e: unknown): string {
  return `output directory "${dir}" is not writable: ${errnoText(e)}`;
}
