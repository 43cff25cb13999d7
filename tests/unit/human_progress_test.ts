import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { describeEvent, humanSink, shown } from "../../src/cli/human.ts";

function capture(isTty: boolean, color: boolean) {
  let out = "";
  let t = 0;
  const h = humanSink({ write: (s) => (out += s), isTty, color, now: () => t });
  return { h, read: () => out, advance: (ms: number) => (t += ms) };
}

describe("human progress", () => {
  it("prints plain lines when stderr is not a terminal", () => {
    const c = capture(false, false);
    c.h.sink({ type: "wps-active", id: "home", timeoutSec: 120 });
    c.h.sink({ type: "network-finished", id: "home", status: "provisioned", durationMs: 1500 });
    c.h.stop();
    assert.equal(
      c.read(),
      "wifiprov: home: press the WPS button on the router (120 s)\nwifiprov: home: provisioned in 1.5 s\n",
    );
  });

  it("shows a live countdown on a terminal and clears it at the next event", () => {
    const c = capture(true, false);
    c.h.sink({ type: "wps-active", id: "home", timeoutSec: 120 });
    assert.equal(c.read(), "wifiprov: home: press the WPS button on the router: 120 s left");
    c.advance(23_000);
    c.h.sink({ type: "connected", id: "home", ssid: "MyWireless" });
    c.h.stop();
    assert.ok(
      c.read().endsWith('\r\x1b[2Kwifiprov: home: connected to "MyWireless"\n'),
      JSON.stringify(c.read()),
    );
  });

  it("colours outcomes only when colour is on", () => {
    const plain = capture(true, false);
    plain.h.sink({ type: "network-finished", id: "a", status: "timeout", durationMs: 1, reason: "timeout" });
    assert.ok(!plain.read().includes("\x1b[31m"));
    const coloured = capture(true, true);
    coloured.h.sink({
      type: "network-finished",
      id: "a",
      status: "timeout",
      durationMs: 1,
      reason: "timeout",
    });
    assert.ok(coloured.read().includes("\x1b[31m"));
  });

  it("says whether access point counts come from a scan of its own or the supplicant's last one", () => {
    assert.equal(
      describeEvent({ type: "scan", id: "home", accessPoints: 2, wpsAccessPoints: 1, cached: false }),
      "home: 2 access points in range, 1 offering WPS",
    );
    assert.equal(
      describeEvent({ type: "scan", id: "home", accessPoints: 1, wpsAccessPoints: 1, cached: true }),
      "home: 1 access point seen in the last scan, 1 offering WPS",
    );
    assert.equal(
      describeEvent({ type: "scan", id: "home", accessPoints: 0, wpsAccessPoints: 0, cached: true }),
      "home: no recent scan results; wpa_supplicant scans during WPS",
    );
  });

  it("says where the config went", () => {
    assert.equal(
      describeEvent({
        type: "config-written",
        id: "home",
        path: "/etc/wpa_supplicant/home.conf",
        status: "provisioned",
      }),
      "home: wrote /etc/wpa_supplicant/home.conf",
    );
  });
});

describe("shown (text from the air on a terminal)", () => {
  it("quotes an SSID so that no control character, C1 CSI, line separator or bidi override passes", () => {
    const hostile = "a\x1b[2J\nfake line\u009b31m\u2028\u202eb\x7f";
    const line = describeEvent({ type: "connected", id: "home", ssid: hostile }) ?? "";
    // deno-lint-ignore no-control-regex
    assert.doesNotMatch(line, /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]/);
    assert.equal(JSON.parse(shown(hostile).replace(/\\u00([0-9a-f]{2})/g, "\\u00$1")), hostile);
  });
});
