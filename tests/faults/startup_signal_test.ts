// A signal that arrives while the agent is still starting up: once the run's abort signal fired, nothing
// more is started or armed (no supplicant start, no scan, no wps_pbc), the network is reported
// interrupted or not-run, and the agent exits 130.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { snapshot } from "../hostile/support.ts";
import { commandsSent, leftovers, spawnAgent, waitFor, wpsAgentWorkspace } from "./support.ts";
import { main } from "../../main.ts";

describe("provision interrupted during start-up", () => {
  it("starts no supplicant and presses no WPS button after a SIGTERM right after start", async () => {
    // No supplicant runs in the fake's state: the agent would start its own.
    const ws = await wpsAgentWorkspace("wifiprov-startup-signal-", false);
    const state = ws.state;
    const lockDir = join(ws.root, "lock");
    const before = await snapshot(ws.out);
    const agent = spawnAgent([...ws.args, "--lock-dir", lockDir], ws.env);
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

  it("begins stopped when the signal came while the program was loading (main.ts caught it): exit 130", async () => {
    const ws = await wpsAgentWorkspace("wifiprov-early-signal-", true);
    const before = await snapshot(ws.out);
    const stop = new AbortController();
    stop.abort();
    let stdout = "";
    let stderr = "";
    const saved = { ...process.env };
    Object.assign(process.env, ws.env);
    let code: number;
    try {
      code = await main([...ws.args, "--lock-dir", join(ws.root, "lock")], {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        signal: stop.signal,
      });
    } finally {
      for (const name of Object.keys(ws.env)) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
    assert.equal(code, 130, stderr);
    const report = JSON.parse(stdout);
    assert.equal(report.interrupted, true);
    assert.deepEqual(report.networks.map((n: { status: string }) => n.status), ["not-run"]);
    assert.deepEqual(await commandsSent(ws.state), [], "the supplicant was not even asked");
    assert.deepEqual(await snapshot(ws.out), before);
  });
});
