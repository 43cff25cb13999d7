// Ctrl-C or a closed terminal signals the whole process group: the interactive wpa_cli dies together with
// the agent. The clean-up's commands must still reach the system supplicant (a one-shot call for the first
// one, whose inline copy died with the monitor): WPS cancelled or the DPP listen stopped, networks and
// settings given back exactly, exit 130 with an interrupted report.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs/promises";
import { join, resolve } from "node:path";
import { FAKE_WPA_CLI, FAKE_WPA_SUPPLICANT, REPLAY_DIR } from "../helpers/replay.ts";
import { commandsSent, spawnAgent, waitFor } from "./support.ts";

const FIXTURES = resolve(import.meta.dirname!, "../fixtures");
const SYSTEM_CONF = join(FIXTURES, "field/14-system-update-config.conf");
const KEY_HEX = (await fs.readFile(join(FIXTURES, "dpp/key.hex"), "utf8")).trim();

/** What "given back exactly" compares in the fake supplicant's state. */
interface FakeState {
  globals: Record<string, string>;
  logLevel: string;
  networks: Array<{ id: number; ssidHex: string | null; psk: string | null; disabled: number }>;
  wps: { active?: boolean } | null;
  dpp?: { listening: boolean; bootstraps: Record<string, string> };
}

const given = (s: FakeState) => ({
  globals: s.globals,
  logLevel: s.logLevel,
  networks: s.networks.map((n) => ({ id: n.id, ssid: n.ssidHex, psk: n.psk, disabled: n.disabled })),
});

/** A workspace with the scenario's system supplicant running, and its state before any agent touched it. */
async function workspace(scenario: string, yaml: string) {
  const root = await fs.mkdtemp("/tmp/wifiprov-groupsig-");
  const state = join(root, "state");
  for (const d of [state, join(root, "out")]) await fs.mkdir(d);
  await fs.writeFile(join(state, "supplicant-running"), "");
  await fs.writeFile(join(root, "dpp.key"), KEY_HEX + "\n", { mode: 0o600 });
  await fs.writeFile(join(root, "site.yaml"), yaml.replace("KEYFILE", join(root, "dpp.key")));
  const env = { FAKE_WPA_SCENARIO: join(REPLAY_DIR, scenario), FAKE_WPA_STATE: state };
  // A test-only verb of the fake: creates the supplicant's state without logging a command.
  execFileSync(FAKE_WPA_CLI, ["-i", "wlan0", "__peek", "ping"], { env: { ...process.env, ...env } });
  const before = JSON.parse(await fs.readFile(join(state, "state.json"), "utf8")) as FakeState;
  const args = [
    ...["provision", join(root, "site.yaml"), "--output-dir", join(root, "out")],
    ...["--ctrl-dir", join(root, "ctrl"), "--timeout", "60"],
    ...["--wpa-cli", FAKE_WPA_CLI, "--wpa-supplicant", FAKE_WPA_SUPPLICANT],
  ];
  return { root, state, env, before, args };
}

/**
 * Starts the agent in a process group of its own, waits until `armed` was sent and it waits on the monitor,
 * then sends SIGINT to the whole group; returns the exit and the fake supplicant's state afterwards.
 */
async function interruptGroupWhileWaiting(ws: Awaited<ReturnType<typeof workspace>>, armed: RegExp) {
  const agent = spawnAgent(ws.args, ws.env, undefined, true);
  await waitFor(armed.source, async () => (await commandsSent(ws.state)).some((c) => armed.test(c)));
  await new Promise((r) => setTimeout(r, 500)); // its reply read: the agent now waits for an event
  process.kill(-agent.pid, "SIGINT");
  const exit = await agent.exited;
  const after = JSON.parse(await fs.readFile(join(ws.state, "state.json"), "utf8")) as FakeState;
  return { exit, after };
}

function assertInterrupted(exit: { code: number | null; stdout: string; stderr: string }) {
  assert.equal(exit.code, 130, `stdout ${exit.stdout.slice(0, 300)}; ${exit.stderr}`);
  const report = JSON.parse(exit.stdout);
  assert.equal(report.interrupted, true);
  assert.equal(report.ok, false);
  assert.equal(report.networks[0].status, "interrupted");
  assert.equal(report.error, undefined, "the signal ended the run, not the monitor it took down");
}

describe("a signal to the whole process group (Ctrl-C, a closed terminal)", () => {
  it("during the WPS walk: WPS cancelled, networks and settings given back, exit 130", async () => {
    const ws = await workspace(
      "wps_never_pressed.json",
      'version: 1\ninterface: wlan0\nnetworks:\n  - { id: home, method: wps-pbc, ssid: LabNet, bssid: "02:00:00:00:00:00" }\n',
    );
    const { exit, after } = await interruptGroupWhileWaiting(ws, /^wps_pbc /);
    assertInterrupted(exit);
    const sent = await commandsSent(ws.state);
    const afterArm = sent.slice(sent.findIndex((c) => c.startsWith("wps_pbc")) + 1);
    assert.ok(afterArm.includes("wps_cancel"), `after wps_pbc: ${afterArm.join(", ")}`);
    assert.ok(
      after.wps === null || after.wps.active === false,
      `WPS still armed: ${JSON.stringify(after.wps)}`,
    );
    assert.deepEqual(given(after), given(ws.before));
    const conf = join(ws.state, "14-system-update-config.conf");
    assert.equal(await fs.readFile(conf, "utf8"), await fs.readFile(SYSTEM_CONF, "utf8"));
  });

  it("during a DPP listen: listen stopped, bootstrap removed, networks and settings given back, exit 130", async () => {
    const ws = await workspace(
      "dpp_listen_system.json",
      "version: 1\ninterface: wlan0\nnetworks:\n  - id: dev\n    method: dpp\n    key: { file: KEYFILE }\n",
    );
    const { exit, after } = await interruptGroupWhileWaiting(ws, /^dpp_listen /);
    assertInterrupted(exit);
    assert.equal(after.dpp?.listening, false, "the listen was stopped");
    assert.deepEqual(after.dpp?.bootstraps, {}, "the bootstrap entry was removed");
    assert.deepEqual(given(after), given(ws.before));
    assert.ok(!exit.stdout.includes(KEY_HEX) && !exit.stderr.includes(KEY_HEX));
    const oneShot = await fs.readFile(join(ws.state, "commands.log"), "utf8").catch(() => "");
    assert.ok(!oneShot.includes(KEY_HEX), "the key never went one-shot (argv)");
  });
});
