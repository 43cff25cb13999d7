// A lock file so that two builds (say the dist tests and the lab) never write the same dist/ at once.
// A lock left by a dead process is taken over.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** Takes the lock at `path`, waiting up to `timeoutMs`; dispose the result to release it. */
export async function acquireLock(path: string, timeoutMs = 10 * 60_000): Promise<AsyncDisposable> {
  await mkdir(dirname(path), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (let announced = false;; announced = true) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: "wx" });
      return { [Symbol.asyncDispose]: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number.parseInt(await readFile(path, "utf8").catch(() => ""), 10);
    if (!isAlive(holder)) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for "${path}" held by process ${holder}`);
    if (!announced) console.error(`Waiting for another build (process ${holder}) to finish…`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
