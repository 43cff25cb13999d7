// Runs scenarios in one guest boot of one wpa_supplicant generation: prepares a per-run evidence folder,
// boots, and summarises the markers. The evidence stays in `.cache/lab/runs/<id>/` for tests and people.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { ensureImage, LAB_CACHE, REPO_ROOT } from "./image.ts";
import { progress } from "./log.ts";
import { type ConsoleSummary, parseConsole } from "./markers.ts";
import { boot } from "./qemu.ts";
import { ALL_SCENARIOS, DEFAULT_VERSION } from "./versions.ts";

/** Every scenario the guest knows, in order (the version matrix in versions.ts says which run where). */
export const SCENARIOS: readonly string[] = ALL_SCENARIOS;

/**
 * Seconds a scenario may take in the guest. Unloaded they take 9–23 s; with other QEMUs on the same two cores
 * they took up to ~4× that (happy 65 s, 2026-11-29), so the limit leaves room for a loaded machine.
 */
const SCENARIO_TIMEOUT = 300;

/** The agent binary the lead's `deno task dist` builds. */
export const DEFAULT_BINARY: string = join(REPO_ROOT, "dist", "wifiprov-linux-x64");

/** What to run in the guest. */
export interface LabOptions {
  binary: string;
  /** The wpa_supplicant generation (versions.ts); the guest's own by default. */
  version?: string;
  scenarios: readonly string[];
  /** Seconds each scenario may take inside the guest before it is killed. */
  scenarioTimeout?: number;
  /** Mirror the agent's stderr live on the console (the demo uses this). */
  echoAgent?: boolean;
  /** Console lines as they arrive; defaults to printing them on stderr. */
  onLine?: (line: string) => void;
}

/** The outcome of one boot. */
export interface LabRun {
  /** The wpa_supplicant generation the image was built with (what the guest reports is in console). */
  version: string;
  runDir: string;
  binary: string;
  binarySha256: string;
  exitCode: number;
  timedOut: boolean;
  buildSeconds: number;
  bootSeconds: number;
  console: ConsoleSummary;
}

/** Folder names in `.cache/lab/runs/` sort by start time. */
function runId(version: string): string {
  return new Date().toISOString().replaceAll(":", "").replace(/\..*/, "") + `-${Deno.pid}-${version}`;
}

function labEnv(o: LabOptions): string {
  const name = basename(o.binary);
  if (!/^[\w.+-]+$/.test(name)) {
    throw new Error(`The agent binary's file name "${name}" has unusual characters`);
  }
  for (const s of o.scenarios) if (!/^[a-z0-9-]+$/.test(s)) throw new Error(`Unknown scenario name "${s}"`);
  return [
    `LAB_SCENARIOS="${o.scenarios.join(" ")}"`,
    `LAB_AGENT_NAME=${name}`,
    `LAB_SCENARIO_TIMEOUT=${o.scenarioTimeout ?? SCENARIO_TIMEOUT}`,
    `LAB_ECHO_AGENT=${o.echoAgent === true ? 1 : 0}`,
    "",
  ].join("\n");
}

async function sha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest("hex");
}

/** Keeps the newest `keep` run folders; evidence of older runs is only disk use. */
async function pruneRuns(runsDir: string, keep: number): Promise<void> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(runsDir)) if (entry.isDirectory) names.push(entry.name);
  for (const name of names.sort().reverse().slice(keep)) {
    await Deno.remove(join(runsDir, name), { recursive: true }).catch(() => {});
  }
}

/** Builds the image if needed, boots once and runs the scenarios; throws only if the lab itself breaks. */
export async function runLab(o: LabOptions): Promise<LabRun> {
  const binary = resolve(o.binary);
  const stat = await Deno.stat(binary).catch(() => undefined);
  if (stat?.isFile !== true) {
    throw new Error(
      `Agent binary "${binary}" not found: build it with \`deno task dist\` or set WIFIPROV_BINARY`,
    );
  }
  const t0 = performance.now();
  const version = o.version ?? DEFAULT_VERSION;
  const image = await ensureImage(version);
  const buildSeconds = (performance.now() - t0) / 1000;
  const runDir = join(LAB_CACHE, "runs", runId(version));
  await Deno.mkdir(runDir, { recursive: true });
  // A matrix run is one folder per version: keep several matrix runs.
  await pruneRuns(dirname(runDir), 15);
  await Deno.writeTextFile(join(runDir, "lab.env"), labEnv(o));
  const timeoutSeconds = 120 + o.scenarios.length * (o.scenarioTimeout ?? SCENARIO_TIMEOUT);
  progress(
    `booting the guest with wpa_supplicant ${version} (${
      o.scenarios.join(", ")
    }); evidence in ${runDir}; hard limit ${timeoutSeconds} s`,
  );
  // A private copy: a `deno task dist` rebuilding the binary mid-run cannot change what the guest tests.
  const agentDir = join(runDir, "agent");
  await Deno.mkdir(agentDir);
  await Deno.copyFile(binary, join(agentDir, basename(binary)));
  const binarySha256 = await sha256(join(agentDir, basename(binary)));
  const result = await boot({
    image,
    repoDir: REPO_ROOT,
    runDir,
    agentDir,
    timeoutSeconds,
    onLine: o.onLine ?? ((line) => console.error(`  guest| ${line}`)),
  }).finally(() => Deno.remove(agentDir, { recursive: true }));
  await Deno.writeTextFile(join(runDir, "console.log"), result.console.join("\n") + "\n");
  const run: LabRun = {
    version,
    runDir,
    binary,
    binarySha256,
    exitCode: result.exitCode,
    timedOut: result.timedOut,
    buildSeconds,
    bootSeconds: result.seconds,
    console: parseConsole(result.console),
  };
  await Deno.writeTextFile(join(runDir, "summary.json"), JSON.stringify(run, null, 2) + "\n");
  progress(
    `guest finished after ${result.seconds.toFixed(1)} s (qemu exit ${result.exitCode}${
      result.timedOut ? ", killed at the hard limit" : ""
    })`,
  );
  return run;
}

/** Reads the summary of an earlier run, to check its evidence again without booting. */
export async function loadRun(runDir: string): Promise<LabRun> {
  return JSON.parse(await Deno.readTextFile(join(runDir, "summary.json"))) as LabRun;
}
