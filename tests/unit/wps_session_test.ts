import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { runWpsSession } from "../../src/wps/session.ts";
import { EnvironmentError } from "../../src/wpa/driver.ts";
import { ev, FakeDriver } from "../helpers/fake_driver.ts";

const SCAN_TWO_PBC = {
  kind: "data" as const,
  text: "bssid / frequency / signal level / flags / ssid\n" +
    "02:00:00:00:00:00\t2412\t-30\t[WPA2-PSK-CCMP][WPS-PBC][ESS]\tLabNet\n" +
    "02:00:00:00:01:00\t2437\t-30\t[WPA2-PSK-CCMP][WPS-PBC][ESS]\tOtherNet\n",
};
const SCAN_ONE_WPS = {
  kind: "data" as const,
  text:
    "bssid / frequency / signal level / flags / ssid\n02:00:00:00:00:00\t2412\t-30\t[WPA2-PSK-CCMP][WPS][ESS]\tLabNet\n",
};
const timing = { timeoutMs: 5000, connectGraceMs: 30_000 };

function deps(driver: FakeDriver, signal = new AbortController().signal) {
  return { driver, clock: driver.clock, signal, emit: () => {} };
}

describe("runWpsSession", () => {
  it("refuses to start when a BSSID is named and another AP is in push-button mode", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_TWO_PBC }, { scan: [ev("CTRL-EVENT-SCAN-RESULTS")] });
    const net = { id: "a", method: "wps-pbc" as const, bssid: "02:00:00:00:00:00" };
    const r = await runWpsSession(net, timing, deps(driver));
    assert.equal(r.outcome.kind, "overlap");
    assert.ok(!driver.sent.some((c) => c.startsWith("wps_pbc")));
  });

  it("leaves overlap detection to the supplicant when no BSSID is named", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_TWO_PBC }, {
      scan: [ev("CTRL-EVENT-SCAN-RESULTS")],
      wps_pbc: [ev("WPS-PBC-ACTIVE"), ev("WPS-OVERLAP-DETECTED", "PBC session overlap")],
    });
    const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver));
    assert.equal(r.outcome.kind, "overlap");
    assert.deepEqual(driver.sent.filter((c) => c.startsWith("wps")), ["wps_pbc", "wps_cancel"]);
  });

  it("reads the supplicant's last scan results instead of scanning when no BSSID is named", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_ONE_WPS }, { wps_pbc: [ev("WPS-TIMEOUT")] });
    await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver));
    assert.ok(!driver.sent.includes("scan"), driver.sent.join(", "));
    assert.ok(driver.sent.includes("scan_results"));
  });

  it("refreshes the enrolled AP with `bss` after connecting, so its SAE flag is current", async () => {
    const bss =
      "id=0\nbssid=02:00:00:00:00:00\nfreq=2412\nlevel=-30\nflags=[WPA2-PSK+SAE-CCMP][WPS-PBC][ESS]\nssid=LabNet\n";
    const driver = new FakeDriver({
      scan_results: SCAN_ONE_WPS,
      "bss 02:00:00:00:00:00": { kind: "data", text: bss },
    }, {
      wps_pbc: [
        ev("WPS-CRED-RECEIVED", CRED_HEX),
        ev("WPS-SUCCESS"),
        ev("CTRL-EVENT-CONNECTED", "- Connection to 02:00:00:00:00:00 completed [id=0 id_str=]"),
      ],
    });
    const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver));
    assert.equal(r.outcome.kind, "success");
    assert.equal(r.aps[0]?.sae, true);
  });

  it("passes a named BSSID to wps_pbc", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_ONE_WPS }, { wps_pbc: [ev("WPS-TIMEOUT")] });
    await runWpsSession({ id: "a", method: "wps-pbc", bssid: "02:00:00:00:00:00" }, timing, deps(driver));
    assert.ok(driver.sent.includes("wps_pbc 02:00:00:00:00:00"));
  });

  it("times out at the deadline, cancels WPS and removes the network it added", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_ONE_WPS }, {
      wps_pbc: [ev("CTRL-EVENT-NETWORK-ADDED", "3"), ev("WPS-PBC-ACTIVE")],
    });
    const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver));
    assert.deepEqual(r.outcome, { kind: "timeout" });
    assert.ok(driver.clock.t >= 5000);
    assert.deepEqual(driver.sent.slice(-2), ["wps_cancel", "remove_network 3"]);
  });

  it("says no-wps-ap when nothing offering WPS was ever seen", async () => {
    const driver = new FakeDriver({
      scan_results: { kind: "data", text: "bssid / frequency / signal level / flags / ssid\n" },
    });
    const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver));
    assert.deepEqual(r.outcome, { kind: "no-wps-ap" });
  });

  it("stops waiting on abort and still cancels WPS", async () => {
    const abort = new AbortController();
    abort.abort();
    const driver = new FakeDriver({ scan_results: SCAN_ONE_WPS });
    const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver, abort.signal));
    assert.deepEqual(r.outcome, { kind: "interrupted" });
    assert.ok(driver.sent.includes("wps_cancel"));
  });

  it("reports a refused wps_pbc as wps-failed", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_ONE_WPS, wps_pbc: { kind: "fail", text: "FAIL" } });
    const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver));
    assert.equal(r.outcome.kind === "wps-failed" && r.outcome.reason, "wps-pbc-refused");
  });

  it("throws an environment error when the supplicant has no WPS support", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_ONE_WPS, wps_pbc: { kind: "unknown-command" } });
    await assert.rejects(
      runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver)),
      EnvironmentError,
    );
  });
});

const CRED_HEX =
  "100e00451026000101104500064c61624e6574100300020020100f000200081027001c636f727265637420686f727365206261747465727920737461706c6510200006020000000200";
