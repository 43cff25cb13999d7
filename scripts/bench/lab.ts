// Provisioning time in the lab (issue 7, part 1). Boots the lab's guest once (scripts/lab: image, QEMU,
// /init and runner) with a staged copy of its guest folder plus the bench scenario, so nothing in
// scripts/lab changes; then turns the evidence into rows. Any failure of the lab becomes a row saying
// "lab unavailable: <reason>": no number is ever made up.
import { cp, link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { ensureImage } from "../lab/image.ts";
import { parseConsole } from "../lab/markers.ts";
import { boot } from "../lab/qemu.ts";
import { BENCH_CACHE, REPO_ROOT } from "./artifacts.ts";
import { parseTimed, type RunTiming, timeRun } from "./lab_parse.ts";
import { labTimingRows } from "./lab_rows.ts";
import { type Row, unavailableRow } from "./table.ts";

const SECTION = "1 lab";
/** What bench.sh times once per start-up round (scripts/bench/guest/bench.sh, `startup-<name>-<i>`). */
const STARTUP_COMMANDS = ["hello", "version", "validate"] as const;
/** Seconds between two polls of the baseline script (lab-notes: the lab's own helpers poll every 0.25 s). */
export const BASELINE_POLL_SECONDS = 0.2;
const VARIANTS = ["agent", "agent-bssid", "baseline"] as const;
/** Generous per-run budget inside the guest: setup ~3 s, scan ~4 s, WPS ~1 s, a refused first association 10 s. */
const SECONDS_PER_RUN = 45;

/**
 * The guest mounts the repo share at /repo and runs /repo/scripts/lab/guest/main.sh, which only knows the
 * scenarios in its own folder. A staged copy of that folder with scenarios/bench.sh added is the adapter.
 */
async function stageRepo(stage: string): Promise<void> {
  await rm(stage, { recursive: true, force: true });
  await mkdir(join(stage, "scripts", "bench"), { recursive: true });
  await cp(join(REPO_ROOT, "scripts/lab/guest"), join(stage, "scripts/lab/guest"), { recursive: true });
  await cp(join(REPO_ROOT, "scripts/bench/guest"), join(stage, "scripts/bench/guest"), { recursive: true });
  await cp(
    join(REPO_ROOT, "scripts/bench/guest/bench.sh"),
    join(stage, "scripts/lab/guest/scenarios/bench.sh"),
  );
}

/**
 * The guest's /agent share: hard links to the agent and the hello world (no 110 MB copies), so the guest
 * can time the bare Bun start next to the agent's.
 */
async function stageBinaries(dir: string, agent: string, hello: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await link(agent, join(dir, basename(agent)));
  await link(hello, join(dir, "hello-linux-x64"));
}

/** lab.env, sourced by the guest runner; the bench's own settings are exported for the scenario's shell. */
function labEnv(agentName: string, runs: number, scenarioTimeout: number): string {
  return [
    'LAB_SCENARIOS="bench"',
    `LAB_AGENT_NAME=${agentName}`,
    `LAB_SCENARIO_TIMEOUT=${scenarioTimeout}`,
    "LAB_ECHO_AGENT=0",
    `export BENCH_RUNS=${runs}`,
    `export BENCH_POLL=${BASELINE_POLL_SECONDS}`,
    "export BENCH_GUEST=/repo/scripts/bench/guest",
    "",
  ].join("\n");
}

async function readOr(path: string): Promise<string> {
  return await readFile(path, "utf8").catch(() => "");
}

/** Durations in ms of the start-up commands the guest timed before the rounds, by command name. */
async function collectStartups(benchDir: string): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = {};
  for (const name of STARTUP_COMMANDS) {
    times[name] = [];
    for (let i = 1;; i++) {
      const text = await readOr(join(benchDir, `startup-${name}-${i}`, "stdout.ts"));
      if (text === "") break;
      const timed = parseTimed(text);
      if (timed) times[name].push((timed.end - timed.start) * 1000);
    }
  }
  return times;
}

/** Reads every run the guest recorded in bench/runs.txt. */
async function collectRuns(benchDir: string): Promise<RunTiming[]> {
  const list = await readOr(join(benchDir, "runs.txt"));
  const runs: RunTiming[] = [];
  for (const line of list.split("\n").filter(Boolean)) {
    const [round, variant, state] = line.split(" ") as [string, string, string];
    if (state !== "ran") {
      runs.push({ variant, round: Number(round), ok: false, failure: state });
      continue;
    }
    const dir = join(benchDir, `${round.padStart(2, "0")}-${variant}`);
    runs.push(timeRun(variant, Number(round), {
      stdout: await readOr(join(dir, "stdout.ts")),
      stderr: await readOr(join(dir, "stderr.ts")),
      rc: await readOr(join(dir, "rc")),
      monitor: await readOr(join(dir, "monitor.ts")),
      supplicantLog: await readOr(join(dir, "wpa_supplicant-wlan2.log")),
      mtime: await readOr(join(dir, "mtime.txt")),
    }));
  }
  return runs;
}

/** Boots the guest with the bench scenario; returns the runs, or the reason the lab could not deliver. */
async function runInGuest(
  agent: string,
  hello: string,
  runs: number,
): Promise<{ runs: RunTiming[]; runDir: string } | string> {
  let image;
  try {
    image = await ensureImage();
  } catch (e) {
    return `the lab image could not be built (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`;
  }
  const stage = join(BENCH_CACHE, "lab-repo");
  await stageRepo(stage);
  const agentDir = join(BENCH_CACHE, "lab-agent");
  await stageBinaries(agentDir, agent, hello);
  const runDir = join(
    BENCH_CACHE,
    "lab-runs",
    new Date().toISOString().replaceAll(":", "").replace(/\..*/, ""),
  );
  await mkdir(runDir, { recursive: true });
  const scenarioTimeout = runs * VARIANTS.length * SECONDS_PER_RUN + 60;
  await writeFile(join(runDir, "lab.env"), labEnv(basename(agent), runs, scenarioTimeout));
  console.error(`bench: booting the lab guest for ${runs} × ${VARIANTS.join(", ")}; evidence in ${runDir}`);
  const result = await boot({
    image,
    repoDir: stage,
    runDir,
    agentDir,
    timeoutSeconds: scenarioTimeout + 120,
    onLine: (line) => {
      if (/^(LAB-|\[\+)/.test(line)) console.error(`  guest| ${line}`);
    },
  });
  await writeFile(join(runDir, "console.log"), result.console.join("\n") + "\n");
  const summary = parseConsole(result.console);
  const bench = summary.scenarios.find((s) => s.name === "bench");
  if (summary.agentMissing) return `the guest did not find the agent binary (${summary.agentMissing})`;
  if (!bench) {
    const why = result.timedOut ? "QEMU was killed at the hard time limit" : `QEMU exited ${result.exitCode}`;
    return `the bench scenario did not finish (${why}; ${summary.fatal[0] ?? "see console.log"}; ${runDir})`;
  }
  if (bench.rc !== 0) {
    const fatal = (await readOr(join(runDir, "bench", "fatal.txt"))).trim();
    return `the bench scenario failed in the guest (rc=${bench.rc}${
      fatal ? `: ${fatal}` : ""
    }; see ${runDir})`;
  }
  return { runs: await collectRuns(join(runDir, "bench")), runDir };
}

/** Rows from the evidence of an earlier boot (its run folder), without booting again. */
export async function labRowsFrom(runDir: string): Promise<Row[]> {
  const runs = await collectRuns(join(runDir, "bench"));
  if (runs.length === 0) return unavailable(`no runs recorded in ${runDir}/bench/runs.txt`);
  return labTimingRows(runs, runDir, BASELINE_POLL_SECONDS, await collectStartups(join(runDir, "bench")));
}

function unavailable(reason: string): Row[] {
  return [
    unavailableRow(
      SECTION,
      "provisioning time, agent vs baseline script",
      "≤ 1.05× baseline",
      reason,
      "lab unavailable",
    ),
    unavailableRow(
      SECTION,
      "agent: CTRL-EVENT-CONNECTED → report printed",
      "≤ 150 ms",
      reason,
      "lab unavailable",
    ),
  ];
}

/** The lab rows: provisioning time against the baseline, and the agent's overhead after the connection. */
export async function labRows(agent: string, hello: string, runs: number): Promise<Row[]> {
  let outcome;
  try {
    outcome = await runInGuest(agent, hello, runs);
  } catch (e) {
    outcome = e instanceof Error ? e.message.split("\n")[0]! : String(e);
  }
  if (typeof outcome === "string") {
    return [
      unavailableRow(
        SECTION,
        "provisioning time, agent vs baseline script",
        "≤ 1.05× baseline",
        outcome,
        "lab unavailable",
      ),
      unavailableRow(
        SECTION,
        "agent: CTRL-EVENT-CONNECTED → report printed",
        "≤ 150 ms",
        outcome,
        "lab unavailable",
      ),
    ];
  }
  await writeFile(join(outcome.runDir, "timings.json"), JSON.stringify(outcome.runs, null, 2) + "\n");
  const startups = await collectStartups(join(outcome.runDir, "bench"));
  return labTimingRows(outcome.runs, outcome.runDir, BASELINE_POLL_SECONDS, startups);
}
