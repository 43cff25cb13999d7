// What else the machine was doing while a part ran: the load average and other QEMU guests (the lab's own
// tests run concurrently on this 2-core machine), sampled so a noisy figure can be told from a slow agent.
import { readdir, readFile } from "node:fs/promises";

/** Load while one part ran. */
export interface LoadSample {
  /** Highest 1-minute load average seen. */
  maxLoad1: number;
  /** Most QEMU processes seen at once that this benchmark did not start. */
  otherQemu: number;
}

async function otherQemuCount(ownMarker: string): Promise<number> {
  let count = 0;
  for (const pid of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (cmdline.startsWith("qemu-system") || cmdline.includes("/qemu-system")) {
      if (!cmdline.includes(ownMarker)) count++;
    }
  }
  return count;
}

async function load1(): Promise<number> {
  const text = await readFile("/proc/loadavg", "utf8").catch(() => "0");
  return Number(text.split(" ")[0]);
}

/**
 * Samples every `everyMs` until the returned function is called, which resolves to the worst seen.
 * `ownMarker` is a path only this benchmark's QEMU has on its command line.
 */
export function watchLoad(ownMarker: string, everyMs = 2000): () => Promise<LoadSample> {
  const worst: LoadSample = { maxLoad1: 0, otherQemu: 0 };
  const sample = async () => {
    worst.maxLoad1 = Math.max(worst.maxLoad1, await load1());
    worst.otherQemu = Math.max(worst.otherQemu, await otherQemuCount(ownMarker));
  };
  void sample();
  const timer = setInterval(() => void sample(), everyMs);
  return async () => {
    clearInterval(timer);
    await sample();
    return { ...worst };
  };
}
