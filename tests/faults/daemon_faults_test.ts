// Faults of the supplicant side: killed in the middle of a WPS exchange, wpa_cli missing, control socket
// present but refusing us. Each run must still print its report, leave existing configs byte-identical and
// leave no temp file or lock behind.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { makeWorkspace, runCli, snapshot, stackLines } from "../hostile/support.ts";
import { commandsSent, FAULT_WPA_CLI, IN_USE_SUPPLICANT, leftovers } from "./support.ts";

const WPS_YAML = "version: 1\ninterface: wlan0\nnetworks:\n  - id: home\n    method: wps-pbc\n";

/** Runs `provision --force` for the existing home.conf against the fault fake in `mode`. */
async function runFault(mode: "lost" | "denied", extra: string[] = [], running = true) {
  const ws = await makeWorkspace("wifiprov-faults-");
  const state = join(ws.root, "state");
  await fs.mkdir(state);
  if (running) await fs.writeFile(join(state, "supplicant-running"), "");
  const file = join(ws.root, "site.yaml");
  await fs.writeFile(file, WPS_YAML);
  const before = await snapshot(ws.out);
  const started = Date.now();
  const run = await runCli([
    "provision",
    file,
    "--force",
    "--output-dir",
    ws.out,
    "--ctrl-dir",
    join(ws.root, "ctrl"),
    "--wpa-cli",
    FAULT_WPA_CLI,
    "--wpa-supplicant",
    IN_USE_SUPPLICANT,
    ...extra,
  ], { FAULT_WPA_MODE: mode, FAKE_WPA_STATE: state });
  return { ...run, ws, state, before, tookMs: Date.now() - started };
}

describe("provision when the supplicant side breaks", () => {
  it("reports a supplicant killed during WPS, quickly, and changes nothing", async () => {
    const run = await runFault("lost");
    assert.deepEqual(stackLines(run.stderr), []);
    assert.ok(run.code === 1 || run.code === 3, `exit ${run.code}: ${run.stderr}`);
    const report = JSON.parse(run.stdout);
    assert.equal(report.ok, false);
    const net = report.networks[0];
    assert.notEqual(net.status, "provisioned");
    assert.match(`${net.message} ${report.error?.message ?? ""}`, /wpa_supplicant|supplicant/i);
    assert.ok(run.tookMs < 15_000, `took ${run.tookMs} ms: the lost connection must end the wait`);
    assert.ok((await commandsSent(run.state)).includes("wps_pbc"), "the fault hit during WPS");
    assert.deepEqual(await snapshot(run.ws.out), run.before);
    assert.deepEqual(await leftovers(run.ws.out), []);
  });

  it("exits 3 with a report when wpa_cli is missing and changes nothing", async () => {
    const ws = await makeWorkspace("wifiprov-faults-");
    const file = join(ws.root, "site.yaml");
    await fs.writeFile(file, WPS_YAML);
    const before = await snapshot(ws.out);
    const run = await runCli([
      "provision",
      file,
      "--force",
      "--output-dir",
      ws.out,
      "--wpa-cli",
      join(ws.root, "no-wpa_cli"),
    ]);
    assert.equal(run.code, 3, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.error.reason, "wpa-cli-missing");
    assert.equal(report.networks[0].status, "not-run");
    assert.match(run.stderr, /was not found/);
    assert.deepEqual(stackLines(run.stderr), []);
    assert.deepEqual(await snapshot(ws.out), before);
    assert.deepEqual(await leftovers(ws.out), []);
  });

  for (const extra of [[], ["--no-start-supplicant"]]) {
    it(`says permission denied (exit 3) when the control socket refuses us${extra.length ? " and starting is off" : ""}`, async () => {
      const run = await runFault("denied", extra);
      assert.deepEqual(stackLines(run.stderr), []);
      assert.equal(run.code, 3, run.stderr);
      const report = JSON.parse(run.stdout);
      assert.equal(report.networks[0].status, "not-run");
      assert.match(
        report.error.message,
        /permission denied/i,
        "the user must learn why, not be told none runs",
      );
      assert.match(run.stderr, /permission denied/i);
      const starts = await fs.readFile(join(run.state, "supplicant-starts.log"), "utf8").catch(() => "");
      assert.equal(starts, "", "a supplicant is running: starting a second one is wrong");
      assert.deepEqual(await snapshot(run.ws.out), run.before);
      assert.deepEqual(await leftovers(run.ws.out), []);
    });
  }
});
