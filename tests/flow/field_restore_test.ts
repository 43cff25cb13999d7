// Issue 10 kinds 1 and 6 beyond the field cases: after a timeout, an overlap, an SSID mismatch and SIGTERM
// the system supplicant (update_config=1, the user's networks, its config file) is exactly as found; a
// dying event monitor or a vanishing supplicant ends the attempt at once with exit 3.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { collect, prepareField, runField } from "../helpers/field.ts";
import { assertNetworksKept, assertSupplicantRestored } from "../helpers/field_checks.ts";
import { spawnAgent, waitFor } from "../faults/support.ts";

const YAML = (extra: string) =>
  `version: 1\ninterface: wlan0\nnetworks:\n  - id: home\n    method: wps-pbc\n${extra}`;

const FAILURES = [
  { scenario: "field_timeout", yaml: YAML("    timeout: 2\n"), status: "timeout" },
  { scenario: "field_overlap", yaml: YAML(""), status: "overlap" },
  { scenario: "field_14_system_update_config", yaml: YAML("    ssid: OtherNet\n"), status: "ssid-mismatch" },
];

async function noConfigs(dir: string): Promise<string[]> {
  return (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".conf"));
}

describe("the system supplicant after a failed or interrupted run", () => {
  for (const f of FAILURES) {
    it(`is left exactly as found after ${f.status}, nothing the attempt added remains`, async () => {
      const run = await runField(f.scenario, f.yaml);
      assert.equal(run.code, 1, `${run.stderr}\n${run.stdout.slice(0, 600)}`);
      assert.equal(JSON.parse(run.stdout).networks[0].status, f.status);
      assert.deepEqual(await noConfigs(run.outDir), []);
      assertNetworksKept(run);
      assertSupplicantRestored(run);
    });
  }

  it("is left exactly as found after SIGTERM during the walk (exit 130)", async () => {
    const ws = await prepareField("field_timeout", YAML("    timeout: 60\n"));
    const started = Date.now();
    const agent = spawnAgent(ws.argv, ws.env);
    await waitFor("wps_pbc", async () => {
      const log = await fs.readFile(join(ws.stateDir, "commands.log"), "utf8").catch(() => "");
      const stdin = await fs.readFile(join(ws.stateDir, "stdin.log"), "utf8").catch(() => "");
      return /"wps_pbc/.test(log + stdin);
    }, 60_000);
    process.kill(agent.pid, "SIGTERM");
    const exit = await agent.exited;
    const run = await collect(ws, "field_timeout", {
      code: exit.code ?? -1,
      stdout: exit.stdout,
      stderr: exit.stderr,
      tookMs: Date.now() - started,
    });
    assert.equal(run.code, 130, run.stderr);
    assert.equal(JSON.parse(run.stdout).networks[0].status, "interrupted");
    assertNetworksKept(run);
    assertSupplicantRestored(run);
  });

  it("ends the attempt at once with exit 3 when the event monitor (interactive wpa_cli) dies", async () => {
    const run = await runField("field_monitor_dies", YAML("    timeout: 30\n"));
    assert.equal(run.code, 3, `${run.stderr}\n${run.stdout.slice(0, 600)}`);
    assert.ok(run.tookMs < 15_000, `took ${run.tookMs} ms: the monitor's exit must end the wait`);
    const report = JSON.parse(run.stdout);
    assert.ok(report.error, "an environment error, not a per-network failure of the button");
    assert.match(report.error.message, /wpa_cli|monitor|event/i);
    assert.notEqual(report.networks[0].status, "timeout");
    assertNetworksKept(run);
    assertSupplicantRestored(run);
  });

  it("reports a supplicant that vanishes mid-walk as an environment problem (exit 3), keeping the network report", async () => {
    const run = await runField("field_vanish", YAML("    timeout: 30\n"));
    assert.equal(run.code, 3, `${run.stderr}\n${run.stdout.slice(0, 600)}`);
    assert.ok(run.tookMs < 15_000, `took ${run.tookMs} ms`);
    const report = JSON.parse(run.stdout);
    assert.match(report.error?.message ?? "", /supplicant/i);
    assert.equal(report.networks.length, 1);
    assert.equal(report.networks[0].id, "home");
    assert.ok(!["provisioned", "not-run"].includes(report.networks[0].status), report.networks[0].status);
    assert.deepEqual(await noConfigs(run.outDir), []);
    assert.deepEqual(run.writes.filter((w) => w.written), [], "the supplicant never wrote its config");
    assert.equal(run.after.config?.text, run.before.config?.text);
  });
});
