// Cold start (issue 7, part 2): wall time of `wifiprov --version` and `wifiprov validate` against the
// Bun-compiled hello world, spawned alternately so that machine noise hits both sides alike.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./artifacts.ts";
import { formatMs, median } from "./stats.ts";
import { atMost, type Row, unavailableRow } from "./table.ts";

const SECTION = "2 cold start";
/** Issue 13's steps toward the runtime floor: `--version` ≤ 1.5×, `validate` ≤ 3× the hello world. */
const VERSION_LIMIT = 1.5;
const VALIDATE_LIMIT = 3;
const WARMUP = 3;

/** A provisioning file worth validating: one WPS and one PSK network whose passphrase comes from the env. */
export const VALIDATE_FILE: string = join(REPO_ROOT, "examples", "site.yaml");
const VALIDATE_ENV = { OFFICE_PASSPHRASE: "correct horse battery staple" };

interface Command {
  argv: string[];
  env?: Record<string, string>;
}

/** Runs a command once and returns its wall time in ms; throws when it fails, since its time would mislead. */
function timeOnce(command: Command): number {
  const [program, ...args] = command.argv as [string, ...string[]];
  const started = performance.now();
  const result = spawnSync(program, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...command.env },
  });
  const ms = performance.now() - started;
  if (result.status !== 0) {
    const stderr = result.stderr?.toString().trim() || result.error?.message || "";
    throw new Error(`"${command.argv.join(" ")}" exited with ${result.status}: ${stderr}`);
  }
  return ms;
}

/** Times two commands `runs` times each, alternating A and B; returns both lists of wall times. */
export function timeAlternating(a: Command, b: Command, runs: number): { a: number[]; b: number[] } {
  for (let i = 0; i < WARMUP; i++) {
    timeOnce(a);
    timeOnce(b);
  }
  const times = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < runs; i++) {
    // Alternating which side goes first too, so neither always runs right after the other.
    if (i % 2 === 0) {
      times.a.push(timeOnce(a));
      times.b.push(timeOnce(b));
    } else {
      times.b.push(timeOnce(b));
      times.a.push(timeOnce(a));
    }
  }
  return times;
}

function comparisonRow(name: string, agent: Command, hello: Command, runs: number, limit: number): Row {
  const target = `≤ ${limit}× hello world`;
  try {
    const times = timeAlternating(agent, hello, runs);
    const a = median(times.a);
    const b = median(times.b);
    const ratio = a / b;
    return {
      section: SECTION,
      name,
      measured: `${ratio.toFixed(2)}× (${formatMs(a)} vs ${formatMs(b)})`,
      n: `${runs} + ${runs}`,
      target,
      ...atMost(ratio, limit, (d) => `${d.toFixed(2)}×`),
      data: { ratio, agentMedianMs: a, helloMedianMs: b, agentMs: times.a, helloMs: times.b },
    };
  } catch (e) {
    return unavailableRow(SECTION, name, target, e instanceof Error ? e.message : String(e), "failed");
  }
}

/** The two cold-start rows. */
export function coldStartRows(agent: string, hello: string, runs: number): Row[] {
  const helloCommand = { argv: [hello] };
  return [
    comparisonRow(
      "`wifiprov --version` vs hello world",
      { argv: [agent, "--version"] },
      helloCommand,
      runs,
      VERSION_LIMIT,
    ),
    comparisonRow(
      "`wifiprov validate examples/site.yaml` vs hello world",
      { argv: [agent, "validate", VALIDATE_FILE], env: VALIDATE_ENV },
      helloCommand,
      runs,
      VALIDATE_LIMIT,
    ),
  ];
}
