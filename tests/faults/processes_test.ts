// Issue 11, fault 7: two agents on one interface with different output folders never drive the supplicant
// at once (per-interface lock, exit 3), and SIGHUP mid-WPS is handled like SIGINT/SIGTERM.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { snapshot } from "../hostile/support.ts";
import { REPLAY_DIR } from "../helpers/replay.ts";
import { commandsSent, leftovers, spawnAgent, waitFor, wpsAgentWorkspace } from "./support.ts";

/** A WPS agent on wlan0 waiting for the button (the recorded timeout scenario), with its own output folder. */
async function wpsAgentSetup(locks: string) {
  const ws = await wpsAgentWorkspace("wifiprov-processes-", true);
  return { ...ws, env: { ...ws.env, WIFIPROV_LOCK_DIR: locks } };
}

describe("one agent per interface", () => {
  it("refuses a second run on the same interface with another output folder: exit 3 naming it", async () => {
    const locks = await fs.mkdtemp(join(tmpdir(), "wifiprov-locks-"));
    const first = await wpsAgentSetup(locks);
    const second = await wpsAgentSetup(locks);
    const agent = spawnAgent(first.args, first.env);
    await waitFor("wps_pbc", async () => (await commandsSent(first.state)).includes("wps_pbc"));
    const before = await snapshot(second.out);
    const refused = await spawnAgent(second.args, second.env).exited;
    assert.equal(refused.code, 3, refused.stderr);
    const lines = refused.stderr.split("\n").filter(Boolean);
    assert.equal(lines.length, 1, refused.stderr);
    assert.match(
      lines[0]!,
      /^wifiprov: Another wifiprov \(pid \d+\) is driving the supplicant on interface "wlan0"/,
    );
    const report = JSON.parse(refused.stdout);
    assert.equal(report.error.reason, "locked");
    assert.deepEqual(report.networks.map((n: { status: string }) => n.status), ["not-run"]);
    assert.deepEqual(await commandsSent(second.state), [], "the second run never spoke to a supplicant");
    assert.deepEqual(await snapshot(second.out), before);
    assert.deepEqual(await leftovers(second.out), [], "and keeps no output-folder lock");
    process.kill(agent.pid, "SIGINT");
    assert.equal((await agent.exited).code, 130);
    assert.deepEqual(await fs.readdir(locks), [], "the first run gave the interface back");
  });

  it("lets the same runs go one after the other", async () => {
    const locks = await fs.mkdtemp(join(tmpdir(), "wifiprov-locks-"));
    const ws = await wpsAgentSetup(locks);
    const env = { ...ws.env, FAKE_WPA_SCENARIO: join(REPLAY_DIR, "success.json") };
    for (let i = 0; i < 2; i++) {
      const r = await spawnAgent(ws.args, env).exited;
      assert.equal(r.code, 0, r.stderr);
    }
    assert.deepEqual(await fs.readdir(locks), []);
  });
});

describe("SIGHUP during the WPS wait", () => {
  it("reports interrupted, exits 130, cancels WPS and releases both locks", async () => {
    const locks = await fs.mkdtemp(join(tmpdir(), "wifiprov-locks-"));
    const ws = await wpsAgentSetup(locks);
    const before = await snapshot(ws.out);
    const agent = spawnAgent(ws.args, ws.env);
    await waitFor("wps_pbc", async () => (await commandsSent(ws.state)).includes("wps_pbc"));
    process.kill(agent.pid, "SIGHUP");
    const exit = await agent.exited;
    assert.equal(exit.code, 130, `signal ${exit.signal}; ${exit.stderr}`);
    assert.equal(JSON.parse(exit.stdout).interrupted, true);
    assert.ok((await commandsSent(ws.state)).includes("wps_cancel"));
    assert.deepEqual(await snapshot(ws.out), before);
    assert.deepEqual(await leftovers(ws.out), []);
    assert.deepEqual(await fs.readdir(locks), []);
  });
});
