// Prints the README's versions × scenarios table from the newest complete lab run of each wpa_supplicant
// generation in .cache/lab/runs/, judged by the same checks as the suites of tests/lab/suite.ts (checks.ts).
// Usage: deno task lab:matrix   (after `deno task test:lab` or `deno task lab --version all`)
import { join } from "node:path";
import { LAB_CACHE } from "../../scripts/lab/image.ts";
import { type LabRun, loadRun } from "../../scripts/lab/run.ts";
import {
  ALL_SCENARIOS,
  reportedVersion,
  type SupplicantVersion,
  VERSIONS,
} from "../../scripts/lab/versions.ts";
import { ALL_CHECKS } from "./checks.ts";
import { Evidence } from "./evidence.ts";

/** One cell: `pass 16.0 s`, `FAIL (first failing check)`, or `—` when the version does not run it. */
export function judge(run: LabRun, name: string): string {
  const marker = run.console.scenarios.find((s) => s.name === name);
  if (marker === undefined) return "FAIL (did not finish)";
  if (marker.rc !== 0) return `FAIL (lab rc ${marker.rc})`;
  const e = new Evidence(join(run.runDir, name));
  const checks = ALL_CHECKS[name] ?? [];
  if (checks.length === 0) return "FAIL (no checks)";
  for (const c of checks) {
    try {
      c.check(e);
    } catch {
      return `FAIL (${c.title})`;
    }
  }
  const version = e.text("supplicant-version.txt").trim();
  if (reportedVersion(version) !== run.version) return `FAIL (ran ${version || "no supplicant"})`;
  return `pass ${marker.seconds.toFixed(1)} s`;
}

/** The newest run of a version that ran all its scenarios, if any. */
async function newestRun(v: SupplicantVersion): Promise<LabRun | undefined> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(join(LAB_CACHE, "runs"))) {
    if (entry.isDirectory && entry.name.endsWith(`-${v.version}`)) names.push(entry.name);
  }
  for (const name of names.sort().reverse()) {
    const run = await loadRun(join(LAB_CACHE, "runs", name)).catch(() => undefined);
    const ran = new Set(run?.console.scenarios.map((s) => s.name));
    if (run !== undefined && v.scenarios.every((s) => ran.has(s))) return run;
  }
  return undefined;
}

async function main(): Promise<number> {
  const runs = await Promise.all(VERSIONS.map(newestRun));
  const header = ["scenario", ...VERSIONS.map((v) => `wpa_supplicant ${v.version} (${v.suite})`)];
  const rows = ALL_SCENARIOS.map((name) => [
    name,
    ...VERSIONS.map((v, i) => {
      const run = runs[i];
      if (!v.scenarios.includes(name)) return "—";
      return run === undefined ? "not run yet" : judge(run, name);
    }),
  ]);
  const boots = VERSIONS.map((_v, i) => {
    const run = runs[i];
    return run === undefined
      ? "no complete run"
      : `${run.runDir.slice(run.runDir.lastIndexOf("/") + 1)}: boot ${run.bootSeconds.toFixed(0)} s`;
  });
  rows.push(["guest boot (run folder)", ...boots]);
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((r) => r[c]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`;
  console.log([line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n"));
  return rows.some((r) => r.some((cell) => cell.startsWith("FAIL") || cell === "not run yet")) ? 1 : 0;
}

if (import.meta.main) {
  Deno.exitCode = await main();
}
