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
  /** argv of every one-shot wpa_cli call, in order. */
  commands: string[][];
}

/** Options of a replay run. */
export interface ReplayOptions {
  scenario: string;
  yaml: string;
  args?: string[];
  supplicantRunning?: boolean;
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
    ...(opts.args ?? []).map((a) => (a === "REPORT" ? join(root, "last-report.json") : a)),
  ];
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr, outDir, stateDir, commands: await readCommands(stateDir) };
}

async function readCommands(stateDir: string): Promise<string[][]> {
  const text = await fs.readFile(join(stateDir, "commands.log"), "utf8").catch(() => "");
  return text.split("\n").filter(Boolean).map((line) => {
    const argv = (JSON.parse(line) as { argv: string[] }).argv;
    const i = argv.indexOf("-p") + 1;
    return argv.slice(i + 1);
  });
}

/** The one-shot commands' names (`scan`, `wps_pbc`, …) in order. */
export function commandNames(run: ReplayRun): string[] {
  return run.commands.map((c) => c.join(" "));
}
