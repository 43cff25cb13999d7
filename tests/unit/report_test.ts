import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { buildReport, EXIT, exitCodeFor, type NetworkReport, ssidFields } from "../../src/report/report.ts";
import { VERSION } from "../../src/version.ts";

const net = (status: NetworkReport["status"]): NetworkReport => ({
  id: "a",
  method: "wps-pbc",
  status,
  durationMs: 1,
});

describe("buildReport and exitCodeFor", () => {
  it("is ok with exit 0 when every network is provisioned or unchanged", () => {
    const r = buildReport({
      iface: "wlan0",
      startedAt: 0,
      finishedAt: 5,
      networks: [net("provisioned"), net("unchanged")],
    });
    assert.equal(r.ok, true);
    assert.equal(exitCodeFor(r), EXIT.ok);
    assert.deepEqual(r.tool, { name: "wifiprov", version: VERSION });
    assert.equal(r.startedAt, "1970-01-01T00:00:00.000Z");
  });

  for (
    const status of [
      "timeout",
      "overlap",
      "wps-failed",
      "ssid-mismatch",
      "no-wps-ap",
      "connect-failed",
      "error",
    ] as const
  ) {
    it(`exits 1 when a network ends ${status}`, () => {
      const r = buildReport({
        iface: null,
        startedAt: 0,
        finishedAt: 0,
        networks: [net("provisioned"), net(status)],
      });
      assert.equal(r.ok, false);
      assert.equal(exitCodeFor(r), EXIT.networkFailed);
    });
  }

  it("exits 3 on an environment error and 130 when interrupted", () => {
    const env = buildReport({
      iface: null,
      startedAt: 0,
      finishedAt: 0,
      networks: [],
      error: { reason: "locked", message: "y" },
    });
    assert.equal(exitCodeFor(env), EXIT.environment);
    const intr = buildReport({ iface: null, startedAt: 0, finishedAt: 0, networks: [], interrupted: true });
    assert.equal(exitCodeFor(intr), EXIT.interrupted);
  });
});

describe("ssidFields", () => {
  it("gives plain text for printable UTF-8", () => {
    assert.deepEqual(ssidFields(new TextEncoder().encode('Café "x"')), { ssid: 'Café "x"' });
  });
  it("adds hex for bytes that are not printable UTF-8", () => {
    assert.deepEqual(ssidFields(new Uint8Array([0x41, 0xff, 0x00])), {
      ssid: "A\uFFFD\u0000",
      ssidHex: "41ff00",
    });
  });
});
