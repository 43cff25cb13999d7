// Ctrl-C or a closed terminal signals the whole process group: the interactive wpa_cli dies together with
// the agent. The clean-up's commands must still reach the system supplicant (a one-shot call for the first
// one, whose inline copy died with the monitor): WPS cancelled or the DPP listen stopped, networks and
// settings given back exactly, exit 130 with an interrupted report.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join, resolve } from "node:path";
import { collect, type FieldWorkspace, peek, prepareField } from "../helpers/field.ts";
import { assertNetworksKept, assertSupplicantRestored } from "../helpers/field_checks.ts";
import { commandsSent, spawnAgent, waitFor } from "./support.ts";

const KEY_HEX = (await fs.readFile(resolve(import.meta.dirname!, "../fixtures/dpp/key.hex"), "utf8")).trim();

/** The fake supplicant's WPS and DPP state as last saved (tests/fake/wpa_wps.mjs, wpa_dpp.mjs). */
async function wpsAndDpp(ws: FieldWorkspace) {
  const state = JSON.parse(await fs.readFile(join(ws.stateDir, "state.json"), "utf8"));
  return state as {
    wps: { active?: boolean } | null;
    dpp?: { listening: boolean; bootstraps: Record<string, string> };
  };
}

/**
 * Starts the agent in a process group of its own, waits until a command matching `armed` was sent and the
 * agent waits on the monitor, sends SIGINT to the whole group, and collects the run (field.ts).
 */
async function interruptGroupWhileWaiting(scenario: string, ws: FieldWorkspace, armed: RegExp) {
  const agent = spawnAgent(ws.argv, ws.env, undefined, true);
  const started = Date.now();
  await waitFor(armed.source, async () => (await commandsSent(ws.stateDir)).some((c) => armed.test(c)));
  await new Promise((r) => setTimeout(r, 500)); // its reply read: the agent now waits for an event
  process.kill(-agent.pid, "SIGINT");
  const exit = await agent.exited;
  const state = await wpsAndDpp(ws); // before collect() lets the supplicant's timers run out
  const run = await collect(ws, scenario, { ...exit, code: exit.code ?? -1, tookMs: Date.now() - started });
  return { run, state };
}

function assertInterrupted(run: { code: number; stdout: string; stderr: string }) {
  assert.equal(run.code, 130, `stdout ${run.stdout.slice(0, 300)}; ${run.stderr}`);
  const report = JSON.parse(run.stdout);
  assert.equal(report.interrupted, true);
  assert.equal(report.ok, false);
  assert.equal(report.networks[0].status, "interrupted");
  assert.equal(report.error, undefined, "the signal ended the run, not the monitor it took down");
}

describe("a signal to the whole process group (Ctrl-C, a closed terminal)", () => {
  it("during the WPS walk: WPS cancelled, networks and settings given back, exit 130", async () => {
    const scenario = "wps_never_pressed";
    const ws = await prepareField(
      scenario,
      'version: 1\ninterface: wlan0\nnetworks:\n  - { id: home, method: wps-pbc, ssid: LabNet, bssid: "02:00:00:00:00:00" }\n',
      ["--timeout", "60"],
    );
    const { run, state } = await interruptGroupWhileWaiting(scenario, ws, /^wps_pbc /);
    assertInterrupted(run);
    const sent = await commandsSent(ws.stateDir);
    const afterArm = sent.slice(sent.findIndex((c) => c.startsWith("wps_pbc")) + 1);
    assert.ok(afterArm.includes("wps_cancel"), `after wps_pbc: ${afterArm.join(", ")}`);
    assert.ok(
      state.wps === null || state.wps.active === false,
      `WPS still armed: ${JSON.stringify(state.wps)}`,
    );
    assertNetworksKept(run);
    assertSupplicantRestored(run);
  });

  it("during a DPP listen: listen stopped, bootstrap removed, networks and settings given back, exit 130", async () => {
    const scenario = "dpp_listen_system";
    const keyDir = await fs.mkdtemp("/tmp/wifiprov-groupsig-key-");
    await fs.writeFile(join(keyDir, "dpp.key"), KEY_HEX + "\n", { mode: 0o600 });
    const ws = await prepareField(
      scenario,
      `version: 1\ninterface: wlan0\nnetworks:\n  - id: dev\n    method: dpp\n    key: { file: ${
        join(keyDir, "dpp.key")
      } }\n`,
      ["--timeout", "60"],
    );
    const processing = peek(ws, "get", "dpp_config_processing");
    const { run, state } = await interruptGroupWhileWaiting(scenario, ws, /^dpp_listen /);
    assertInterrupted(run);
    assert.equal(state.dpp?.listening, false, "the listen was stopped");
    assert.deepEqual(state.dpp?.bootstraps, {}, "the bootstrap entry was removed");
    assert.equal(peek(ws, "get", "dpp_config_processing"), processing);
    assertNetworksKept(run);
    assertSupplicantRestored(run);
    assert.ok(!run.stdout.includes(KEY_HEX) && !run.stderr.includes(KEY_HEX));
    for (const argv of run.oneShot) assert.ok(!argv.join(" ").includes(KEY_HEX), "the key went one-shot");
  });
});
