// Faults that need the agent as a real process: SIGINT/SIGTERM during the WPS wait, two agents at once,
// and power loss (SIGKILL) between the temp write and the rename. Existing configs must stay byte-identical.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { EXISTING_CONF, makeWorkspace, snapshot } from "../hostile/support.ts";
import { commandsSent, leftovers, spawnAgent, waitFor, wpsAgentWorkspace } from "./support.ts";

const PSK_YAML = (pass: string) =>
  `version: 1\nnetworks:\n  - id: home\n    method: psk\n    ssid: HomeNet\n    passphrase: "${pass}"\n`;

describe("provision under signals and concurrency", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`reports interrupted, exits 130, cancels WPS and stops its own supplicant on ${signal}`, async () => {
      const ws = await wpsAgentWorkspace("wifiprov-signals-", false);
      const before = await snapshot(ws.out);
      const agent = spawnAgent(ws.args, ws.env);
      await waitFor("wps_pbc", async () => (await commandsSent(ws.state)).includes("wps_pbc"));
      // process.kill, not child.kill: Deno's child_process then reports the signal it sent, not the exit code.
      process.kill(agent.pid, signal);
      const exit = await agent.exited;
      assert.equal(
        exit.code,
        130,
        `signal ${exit.signal}; stdout ${exit.stdout.slice(0, 300)}; ${exit.stderr}`,
      );
      const report = JSON.parse(exit.stdout);
      assert.equal(report.interrupted, true);
      assert.equal(report.ok, false);
      assert.equal(report.networks[0].status, "interrupted");
      const sent = await commandsSent(ws.state);
      assert.ok(sent.includes("wps_cancel"), sent.join(", "));
      assert.equal(sent.at(-1), "terminate", "the supplicant this run started is stopped last");
      assert.deepEqual(await snapshot(ws.out), before);
      assert.deepEqual(await leftovers(ws.out), []);
    });
  }

  it("refuses a second agent on the same output directory with exit 3 while the first runs", async () => {
    const ws = await wpsAgentWorkspace("wifiprov-signals-", true);
    const first = spawnAgent(ws.args, ws.env);
    await waitFor("wps_pbc", async () => (await commandsSent(ws.state)).includes("wps_pbc"));
    await fs.writeFile(join(ws.root, "psk.yaml"), PSK_YAML("second agent passphrase"));
    const before = await snapshot(ws.out);
    const second = await spawnAgent([
      "provision",
      join(ws.root, "psk.yaml"),
      "--force",
      "--output-dir",
      ws.out,
    ])
      .exited;
    assert.equal(second.code, 3, second.stderr);
    assert.match(second.stderr, /another wifiprov/i);
    assert.equal(JSON.parse(second.stdout).error.reason, "locked");
    assert.deepEqual(await snapshot(ws.out), before, "the refused agent wrote nothing");
    process.kill(first.pid, "SIGINT");
    assert.equal((await first.exited).code, 130);
    assert.equal(await fs.readFile(join(ws.out, "home.conf"), "utf8"), EXISTING_CONF);
  });

  it("never interleaves two agents started at the same moment", async () => {
    const ws = await makeWorkspace("wifiprov-race-");
    const passes = ["first racing passphrase", "second racing passphrase"];
    for (const [i, p] of passes.entries()) await fs.writeFile(join(ws.root, `${i}.yaml`), PSK_YAML(p));
    const runs = await Promise.all(
      passes.map((_, i) =>
        spawnAgent(["provision", join(ws.root, `${i}.yaml`), "--force", "--output-dir", ws.out]).exited
      ),
    );
    for (const r of runs) assert.ok(r.code === 0 || r.code === 3, `exit ${r.code}: ${r.stderr}`);
    assert.ok(runs.some((r) => r.code === 0));
    const text = await fs.readFile(join(ws.out, "home.conf"), "utf8");
    const winners = passes.filter((p) => text.includes(`psk="${p}"`));
    assert.equal(winners.length, 1, text);
    assert.equal(text.split("network={").length, 2, "exactly one block");
    assert.deepEqual(await leftovers(ws.out), []);
  });

  it("keeps the old config intact when killed between the temp write and the rename", async () => {
    const ws = await makeWorkspace("wifiprov-powerloss-");
    await fs.writeFile(join(ws.root, "site.yaml"), PSK_YAML("brand new passphrase"));
    const args = ["provision", join(ws.root, "site.yaml"), "--force", "--output-dir", ws.out];
    const agent = spawnAgent(args, {}, 3000);
    const temp: string = await waitFor(
      "the temp file",
      async () => (await fs.readdir(ws.out)).find((n) => n.startsWith(".home.conf.tmp-")) ?? "",
    );
    await new Promise((r) => setTimeout(r, 200)); // well inside the pause: written and synced, not renamed
    process.kill(agent.pid, "SIGKILL");
    await agent.exited;
    assert.equal(await fs.readFile(join(ws.out, "home.conf"), "utf8"), EXISTING_CONF);
    // A SIGKILLed agent cannot clean up; what it leaves must hold the secret as tightly as a config.
    const mode = (await fs.stat(join(ws.out, temp))).mode & 0o777;
    assert.equal(mode, 0o600, `leftover ${temp} has mode ${mode.toString(8)}`);
    // The next run takes over the dead agent's lock and finishes the job.
    const again = await spawnAgent(args).exited;
    assert.equal(again.code, 0, again.stderr);
    assert.match(await fs.readFile(join(ws.out, "home.conf"), "utf8"), /psk="brand new passphrase"/);
    // ... and, holding the lock, removes the temp file the killed agent left (it held the new secret).
    assert.deepEqual(await leftovers(ws.out), []);
  });
});
