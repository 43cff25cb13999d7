// Watches a process tree through /proc while it runs: every few milliseconds, the argv (and environment) of
// each descendant of a root pid, so a secret passed on any command line, however briefly, is caught.
import { readdirSync, readFileSync } from "node:fs";

/** What the watcher saw, per pid: the command line and environment, NUL-separated fields joined by spaces. */
export interface Seen {
  argv: Map<number, string>;
  environ: Map<number, string>;
}

function ppidOf(pid: number): number | null {
  try {
    // The command name is in parentheses and may contain spaces: the fields after the last ")" are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null; // gone already
  }
}

function read(path: string): string | null {
  try {
    return readFileSync(path).toString("latin1").replaceAll("\0", " ");
  } catch {
    return null;
  }
}

/** The root and every pid whose ppid chain leads to it. */
function tree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = ppidOf(Number(name));
    if (ppid !== null) parent.set(Number(name), ppid);
  }
  return [...parent.keys()].filter((pid) => {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && hops < 64; p = parent.get(p), hops++) {
      if (p === root) return true;
    }
    return false;
  });
}

/** Polls the tree under `root` every `everyMs` until `stop()`; returns what was seen. */
export function watchTree(root: number, everyMs = 3): { stop(): Seen } {
  const seen: Seen = { argv: new Map(), environ: new Map() };
  const timer = setInterval(() => {
    for (const pid of tree(root)) {
      const argv = read(`/proc/${pid}/cmdline`);
      if (argv) seen.argv.set(pid, `${seen.argv.get(pid) ?? ""}\n${argv}`);
      const env = read(`/proc/${pid}/environ`);
      if (env) seen.environ.set(pid, env);
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return seen;
    },
  };
}
