// One agent at a time per output directory: a lock file created with O_EXCL and holding our pid. A second
// agent exits 3 with a clear message instead of interleaving writes; a lock left by a dead agent is taken over.
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { EnvironmentError } from "./wpa/driver.ts";

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
      const code = (e as { code?: string }).code;
      if (code !== "EEXIST") {
        throw new EnvironmentError(
          "output-dir-unwritable",
          `Cannot create the lock "${path}": ${code ?? String(e)}`,
        );
      }
      const holder = await lockHolder(path);
      if (holder !== null && isAlive(holder)) {
        throw new EnvironmentError(
          "locked",
          `Another wifiprov (pid ${holder}) is provisioning into "${dir}"; wait for it to finish`,
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
    await handle.writeFile(`${process.pid}\n`);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.rm(path, { force: true });
    throw e;
  }
  await handle.close();
}

async function lockHolder(path: string): Promise<number | null> {
  const text = await fs.readFile(path, "utf8").catch(() => "");
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM";
  }
}
