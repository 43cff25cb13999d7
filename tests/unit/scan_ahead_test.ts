// The early scan (issue 13): for a push-button network the scan is sent as soon as the monitor is attached
// (with a named BSSID one the session waits for, without one only sent, for the supplicant's own WPS
// selection), the set-up commands go out while it runs, and `wps_pbc` still comes only after every set-up
// command was answered. For PIN and DPP there is no scan of ours.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { leaseSupplicant } from "../../src/run/supplicant_lease.ts";
import { type AppDeps, runProvision } from "../../src/run/app.ts";
import { resolveSettings } from "../../src/plan/settings.ts";
import { EnvironmentError } from "../../src/errors.ts";
import { earlyScanFor, freshScanNeeded, startScan } from "../../src/wps/scan.ts";
import type { SupplicantControl } from "../../src/wpa/driver.ts";
import type { Reply } from "../../src/wpa/replies.ts";
import { ev, FakeDriver, runningControl, SYSTEM_GUARD_REPLIES } from "../helpers/fake_driver.ts";

const data = (text: string): Reply => ({ kind: "data", text });
const BSSID = "02:00:00:00:00:00";
const SCAN = data(
  "bssid / frequency / signal level / flags / ssid\n" +
    `${BSSID}\t2412\t-30\t[WPA2-PSK-CCMP][WPS-PBC][ESS]\tLabNet\n`,
);
/** The commands a system supplicant's set-up sends (supplicant_lease.ts prepareSystemSupplicant). */
const SET_UP = ["log_level", "get wps_cred_processing", "get update_config", "list_networks"];

/** A running system supplicant whose `scan` is answered by a results event. */
function systemSupplicant(): { control: SupplicantControl; driver: FakeDriver } {
  const driver = new FakeDriver(
    { ...SYSTEM_GUARD_REPLIES, scan_results: SCAN },
    { scan: [ev("CTRL-EVENT-SCAN-STARTED"), ev("CTRL-EVENT-SCAN-RESULTS")] },
  );
  return { control: runningControl(driver), driver };
}

const settings = resolveSettings({ iface: "wlan0", ctrlDir: "/tmp/wifiprov-test-ctrl" }, {});
const noSignal = new AbortController().signal;

describe("freshScanNeeded", () => {
  it("is true only for push-button with a named BSSID", () => {
    assert.equal(freshScanNeeded({ method: "wps-pbc", bssid: BSSID }), true);
    assert.equal(freshScanNeeded({ method: "wps-pbc" }), false);
    assert.equal(freshScanNeeded({ method: "wps-pin", bssid: BSSID }), false);
    assert.equal(freshScanNeeded({ method: "dpp" }), false);
  });
});

describe("earlyScanFor", () => {
  it("waits for the scan with a named BSSID, only sends it without one, and sends none for PIN and DPP", () => {
    assert.equal(earlyScanFor({ method: "wps-pbc", bssid: BSSID }), "wait");
    assert.equal(earlyScanFor({ method: "wps-pbc" }), "send");
    assert.equal(earlyScanFor({ method: "wps-pin" }), "none");
    assert.equal(earlyScanFor({ method: "wps-pin", bssid: BSSID }), "none");
    assert.equal(earlyScanFor({ method: "dpp" }), "none");
  });
});

describe("leaseSupplicant with an early scan", () => {
  it("only sends the scan it is not to wait for, first, and keeps nothing to take", async () => {
    const { control, driver } = systemSupplicant();
    const lease = await leaseSupplicant(control, settings, () => {}, noSignal, { earlyScan: "send" });
    assert.equal(driver.sent[0], "scan", driver.sent.join(", "));
    assert.equal(driver.sent.filter((cmd) => cmd === "scan").length, 1);
    assert.equal(lease.takeScanAhead(), undefined);
    await lease.release();
  });

  it("sends the scan first, then the set-up, and hands the scan over once", async () => {
    const { control, driver } = systemSupplicant();
    const lease = await leaseSupplicant(control, settings, () => {}, noSignal, { earlyScan: "wait" });
    assert.equal(driver.sent[0], "scan", driver.sent.join(", "));
    for (const cmd of SET_UP) assert.ok(driver.sent.includes(cmd), `${cmd} in ${driver.sent.join(", ")}`);
    const scan = lease.takeScanAhead();
    assert.ok(scan);
    assert.equal(lease.takeScanAhead(), undefined, "taken only once");
    assert.deepEqual((await scan.take()).map((ap) => ap.bssid), [BSSID]);
    await lease.release();
  });

  it("scans only after a run-time country was set (it decides which channels may be scanned)", async () => {
    const { control, driver } = systemSupplicant();
    const country = { ...settings, setCountry: true, country: "DE" };
    const lease = await leaseSupplicant(control, country, () => {}, noSignal, { earlyScan: "wait" });
    const at = (cmd: string) => driver.sent.indexOf(cmd);
    assert.ok(at("set country DE") >= 0 && at("scan") > at("set country DE"), driver.sent.join(", "));
    assert.ok(lease.takeScanAhead());
    await lease.release();
  });

  it("sends no scan when not asked", async () => {
    const { control, driver } = systemSupplicant();
    const lease = await leaseSupplicant(control, settings, () => {}, noSignal);
    assert.ok(!driver.sent.includes("scan"), driver.sent.join(", "));
    assert.equal(lease.takeScanAhead(), undefined);
    await lease.release();
  });
});

describe("startScan", () => {
  it("holds a failure of the wait for take(), instead of leaving it unhandled", async () => {
    const { driver } = systemSupplicant();
    const gone = new EnvironmentError("monitor-gone", "the monitor exited");
    driver.onSend = (cmd) => {
      if (cmd === "scan") driver.failEventsWith = gone;
    };
    const scan = await startScan(driver);
    // Give an unhandled rejection the chance to surface before the scan is taken.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await assert.rejects(scan.take(), (e) => e === gone);
  });
});

describe("runProvision: the early scan and the button", () => {
  for (
    const [label, network, scans] of [
      ["a named BSSID", `{ id: home, method: wps-pbc, bssid: "${BSSID}", timeout: 5 }`, 1],
      ["no BSSID", "{ id: home, method: wps-pbc, timeout: 5 }", 1],
      ["a PIN", "{ id: home, method: wps-pin, timeout: 5 }", 0],
    ] as const
  ) {
    it(`with ${label}: ${scans} scan, and wps_pbc only after every set-up command was answered`, async () => {
      const dir = await fs.mkdtemp(join(tmpdir(), "wifiprov-scan-ahead-"));
      const { control, driver } = systemSupplicant();
      const deps: AppDeps = {
        secrets: { env: () => undefined, readFile: () => Promise.resolve({ ok: false, reason: "unused" }) },
        control: () => control,
        clock: driver.clock,
        signal: noSignal,
        emit: () => {},
      };
      const fileText = `version: 1\ninterface: wlan0\nnetworks:\n  - ${network}\n`;
      const r = await runProvision(
        {
          fileText,
          cli: { outputDir: join(dir, "out"), lockDir: join(dir, "locks") },
          dryRun: false,
          force: true,
        },
        deps,
      );
      assert.equal(r.kind, "report");
      if (r.kind === "report") await r.teardown();
      const sent = driver.sent;
      assert.equal(sent.filter((cmd) => cmd === "scan").length, scans, sent.join(", "));
      if (scans === 1) assert.equal(sent[0], "scan", sent.join(", "));
      const pressed = sent.findIndex((cmd) => cmd.startsWith("wps_pbc") || cmd.startsWith("wps_pin"));
      assert.ok(pressed > 0, sent.join(", "));
      for (const cmd of [...SET_UP, "set wps_cred_processing 1", "set update_config 0"]) {
        const at = sent.indexOf(cmd);
        assert.ok(at >= 0 && at < pressed, `${cmd} before wps_pbc in ${sent.join(", ")}`);
      }
      const start =
        { "a named BSSID": `wps_pbc ${BSSID}`, "no BSSID": "wps_pbc", "a PIN": "wps_pin any" }[label];
      assert.equal(sent[pressed], start);
    });
  }
});
