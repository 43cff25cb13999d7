// Helpers of the fault tests: the agent as a real child process (signals and SIGKILL need one), a WPS run
// against the fake supplicant, polling for a condition, and listing the temp files a run may have left.
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs/promises";
import { join, resolve } from "node:path";
import { makeWorkspace } from "../hostile/support.ts";
import { FAKE_WPA_CLI, FAKE_WPA_SUPPLICANT, REPLAY_DIR } from "../helpers/replay.ts";

/** Absolute path of main.ts. */
export const MAIN = resolve(import.meta.dirname!, "../../main.ts");
/** The test entry that pauses before each rename (first argument: the pause in ms). */
export const PAUSED_AGENT = resolve(import.meta.dirname!, "paused_agent.ts");
/** The fault-injecting wpa_cli and the supplicant that cannot start. */
export const FAULT_WPA_CLI = resolve(import.meta.dirname!, "wpa_cli_faults.mjs");
export const IN_USE_SUPPLICANT = resolve(import.meta.dirname!, "wpa_supplicant_in_use.mjs");

/** How a spawned agent ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A spawned agent. */
export interface Agent {
  child: ChildProcess;
  pid: number;
  exited: Promise<Exit>;
}

/**
 * Spawns `deno run -A main.ts <args>` with `env` added to this process's environment; with `pauseMs`, the
 * test entry that pauses before each rename instead of main.ts. With `detached` the agent leads a process
 * group of its own (as a shell job does), so `process.kill(-pid, sig)` reaches it and all its children, as
 * Ctrl-C or a closed terminal does.
 */
export function spawnAgent(
  args: string[],
  env: Record<string, string> = {},
  pauseMs?: number,
  detached = false,
): Agent {
  const entry = pauseMs === undefined ? [MAIN] : [PAUSED_AGENT, String(pauseMs)];
  const child = spawn("deno", ["run", "-A", ...entry, ...args], {
    env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached,
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<Exit>((done) => {
    child.on("close", (code, signal) => done({ code, signal, stdout, stderr }));
  });
  return { child, pid: child.pid!, exited };
}

/** Polls `check` every 10 ms until it returns a truthy value; throws after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Names in `dir` that are the writer's temp files or the lock (none may outlive a run that ended normally). */
export async function leftovers(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => /^\..*\.tmp-|^\..*\.bak-|^\.wifiprov\.lock$/.test(n)).sort();
}

/**
 * The wpa_cli commands (without -i/-p) recorded in a fake's state directory, in order: one-shot calls
 * (commands.log) and lines typed on the interactive wpa_cli's stdin (stdin.log) merged by time, without the
 * channel's framing (`ping` after each inline command, `quit`).
 */
export async function commandsSent(stateDir: string): Promise<string[]> {
  const read = async (name: string) =>
    (await fs.readFile(`${stateDir}/${name}`, "utf8").catch(() => "")).split("\n").filter(Boolean)
      .map((line) => JSON.parse(line) as { argv?: string[]; line?: string; at: number });
  const oneShot = (await read("commands.log")).map((e) => {
    const argv = e.argv ?? [];
    const text = argv.filter((a, i) =>
      a !== "-i" && a !== "-p" && argv[i - 1] !== "-i" && argv[i - 1] !== "-p"
    )
      .join(" ");
    return { at: e.at, text };
  });
  const inline = (await read("stdin.log")).map((e) => ({ at: e.at, text: e.line ?? "" }))
    .filter((e) => e.text !== "ping" && e.text !== "quit");
  return [...oneShot, ...inline].sort((a, b) => a.at - b.at).map((e) => e.text);
}

/** The WPS plan of the fault tests: one wps-pbc network on wlan0 waiting 60 s for the button. */
export const WPS_YAML =
  "version: 1\ninterface: wlan0\nnetworks:\n  - id: home\n    method: wps-pbc\n    timeout: 60\n";

/**
 * A workspace (hostile/support.ts makeWorkspace) for a WPS agent that waits on the fake supplicant's recorded
 * 120 s walk (wps_timeout.json): `state` is the fake's state folder (a supplicant runs there unless
 * `supplicantRunning` is false, then the agent starts its own), and `env`/`args` run `provision` on
 * WPS_YAML with --force (the workspace holds a home.conf already).
 */
export async function wpsAgentWorkspace(prefix: string, supplicantRunning: boolean) {
  const ws = await makeWorkspace(prefix);
  const state = join(ws.root, "state");
  await fs.mkdir(state);
  if (supplicantRunning) await fs.writeFile(join(state, "supplicant-running"), "");
  await fs.writeFile(join(ws.root, "wps.yaml"), WPS_YAML);
  const env: Record<string, string> = {
    FAKE_WPA_SCENARIO: join(REPLAY_DIR, "wps_timeout.json"),
    FAKE_WPA_STATE: state,
  };
  const args = [
    ...["provision", join(ws.root, "wps.yaml"), "--force", "--output-dir", ws.out],
    ...[
      "--ctrl-dir",
      join(ws.root, "ctrl"),
      "--wpa-cli",
      FAKE_WPA_CLI,
      "--wpa-supplicant",
      FAKE_WPA_SUPPLICANT,
    ],
  ];
  return { ...ws, state, env, args };
}
