// Reads the guest's serial-console markers (pure): which scenarios ran, their exit codes and durations.
// Marker lines are written by scripts/lab/guest/init.sh and main.sh.

/** One scenario as the guest runner reported it. */
export interface ScenarioMarker {
  name: string;
  /** The scenario script's exit code; 143 or 124-like codes mean the guest's timeout ended it. */
  rc: number;
  seconds: number;
}

/** Everything the console said about a run. */
export interface ConsoleSummary {
  userlandUptime?: number;
  readyUptime?: number;
  kernel?: string;
  agentCopySeconds?: number;
  agentMissing?: string;
  /** The first line of the guest's `wpa_supplicant -v` (`wpa_supplicant v2.10`). */
  supplicant?: string;
  scenarios: ScenarioMarker[];
  started: string[];
  done?: { rc: number; uptime: number };
  fatal: string[];
}

function field(line: string, key: string): string | undefined {
  return new RegExp(`(?:^|\\s)${key}=(\\S*)`).exec(line)?.[1];
}

function num(line: string, key: string): number | undefined {
  const value = field(line, key);
  return value === undefined ? undefined : Number(value);
}

/** Parses the console lines of one boot. */
export function parseConsole(lines: readonly string[]): ConsoleSummary {
  const summary: ConsoleSummary = { scenarios: [], started: [], fatal: [] };
  for (const line of lines) {
    const [marker, name] = line.split(" ");
    if (marker === "LAB-USERLAND") {
      const uptime = num(line, "uptime");
      if (uptime !== undefined) summary.userlandUptime = uptime;
    } else if (marker === "LAB-READY") {
      const uptime = num(line, "uptime");
      const kernel = field(line, "kernel");
      if (uptime !== undefined) summary.readyUptime = uptime;
      if (kernel !== undefined) summary.kernel = kernel;
    } else if (marker === "LAB-AGENT") {
      const copied = num(line, "seconds");
      const missing = field(line, "missing");
      if (copied !== undefined) summary.agentCopySeconds = copied;
      if (missing !== undefined) summary.agentMissing = missing;
    } else if (marker === "LAB-SUPPLICANT") {
      summary.supplicant = line.slice(marker.length + 1).trim();
    } else if (marker === "LAB-SCENARIO-BEGIN" && name !== undefined) {
      summary.started.push(name);
    } else if (marker === "LAB-SCENARIO-END" && name !== undefined) {
      summary.scenarios.push({ name, rc: num(line, "rc") ?? -1, seconds: num(line, "seconds") ?? NaN });
    } else if (marker === "LAB-DONE") {
      summary.done = { rc: num(line, "rc") ?? -1, uptime: num(line, "uptime") ?? NaN };
    } else if (marker === "LAB-FATAL") {
      summary.fatal.push(line);
    }
  }
  return summary;
}
