// Runs the agent's `main()` against the fake wpa_cli/wpa_supplicant that replay recorded transcripts, in a
// fresh temp directory, and collects what a test asserts on: exit code, stdout/stderr, report, commands sent.
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../main.ts";

/** Absolute path of the fake wpa_cli program. */
export const FAKE_WPA_CLI = resolve(import.meta.dirname!, "../fake/wpa_cli.mjs");
/** Absolute path of the fake wpa_supplicant program. */
export const FAKE_WPA_SUPPLICANT = resolve(import.meta.dirname!, "../fake/wpa_supplicant.mjs");
/** Directory of the replay scenarios. */
export const REPLAY_DIR = resolve(import.meta.dirname!, "../fixtures/replay");

/** Everything a replay run produced. */
export interface ReplayRun {
  code: number;
  stdout: string;
  stderr: string;
  outDir: string;
  stateDir: string;
  /**
   * Every command sent, in order: one-shot argv and the interactive wpa_cli's stdin lines merged by time,
   * without the channel's framing (the `ping` after each inline command, `quit`).
   */
  commands: string[][];
  /** argv of every one-shot wpa_cli call, in order. */
  oneShot: string[][];
  /** The run's temp root and the provisioning file in it. */
  root: string;
  file: string;
}

/** Options of a replay run. */
export interface ReplayOptions {
  scenario: string;
  yaml: string;
  args?: string[];
  supplicantRunning?: boolean;
  /** Run as if stderr were a terminal (live line, QR codes). */
  tty?: boolean;
  /** Variables over the process environment the run sees (TERM, NO_COLOR, …); undefined removes one. */
  env?: Record<string, string | undefined>;
  /** Sets up the disk before the run (given the temp root and the default output folder). */
  prepare?: (root: string, outDir: string) => Promise<void>;
}

/** Creates a temp workspace, points the fakes at the scenario, runs `wifiprov provision`. */
export async function runReplay(opts: ReplayOptions): Promise<ReplayRun> {
  const root = await fs.mkdtemp(join(tmpdir(), "wifiprov-flow-"));
  const stateDir = join(root, "state");
  const outDir = join(root, "out");
  await fs.mkdir(stateDir);
  if (opts.supplicantRunning ?? true) await fs.writeFile(join(stateDir, "supplicant-running"), "");
  const file = join(root, "site.yaml");
  await fs.writeFile(file, opts.yaml);
  await opts.prepare?.(root, outDir);
  process.env.FAKE_WPA_SCENARIO = join(REPLAY_DIR, `${opts.scenario}.json`);
  process.env.FAKE_WPA_STATE = stateDir;
  let stdout = "";
  let stderr = "";
  const argv = [
    "provision",
    file,
    "--output-dir",
    outDir,
    "--ctrl-dir",
    join(root, "ctrl"),
    "--wpa-cli",
    FAKE_WPA_CLI,
    "--wpa-supplicant",
    FAKE_WPA_SUPPLICANT,
    // REPORT, PLAN and ROOT/… stand for paths in the run's temp root.
    ...(opts.args ?? []).map((a) =>
      a === "REPORT"
        ? join(root, "last-report.json")
        : a === "PLAN"
        ? file
        : a.startsWith("ROOT/")
        ? join(root, a.slice(5))
        : a
    ),
  ];
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t) };
  const env = { ...process.env, ...opts.env };
  const code = await main(argv, { ...io, stderrIsTty: opts.tty === true, env });
  const sent = await readCommands(stateDir);
  return { code, stdout, stderr, outDir, stateDir, ...sent, root, file };
}

async function readLog<T>(
  path: string,
  map: (entry: T) => string[] | null,
): Promise<Array<[number, string[]]>> {
  const text = await fs.readFile(path, "utf8").catch(() => "");
  return text.split("\n").filter(Boolean).flatMap((line) => {
    const entry = JSON.parse(line) as T & { at: number };
    const args = map(entry);
    return args ? [[entry.at, args] as [number, string[]]] : [];
  });
}

async function readCommands(stateDir: string): Promise<{ commands: string[][]; oneShot: string[][] }> {
  const oneShot = await readLog<{ argv: string[] }>(join(stateDir, "commands.log"), ({ argv }) => {
    const i = argv.indexOf("-p") + 1;
    return argv.slice(i + 1);
  });
  const inline = await readLog<{ line: string }>(
    join(stateDir, "stdin.log"),
    ({ line }) => line === "quit" ? null : line.split(" "),
  );
  // Each inline command is followed by a `ping` whose PONG ends its reply: drop those, keep a lone first one.
  const withoutPings = inline.filter(([, args], i) => !(args.join(" ") === "ping" && i > 0));
  const merged = [...oneShot, ...withoutPings].sort((a, b) => a[0] - b[0]);
  return { commands: merged.map(([, a]) => a), oneShot: oneShot.map(([, a]) => a) };
}

/** The one-shot commands' names (`scan`, `wps_pbc`, …) in order. */
export function commandNames(run: ReplayRun): string[] {
  return run.commands.map((c) => c.join(" "));
}
