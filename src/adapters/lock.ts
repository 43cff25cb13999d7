// One agent at a time per output directory and per interface: lock files created with O_EXCL holding our
// pid plus the process's identity (boot id and start time from /proc). A second agent exits 3 with a clear
// message instead of interleaving writes or driving the same supplicant; a lock left by a dead agent is
// taken over, also when its pid was reused after a reboot or by another program.
import * as fs from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EnvironmentError, errnoCode, errnoText } from "../errors.ts";
import { DEFAULTS, type Settings } from "../plan/settings.ts";

/** The lock file's name inside the output directory. */
export const LOCK_NAME = ".wifiprov.lock";

/** A held lock. */
export interface Lock {
  release(): Promise<void>;
}

/** Takes the output directory's lock or throws EnvironmentError("locked"); the result releases it. */
export function acquireLock(dir: string): Promise<Lock> {
  return lockFile(join(dir, LOCK_NAME), 0o600, dirHolder(dir));
}

/**
 * Read-only: the error taking the run's locks (acquireRunLocks) would meet now, from a live holder of the
 * output directory's lock or of the interface's in any of its folders; null when they are free or stale.
 * Creates, takes over and removes nothing (`provision --dry-run`).
 */
export async function heldRunLock(
  settings: Pick<Settings, "outputDir" | "iface" | "lockDir">,
): Promise<EnvironmentError | null> {
  try {
    await refuseLiveHolder(join(settings.outputDir, LOCK_NAME), dirHolder(settings.outputDir));
    if (settings.iface === null) return null;
    for (const dir of interfaceLockDirs(settings.lockDir)) {
      await refuseLiveHolder(join(dir, `${settings.iface}.lock`), ifaceHolder(settings.iface));
    }
    return null;
  } catch (e) {
    if (e instanceof EnvironmentError) return e;
    throw e;
  }
}

/** The end of "Another wifiprov (pid N) …" for each lock. */
const dirHolder = (dir: string) => `is provisioning into "${dir}"`;
const ifaceHolder = (iface: string) => `is driving the supplicant on interface "${iface}"`;

/**
 * Takes every lock a run needs: the output directory's, then (when the run has an interface) the
 * interface's, so two runs into different folders still never drive one supplicant at once.
 * @throws EnvironmentError as acquireLock and acquireInterfaceLock; nothing stays held then.
 */
export async function acquireRunLocks(
  settings: Pick<Settings, "outputDir" | "iface" | "lockDir">,
): Promise<Lock> {
  const dirLock = await acquireLock(settings.outputDir);
  if (settings.iface === null) return dirLock;
  let ifaceLock: Lock;
  try {
    ifaceLock = await acquireInterfaceLock(settings.iface, interfaceLockDirs(settings.lockDir));
  } catch (e) {
    await dirLock.release();
    throw e;
  }
  return {
    release: async () => {
      await ifaceLock.release();
      await dirLock.release();
    },
  };
}

/**
 * Where the per-interface lock may go, in order: the given folder (`--lock-dir`/WIFIPROV_LOCK_DIR) alone,
 * else /run/wifiprov (run-time state, cleared at boot), then `<tmpdir>/wifiprov-<uid>` for an agent
 * that cannot write /run.
 */
export function interfaceLockDirs(given: string | null): string[] {
  if (given !== null) return [given];
  return [DEFAULTS.lockDir, join(tmpdir(), `wifiprov-${process.getuid?.() ?? "user"}`)];
}

/**
 * Takes the lock of interface `iface` (a name checked by plan/names.ts, so it is one path component): the
 * first of `dirs` that can hold it is used, but a live holder in any earlier one refuses the run.
 * @throws EnvironmentError `locked` naming the interface, or `lock-dir-unusable` when no folder can hold it.
 */
export async function acquireInterfaceLock(iface: string, dirs: string[]): Promise<Lock> {
  const what = ifaceHolder(iface);
  const problems: string[] = [];
  for (const [i, dir] of dirs.entries()) {
    const path = join(dir, `${iface}.lock`);
    const usable = await usableLockDir(dir, i > 0 ? "own" : "any");
    if (usable !== null) {
      problems.push(`"${dir}": ${usable}`);
      await refuseLiveHolder(path, what);
      continue;
    }
    try {
      return await lockFile(path, 0o644, what);
    } catch (e) {
      if (!(e instanceof EnvironmentError) || e.reason === "locked") throw e;
      problems.push(e.message);
    }
  }
  throw new EnvironmentError(
    "lock-dir-unusable",
    `Cannot take the lock of "${iface}": ${problems.join("; ")}`,
  );
}

/**
 * Creates `dir` (0755) when missing and says why it cannot hold locks, or null. A fallback folder in a
 * shared place (`own`) must be ours and writable by nobody else, so no other user can plant a lock there.
 */
async function usableLockDir(dir: string, owner: "own" | "any"): Promise<string | null> {
  try {
    await fs.mkdir(dir, { recursive: true, mode: 0o755 });
    const st = await fs.lstat(dir);
    if (!st.isDirectory()) return "not a directory";
    const uid = process.getuid?.();
    if (owner === "own" && uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0)) {
      return "not a private folder of this user";
    }
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

/** A live holder of `path` refuses the run even when this agent cannot use that folder itself. */
async function refuseLiveHolder(path: string, what: string): Promise<void> {
  const holder = await lockHolder(path);
  if (holder !== null && isAlive(holder.pid) && sameProcess(holder)) {
    throw new EnvironmentError(
      "locked",
      `Another wifiprov (pid ${holder.pid}) ${what}; wait for it to finish`,
    );
  }
}

/** Creates the lock file at `path`, taking over a stale one; `what` completes "Another wifiprov (pid N) …". */
async function lockFile(path: string, mode: number, what: string): Promise<Lock> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeLock(path, mode);
      return { release: () => fs.rm(path, { force: true }) };
    } catch (e) {
      if (errnoCode(e) !== "EEXIST") {
        throw new EnvironmentError(
          "output-dir-unwritable",
          `Cannot create the lock "${path}": ${errnoText(e)}`,
        );
      }
      await refuseLiveHolder(path, what);
      await fs.rm(path, { force: true }); // stale: its agent is gone
    }
  }
  throw new EnvironmentError("locked", `Cannot take the lock "${path}"`);
}

/** Creates the lock holding our pid; a lock that could not be completely written is removed again. */
async function writeLock(path: string, mode: number): Promise<void> {
  const handle = await fs.open(path, "wx", mode);
  try {
    await handle.writeFile(`${process.pid} ${identity(process.pid) ?? ""}\n`);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.rm(path, { force: true });
    throw e;
  }
  await handle.close();
}

interface Holder {
  pid: number;
  /** `<boot id>:<start time>` when the holder could record it. */
  identity?: string;
}

async function lockHolder(path: string): Promise<Holder | null> {
  const [pidText, identity] = (await fs.readFile(path, "utf8").catch(() => "")).trim().split(/\s+/);
  const pid = Number.parseInt(pidText ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return identity ? { pid, identity } : { pid };
}

/** Whether the live process with the holder's pid is the holder itself (not a reused pid). */
function sameProcess(holder: Holder): boolean {
  if (holder.identity === undefined) return true; // no identity recorded: the pid is all we know
  const now = identity(holder.pid);
  return now === null || now === holder.identity;
}

/**
 * A process's identity across pid reuse: the kernel's boot id and the process's start time in clock
 * ticks (field 22 of /proc/<pid>/stat, proc(5)); null where /proc cannot tell.
 */
function identity(pid: number): string | null {
  try {
    const bootId = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const startTime = fields[19];
    return bootId && startTime ? `${bootId}:${startTime}` : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === "EPERM";
  }
}
