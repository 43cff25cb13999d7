// One agent at a time per output directory: a lock file created with O_EXCL and holding our pid plus the
// process's identity (boot id and start time from /proc). A second agent exits 3 with a clear message
// instead of interleaving writes; a lock left by a dead agent is taken over, also when its pid was reused
// after a reboot or by another program.
import * as fs from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EnvironmentError, errnoCode, errnoText } from "./errors.ts";

/** The lock file's name inside the output directory. */
export const LOCK_NAME = ".wifiprov.lock";

/** Takes the lock or throws EnvironmentError("locked"); the result releases it. */
export async function acquireLock(dir: string): Promise<{ release(): Promise<void> }> {
  const path = join(dir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeLock(path);
      return { release: () => fs.rm(path, { force: true }) };
    } catch (e) {
      if (errnoCode(e) !== "EEXIST") {
        throw new EnvironmentError(
          "output-dir-unwritable",
          `Cannot create the lock "${path}": ${errnoText(e)}`,
        );
      }
      const holder = await lockHolder(path);
      if (holder !== null && isAlive(holder.pid) && sameProcess(holder)) {
        throw new EnvironmentError(
          "locked",
          `Another wifiprov (pid ${holder.pid}) is provisioning into "${dir}"; wait for it to finish`,
        );
      }
      await fs.rm(path, { force: true }); // stale: its agent is gone
    }
  }
  throw new EnvironmentError("locked", `Cannot take the lock "${path}"`);
}

/** Creates the lock holding our pid; a lock that could not be completely written is removed again. */
async function writeLock(path: string): Promise<void> {
  const handle = await fs.open(path, "wx", 0o600);
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
