// The fresh scan of src/wps/scan.ts: a scan the supplicant refuses is an environment error (`scan-refused`)
// instead of a silent read of its old results, raised when the scan is taken, so a session that checks the
// radio first still says `radio-disabled`; a supplicant that goes away while the scan runs ends the wait at once.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { scanAccessPoints, startScan } from "../../src/wps/scan.ts";
import { runWpsSession, type WpsTiming } from "../../src/wps/session.ts";
import { EnvironmentError } from "../../src/errors.ts";
import type { Reply } from "../../src/wpa/replies.ts";
import { ev, FakeDriver } from "../helpers/fake_driver.ts";

const data = (text: string): Reply => ({ kind: "data", text });
const BSSID = "02:00:00:00:00:00";
/** The supplicant's old results: one AP in push-button mode, so no overlap would be seen in them. */
const OLD_SCAN = data(
  "bssid / frequency / signal level / flags / ssid\n" +
    `${BSSID}\t2412\t-30\t[WPA2-PSK-CCMP][WPS-PBC][ESS]\tLabNet\n`,
);
const timing: WpsTiming = { timeoutMs: 5000, connectGraceMs: 30_000, keepNetwork: true };
const named = { id: "home", method: "wps-pbc" as const, bssid: BSSID };

function deps(driver: FakeDriver) {
  return { driver, clock: driver.clock, signal: new AbortController().signal, emit: () => {} };
}

const isEnvironment = (reason: string) => (e: unknown) => {
  assert.ok(e instanceof EnvironmentError, String(e));
  assert.equal(e.reason, reason);
  return true;
};

describe("startScan when the supplicant refuses the scan", () => {
  for (
    const [label, reply] of [
      ["a plain FAIL", { kind: "fail", text: "FAIL" }],
      ["UNKNOWN COMMAND", { kind: "unknown-command" }],
    ] as const
  ) {
    it(`holds scan-refused for take() on ${label}, without reading the old results`, async () => {
      const driver = new FakeDriver({ scan: reply, scan_results: OLD_SCAN });
      const scan = await startScan(driver);
      await assert.rejects(scan.take(), isEnvironment("scan-refused"));
      assert.ok(!driver.sent.includes("scan_results"), driver.sent.join(", "));
    });
  }

  it("names the supplicant's answer in a one-line message", async () => {
    const driver = new FakeDriver({ scan: { kind: "fail", text: "FAIL" }, scan_results: OLD_SCAN });
    await assert.rejects(scanAccessPoints(driver), (e) => {
      assert.ok(e instanceof Error);
      assert.match(e.message, /refused to scan \(it answered "FAIL"\)/);
      assert.ok(!e.message.includes("\n"));
      return true;
    });
  });

  it("still waits for the results of a scan already running (FAIL-BUSY)", async () => {
    const driver = new FakeDriver(
      { scan: { kind: "fail", text: "FAIL-BUSY" }, scan_results: OLD_SCAN },
      { scan: [ev("CTRL-EVENT-SCAN-RESULTS")] },
    );
    assert.deepEqual((await scanAccessPoints(driver)).map((ap) => ap.bssid), [BSSID]);
  });
});

describe("startScan when an accepted scan brings no results (second hostile review of issue 13)", () => {
  for (
    const [label, events, pattern] of [
      ["CTRL-EVENT-SCAN-FAILED after OK", [
        ev("CTRL-EVENT-SCAN-STARTED"),
        ev("CTRL-EVENT-SCAN-FAILED", "ret=-16"),
      ], /scan failed/],
      ["no results within the wait", [ev("CTRL-EVENT-SCAN-STARTED")], /no scan results within 12 s/],
    ] as const
  ) {
    it(`refuses on ${label}, without reading the old results`, async () => {
      const driver = new FakeDriver({ scan: { kind: "ok" }, scan_results: OLD_SCAN }, { scan: [...events] });
      const scan = await startScan(driver);
      await assert.rejects(
        scan.take(),
        (e) => isEnvironment("scan-refused")(e) && pattern.test((e as Error).message),
      );
      assert.ok(!driver.sent.includes("scan_results"), driver.sent.join(", "));
    });
  }
});

describe("startScan when the supplicant goes away during the scan", () => {
  it("ends the wait at CTRL-EVENT-TERMINATING with supplicant-gone, waiting no longer", async () => {
    const driver = new FakeDriver({ scan_results: OLD_SCAN }, {
      scan: [
        ev("CTRL-EVENT-SCAN-STARTED"),
        ev("CTRL-EVENT-TERMINATING", "connection to wpa_supplicant lost"),
      ],
    });
    const scan = await startScan(driver);
    await assert.rejects(scan.take(), isEnvironment("supplicant-gone"));
    // The fake clock moves only when the driver is asked to wait for an event that does not come.
    assert.equal(driver.clock.t, 0, "no wait after the supplicant went away");
    assert.ok(!driver.sent.includes("scan_results"), driver.sent.join(", "));
  });
});

describe("runWpsSession with a named BSSID and a refused scan", () => {
  it("stops with scan-refused before wps_pbc (its own overlap check would run on old results)", async () => {
    const driver = new FakeDriver({ scan: { kind: "fail", text: "FAIL" }, scan_results: OLD_SCAN });
    await assert.rejects(runWpsSession(named, timing, deps(driver)), isEnvironment("scan-refused"));
    assert.ok(!driver.sent.some((c) => c.startsWith("wps_pbc")), driver.sent.join(", "));
  });

  it("takes the early scan only after the radio check, so a disabled radio still says radio-disabled", async () => {
    const driver = new FakeDriver({
      scan: { kind: "fail", text: "FAIL" },
      status: data("wpa_state=INTERFACE_DISABLED\naddress=02:00:00:00:02:00"),
      scan_results: OLD_SCAN,
    });
    const scanAhead = await startScan(driver);
    await assert.rejects(
      runWpsSession(named, timing, { ...deps(driver), scanAhead }),
      isEnvironment("radio-disabled"),
    );
    assert.ok(!driver.sent.some((c) => c.startsWith("wps_pbc")), driver.sent.join(", "));
  });
});
