// Unexpected and garbled supplicant output through the real CLI: replies that are not OK/FAIL/data as
// expected, event lines that are half escape codes, scan results cut at the 4096-byte reply cap. The agent
// must neither crash nor act on garbage: every case ends in a report with a clear status and no file.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { commandNames, runReplay } from "../helpers/replay.ts";
import { stackLines } from "./support.ts";

const YAML = (extra = "") =>
  `version: 1\ninterface: wlan0\nnetworks:\n  - id: home\n    method: wps-pbc\n${extra}`;

async function outFiles(dir: string): Promise<string[]> {
  return (await fs.readdir(dir).catch(() => [] as string[])).sort();
}

describe("provision with garbled supplicant output", () => {
  it("ignores garbled event lines and refuses a WPS-SUCCESS that brought no credential", async () => {
    const run = await runReplay({ scenario: "hostile_garbled_events", yaml: YAML() });
    assert.deepEqual(stackLines(run.stderr), []);
    assert.equal(run.code, 1, run.stderr);
    const net = JSON.parse(run.stdout).networks[0];
    assert.equal(net.status, "wps-failed");
    assert.equal(net.reason, "no-credential");
    assert.ok(commandNames(run).includes("wps_cancel"));
    assert.deepEqual(await outFiles(run.outDir), []);
  });

  it("reports a WPS-FAIL whose fields are garbage without inventing numbers", async () => {
    const run = await runReplay({ scenario: "hostile_garbled_fail", yaml: YAML() });
    assert.deepEqual(stackLines(run.stderr), []);
    assert.equal(run.code, 1, run.stderr);
    const net = JSON.parse(run.stdout).networks[0];
    assert.equal(net.status, "wps-failed");
    assert.equal(net.reason, "wps-fail");
    assert.equal(net.wps?.msg, undefined, "msg=x8 is not a number");
    assert.ok(!net.message.includes("\n"));
    assert.deepEqual(await outFiles(run.outDir), []);
  });

  it("stops before WPS when a setting's read is garbage (it could not be given back), echoing none of it", async () => {
    const run = await runReplay({ scenario: "hostile_garbled_replies", yaml: YAML() });
    assert.deepEqual(stackLines(run.stderr), []);
    assert.equal(run.code, 3, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.error.reason, "supplicant-setting-refused");
    assert.match(
      report.error.message,
      /did not answer "(log_level|get wps_cred_processing|get update_config)" as expected/,
    );
    const names = commandNames(run);
    assert.ok(!names.some((n) => n.startsWith("wps_pbc")), `never armed: ${names.join(", ")}`);
    for (const name of names) {
      // deno-lint-ignore no-control-regex -- control characters are what must not be echoed
      assert.ok(!/reboot|[\x00-\x1f]/.test(name), `sent ${JSON.stringify(name)}`);
    }
    // deno-lint-ignore no-control-regex -- control characters are what must not be echoed
    assert.ok(!/reboot|[\x00-\x08\x0b-\x1f]/.test(run.stderr + run.stdout), "no garbage echoed");
    assert.deepEqual(await outFiles(run.outDir), []);
  });

  it("treats garbage replies as failures and never sends a garbage value back to the supplicant", async () => {
    const run = await runReplay({ scenario: "hostile_garbled_wps_pbc", yaml: YAML() });
    assert.deepEqual(stackLines(run.stderr), []);
    assert.equal(run.code, 1, run.stderr);
    const net = JSON.parse(run.stdout).networks[0];
    assert.equal(net.status, "wps-failed");
    assert.equal(net.reason, "wps-pbc-refused");
    const names = commandNames(run);
    assert.ok(names.includes("set wps_cred_processing 0"), `restores the default: ${names.join(", ")}`);
    for (const name of names) {
      // deno-lint-ignore no-control-regex -- control characters are what must not be echoed
      assert.ok(!/reboot|[\x00-\x1f]/.test(name), `sent ${JSON.stringify(name)}`);
    }
    assert.deepEqual(await outFiles(run.outDir), []);
  });

  it("walks bss FIRST/NEXT when scan_results hits the 4096-byte cap and sees the AP beyond it", async () => {
    // The target AP is named by BSSID, which switches off the supplicant's overlap check; a second AP in
    // push-button mode appears only in the bss walk, so only a walking agent can refuse the overlap.
    const run = await runReplay({
      scenario: "hostile_bss_walk",
      yaml: YAML("    bssid: 02:00:00:00:00:00\n"),
    });
    assert.deepEqual(stackLines(run.stderr), []);
    const names = commandNames(run);
    assert.ok(names.includes("bss FIRST"), names.join(", "));
    assert.ok(names.includes("bss NEXT-50"), "walks to the end of the table");
    assert.ok(!names.includes("wps_pbc 02:00:00:00:00:00"), "must not press on with another AP in PBC mode");
    assert.equal(run.code, 1, run.stderr);
    const net = JSON.parse(run.stdout).networks[0];
    assert.equal(net.status, "overlap");
    assert.match(net.message, /02:00:00:00:ff:01/);
    assert.deepEqual(await outFiles(run.outDir), []);
  });
});
