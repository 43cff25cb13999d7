// A signal that arrives while the agent is still starting up: once the run's abort signal fired, nothing
// more is started or armed (no supplicant start, no scan, no wps_pbc), the network is reported
// interrupted or not-run, and the agent exits 130.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { makeWorkspace, snapshot } from "../hostile/support.ts";
import { FAKE_WPA_CLI, FAKE_WPA_SUPPLICANT, REPLAY_DIR } from "../helpers/replay.ts";
import { commandsSent, leftovers, spawnAgent, waitFor } from "./support.ts";

const WPS_YAML =
  "version: 1\ninterface: wlan0\nnetworks:\n  - id: home\n    method: wps-pbc\n    timeout: 60\n";

describe("provision interrupted during start-up", () => {
  it("starts no supplicant and presses no WPS button after a SIGTERM right after start", async () => {
    const ws = await makeWorkspace("wifiprov-startup-signal-");
    const state = join(ws.root, "state");
    const lockDir = join(ws.root, "lock");
    await fs.mkdir(state); // empty: no supplicant runs, so the agent would start its own
    await fs.writeFile(join(ws.root, "wps.yaml"), WPS_YAML);
    const before = await snapshot(ws.out);
    const agent = spawnAgent([
      "provision",
      join(ws.root, "wps.yaml"),
      "--force",
      "--output-dir",
      ws.out,
      "--ctrl-dir",
      join(ws.root, "ctrl"),
      "--wpa-cli",
      FAKE_WPA_CLI,
      "--wpa-supplicant",
      FAKE_WPA_SUPPLICANT,
      "--lock-dir",
      lockDir,
    ], { FAKE_WPA_SCENARIO: join(REPLAY_DIR, "wps_timeout.json"), FAKE_WPA_STATE: state });
    // The interface lock exists once the signal handlers are in place and before the supplicant is touched.
    await waitFor(
      "the interface lock",
      () => fs.stat(join(lockDir, "wlan0.lock")).then(() => true, () => false),
    );
    process.kill(agent.pid, "SIGTERM");
    const exit = await agent.exited;
    assert.equal(
      exit.code,
      130,
      `signal ${exit.signal}; stdout ${exit.stdout.slice(0, 300)}; ${exit.stderr}`,
    );
    const report = JSON.parse(exit.stdout);
    assert.equal(report.interrupted, true);
    assert.ok(["interrupted", "not-run"].includes(report.networks[0].status), report.networks[0].status);
    const sent = await commandsSent(state);
    for (const cmd of ["scan", "scan_results", "wps_pbc"]) {
      assert.ok(!sent.includes(cmd), `sent ${cmd}: ${sent.join(", ")}`);
    }
    await assert.rejects(fs.stat(join(state, "supplicant-starts.log")), "no supplicant was started");
    assert.doesNotMatch(exit.stderr, /press the WPS button/);
    assert.deepEqual(await snapshot(ws.out), before);
    assert.deepEqual(await leftovers(ws.out), []);
    await assert.rejects(fs.stat(join(lockDir, "wlan0.lock")), "the interface lock is released");
  });
});
