// Runs the agent against the stateful fake supplicant (tests/fake/wpa_*.mjs) for a field situation and
// gathers what the field tests assert on: the supplicant's networks, globals and own config file before
// the run and after it (once its timers have run out), the commands sent per channel (one-shot argv vs the
// interactive wpa_cli's stdin), the moments it would have written its config, and the connections it made.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../main.ts";
import { FAKE_WPA_CLI, FAKE_WPA_SUPPLICANT, REPLAY_DIR } from "./replay.ts";

/** One row of `list_networks`. */
export interface NetworkRow {
  id: string;
  ssid: string;
  bssid: string;
  flags: string;
}

/** The supplicant as a user would inspect it. */
export interface SupplicantView {
  networks: NetworkRow[];
  globals: { update_config: string; wps_cred_processing: string; log_level: string };
  /** The system config file's bytes (latin1) and permission bits, or null when the scenario has none. */
  config: { text: string; mode: number } | null;
}

/** A moment the real supplicant writes its config when update_config=1 (tests/fake/wpa_wps.mjs). */
export interface WriteMoment {
  why: string;
  update_config: string;
  written: boolean;
}

/** A prepared workspace: fake state initialised, the "before" view taken, the agent's argv ready. */
export interface FieldWorkspace {
  root: string;
  stateDir: string;
  outDir: string;
  env: Record<string, string>;
  argv: string[];
  before: SupplicantView;
}

/** Everything one field run produced. */
export interface FieldRun extends FieldWorkspace {
  code: number;
  stdout: string;
  stderr: string;
  tookMs: number;
  after: SupplicantView;
  /** One-shot commands (argv without -i/-p), in order. */
  oneShot: string[][];
  /** Lines written to the interactive wpa_cli's stdin, in order. */
  stdin: string[];
  writes: WriteMoment[];
  connections: Array<{ id: number; bssid: string }>;
}

/** Asks the fake supplicant something without it counting as a command of the run. */
export function peek(ws: { env: Record<string, string> }, ...command: string[]): string {
  return execFileSync("node", [FAKE_WPA_CLI, "-i", "wlan0", "__peek", ...command], {
    env: { ...process.env, ...ws.env },
    encoding: "latin1",
  });
}

async function view(ws: { env: Record<string, string>; stateDir: string }, scenario: string) {
  const rows = peek(ws, "list_networks").split("\n").slice(1).filter(Boolean).map((line) => {
    const [id = "", ssid = "", bssid = "", flags = ""] = line.split("\t");
    return { id, ssid, bssid, flags };
  });
  const level = /Current level:\s*(\S+)/.exec(peek(ws, "log_level"))?.[1] ?? "?";
  const globals = {
    update_config: peek(ws, "get", "update_config"),
    wps_cred_processing: peek(ws, "get", "wps_cred_processing"),
    log_level: level,
  };
  const spec = JSON.parse(await fs.readFile(join(REPLAY_DIR, `${scenario}.json`), "utf8"));
  let config: SupplicantView["config"] = null;
  if (spec.systemConfig) {
    const path = join(ws.stateDir, (spec.systemConfig as string).split("/").pop()!);
    const [text, info] = await Promise.all([fs.readFile(path, "latin1"), fs.stat(path)]);
    config = { text, mode: info.mode & 0o777 };
  }
  return { networks: rows, globals, config };
}

/** A temp workspace with a running fake system supplicant as the scenario describes it. */
export async function prepareField(
  scenario: string,
  yaml: string,
  args: string[] = [],
): Promise<FieldWorkspace> {
  const root = await fs.mkdtemp(join(tmpdir(), "wifiprov-field-"));
  const stateDir = join(root, "state");
  const outDir = join(root, "out");
  await fs.mkdir(stateDir);
  await fs.writeFile(join(stateDir, "supplicant-running"), "");
  await fs.writeFile(join(root, "site.yaml"), yaml);
  const env = { FAKE_WPA_SCENARIO: join(REPLAY_DIR, `${scenario}.json`), FAKE_WPA_STATE: stateDir };
  const argv = [
    "provision",
    join(root, "site.yaml"),
    "--output-dir",
    outDir,
    "--ctrl-dir",
    join(root, "ctrl"),
    "--wpa-cli",
    FAKE_WPA_CLI,
    "--wpa-supplicant",
    FAKE_WPA_SUPPLICANT,
    ...args,
  ];
  const ws = { root, stateDir, outDir, env, argv };
  return { ...ws, before: await view(ws, scenario) };
}

async function lines(path: string): Promise<string[]> {
  return (await fs.readFile(path, "utf8").catch(() => "")).split("\n").filter(Boolean);
}

/** Lets the supplicant's pending timers run out, then reads everything the run left behind. */
export async function collect(
  ws: FieldWorkspace,
  scenario: string,
  exit: { code: number; stdout: string; stderr: string; tookMs: number },
): Promise<FieldRun> {
  execFileSync("node", [FAKE_WPA_CLI, "-i", "wlan0", "__settle"], { env: { ...process.env, ...ws.env } });
  const oneShot = (await lines(join(ws.stateDir, "commands.log"))).map((l) => {
    const argv = (JSON.parse(l) as { argv: string[] }).argv;
    return argv.filter((a, i) => !["-i", "-p"].includes(a) && !["-i", "-p"].includes(argv[i - 1] ?? ""));
  });
  const stdin = (await lines(join(ws.stateDir, "stdin.log"))).map((l) =>
    (JSON.parse(l) as { line: string }).line
  );
  const writes = (await lines(join(ws.stateDir, "config-writes.log"))).map((l) =>
    JSON.parse(l) as WriteMoment
  );
  const connections = (await lines(join(ws.stateDir, "connections.log"))).map((l) => JSON.parse(l));
  return { ...ws, ...exit, after: await view(ws, scenario), oneShot, stdin, writes, connections };
}

/** prepareField, `wifiprov provision` in this process, collect. */
export async function runField(scenario: string, yaml: string, args: string[] = []): Promise<FieldRun> {
  const ws = await prepareField(scenario, yaml, args);
  Object.assign(process.env, ws.env);
  let stdout = "";
  let stderr = "";
  const started = Date.now();
  const code = await main(ws.argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return await collect(ws, scenario, { code, stdout, stderr, tookMs: Date.now() - started });
}
