// Gathers the facts detect.ts decides on, from /proc, /run and /sys: running processes with their arguments,
// NetworkManager's per-device state, control sockets and the interface's up flag. Paths are injectable.
import * as fs from "node:fs/promises";
import { statSync } from "node:fs";
import { join } from "node:path";
import { type ManagerFacts, overrideDir, type ProcessEntry } from "../manager/detect.ts";

/** Where the probe looks; tests point these at fake trees. */
export interface ProbePaths {
  proc: string;
  /** NetworkManager's runtime directory (per-device state in `devices/<ifindex>`). */
  networkManagerRun: string;
  sysClassNet: string;
}

/** The real locations. */
export const SYSTEM_PATHS: ProbePaths = {
  proc: "/proc",
  networkManagerRun: "/run/NetworkManager",
  sysClassNet: "/sys/class/net",
};

/** Reads the facts for `iface`; unreadable entries (a process that just exited) are skipped, never fatal. */
export async function probeManagers(iface: string, paths: ProbePaths = SYSTEM_PATHS): Promise<ManagerFacts> {
  const processes = await listProcesses(paths.proc);
  const ifindex = (await readText(join(paths.sysClassNet, iface, "ifindex")))?.trim();
  const flags = Number((await readText(join(paths.sysClassNet, iface, "flags")))?.trim() ?? "0");
  const nmState = ifindex ? await readText(join(paths.networkManagerRun, "devices", ifindex)) : undefined;
  const nmManaged = nmState === undefined ? undefined : /^managed=(\w+)/m.exec(nmState)?.[1];
  const sockets = new Map<string, boolean>();
  const ctrlSocketIn = (dir: string) => {
    if (!sockets.has(dir)) {
      sockets.set(dir, statSync(join(dir, iface), { throwIfNoEntry: false })?.isSocket() === true);
    }
    return sockets.get(dir)!;
  };
  // Warm the cache for every -O directory now, so the pure decision sees one consistent moment.
  for (const p of processes) {
    const dir = p.name === "wpa_supplicant" ? overrideDir(p.argv) : undefined;
    if (dir !== undefined) ctrlSocketIn(dir);
  }
  return {
    processes,
    ifaceExists: ifindex !== undefined && ifindex !== "",
    ...(nmManaged === undefined ? {} : { nmDeviceManaged: nmManaged !== "false" }),
    ctrlSocketIn,
    // IFF_UP is bit 0 of /sys/class/net/<iface>/flags (hex).
    ifaceUp: (flags & 1) === 1,
  };
}

async function readText(path: string): Promise<string | undefined> {
  return await fs.readFile(path, "utf8").catch(() => undefined);
}

/** Every numeric /proc entry: its program name and NUL-separated cmdline. */
async function listProcesses(proc: string): Promise<ProcessEntry[]> {
  const names = await fs.readdir(proc).catch(() => [] as string[]);
  const entries: ProcessEntry[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const comm = await readText(join(proc, name, "comm"));
    const cmdline = await readText(join(proc, name, "cmdline"));
    if (comm === undefined || cmdline === undefined) continue;
    const argv = cmdline.split("\0");
    if (argv.at(-1) === "") argv.pop();
    // comm is cut at 15 characters ("systemd-network"); the program's own file name is not.
    const program = argv[0]?.split("/").at(-1);
    entries.push({ pid: Number(name), name: program || comm.trim(), argv });
  }
  return entries;
}
