import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { describeEvent, humanSink } from "../../src/cli/human.ts";
import { failureFields } from "../../src/run/wps_network.ts";

describe("progress lines of a wps-pin network", () => {
  it("shows the generated PIN to type into the router", () => {
    const e = { type: "wps-active", id: "home", timeoutSec: 300, wpsPin: "40319780" } as const;
    assert.equal(
      describeEvent(e, "wps-pin"),
      "home: enter the PIN 40319780 on the router's WPS page (300 s)",
    );
  });

  it("asks for the device's printed PIN without showing it, and keeps the button wording for wps-pbc", () => {
    const e = { type: "wps-active", id: "home", timeoutSec: 60 } as const;
    assert.equal(
      describeEvent(e, "wps-pin"),
      "home: enter the device's printed PIN on the router's WPS page (60 s)",
    );
    assert.equal(describeEvent(e, "wps-pbc"), "home: press the WPS button on the router (60 s)");
  });

  it("counts down with the PIN on a terminal, knowing the method from network-started", () => {
    let out = "";
    const { sink, stop } = humanSink({ write: (t) => (out += t), isTty: true, color: false, now: () => 0 });
    sink({ type: "network-started", id: "home", method: "wps-pin" });
    sink({ type: "wps-active", id: "home", timeoutSec: 97, wpsPin: "40319780" });
    stop();
    assert.match(out, /wifiprov: home: enter the PIN 40319780 on the router's WPS page: 97 s left/);
  });
});

describe("failureFields of a wps-pin network", () => {
  it("says a config_error=18 failure means the router was given a different PIN", () => {
    const outcome = {
      kind: "wps-failed",
      reason: "wps-fail",
      detail: "WPS-FAIL msg=8 config_error=18",
      msg: 8,
      configError: 18,
    } as const;
    const f = failureFields(outcome, "wps-pin");
    assert.equal(f.status, "wps-failed");
    assert.equal(f.message, "the access point was given a different PIN (WPS-FAIL msg=8 config_error=18)");
    assert.deepEqual(f.wps, { msg: 8, configError: 18 });
    assert.equal(failureFields(outcome, "wps-pbc").message, "WPS-FAIL msg=8 config_error=18");
  });

  it("words a timeout for a PIN", () => {
    assert.equal(
      failureFields({ kind: "timeout" }, "wps-pin").message,
      "the PIN was not entered on an access point in time",
    );
  });
});
