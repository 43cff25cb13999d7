// A fresh scan the supplicant refuses with a plain FAIL (hostile review 13): `provision` with a named BSSID
// stops with exit 3 and `scan-refused` before `wps_pbc` (its overlap check would have run on the old
// results) and gives the system supplicant back; `wifiprov scan` exits 3 with a one-line message, and says
// `radio-disabled` for a disabled radio.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { runField } from "../helpers/field.ts";
import { assertNetworksKept, assertSupplicantRestored } from "../helpers/field_checks.ts";
import { FAKE_WPA_CLI, REPLAY_DIR } from "../helpers/replay.ts";
import { makeWorkspace, runCli } from "../hostile/support.ts";

const NAMED_BSSID =
  'version: 1\ninterface: wlan0\nnetworks:\n  - { id: home, method: wps-pbc, ssid: LabNet, bssid: "02:00:00:00:00:00", timeout: 20 }\n';

describe("provision when the supplicant refuses the fresh scan", () => {
  it("exits 3 with scan-refused before wps_pbc and leaves the system supplicant as found", async () => {
    const run = await runField("scan_refused", NAMED_BSSID);
    assert.equal(run.code, 3, `${run.stderr}\n${run.stdout.slice(0, 600)}`);
    const report = JSON.parse(run.stdout);
    assert.equal(report.error.reason, "scan-refused");
    assert.equal(report.networks[0].status, "error");
    assert.equal(report.networks[0].reason, "scan-refused");
    const sent = [...run.stdin, ...run.oneShot.map((a) => a.join(" "))];
    assert.ok(sent.includes("scan"), sent.join(", "));
    assert.ok(!sent.some((c) => c.startsWith("wps_pbc")), sent.join(", "));
    assert.ok(!sent.includes("scan_results"), "the old results were not read");
    assert.match(run.stderr, /refused to scan/);
    assertNetworksKept(run);
    assertSupplicantRestored(run);
  });
});

describe("wifiprov scan", () => {
  for (
    const [scenario, reason] of [
      ["scan_refused", /^wifiprov: wpa_supplicant refused to scan \(it answered "FAIL"\)/],
      ["field_11a_rfkill_any", /^wifiprov: the radio is disabled \(wpa_state=INTERFACE_DISABLED\)/],
    ] as const
  ) {
    it(`exits 3 with a one-line message when the scan cannot be made (${scenario})`, async () => {
      const ws = await makeWorkspace("wifiprov-scan-refused-");
      const state = join(ws.root, "state");
      await fs.mkdir(state);
      await fs.writeFile(join(state, "supplicant-running"), "");
      const run = await runCli(
        ["scan", "-i", "wlan0", "--ctrl-dir", join(ws.root, "ctrl"), "--wpa-cli", FAKE_WPA_CLI],
        {
          FAKE_WPA_SCENARIO: join(REPLAY_DIR, `${scenario}.json`),
          FAKE_WPA_STATE: state,
          WIFIPROV_LOCK_DIR: join(ws.root, "locks"),
        },
      );
      assert.equal(run.code, 3, run.stderr);
      assert.equal(run.stdout, "");
      assert.match(run.stderr, reason);
      assert.equal(run.stderr.trimEnd().split("\n").length, 1, run.stderr);
    });
  }
});
