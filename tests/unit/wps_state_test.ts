import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  deadline,
  expire,
  initialState,
  step,
  type WpsOutcome,
  type WpsWaitConfig,
} from "../../src/wps/state.ts";
import { transcriptEvents } from "../helpers/transcript.ts";
import type { WpaEvent } from "../../src/wpa/parse.ts";

const CREDS = "===== events (interactive wpa_cli) =====";
const enc = (s: string) => new TextEncoder().encode(s);

function config(extra: Partial<WpsWaitConfig> = {}): WpsWaitConfig {
  return { startedAt: 0, timeoutMs: 120_000, connectGraceMs: 30_000, allowOpen: false, ...extra };
}

function feed(events: Array<[number, WpaEvent]>, cfg = config()): { outcome?: WpsOutcome; consumed: number } {
  let state = initialState(false);
  for (const [i, [t, e]] of events.entries()) {
    const next = step(state, e, t, cfg);
    state = next.state;
    if (next.outcome) return { outcome: next.outcome, consumed: i + 1 };
  }
  return { consumed: events.length };
}

const ev = (name: string, args = ""): WpaEvent => ({ name, args, level: 3 });

describe("WPS state machine", () => {
  it("succeeds on the recorded enrolment only at CTRL-EVENT-CONNECTED, not at WPS-SUCCESS", () => {
    const events = transcriptEvents("creds.log", CREDS, 8.5, 9.6);
    const { outcome, consumed } = feed(events);
    assert.equal(outcome?.kind, "success");
    assert.equal(events[consumed - 1]![1].name, "CTRL-EVENT-CONNECTED");
    if (outcome?.kind !== "success") return;
    assert.deepEqual(outcome.credential.ssid, enc("LabNet"));
    assert.equal(outcome.bssid, "02:00:00:00:00:00");
  });

  it("treats the EAP failure after WPS-SUCCESS as normal", () => {
    const events = transcriptEvents("creds.log", CREDS, 8.5, 9.6);
    const eapFailure = events.findIndex(([, e]) => e.name === "CTRL-EVENT-EAP-FAILURE");
    assert.ok(eapFailure > 0);
    assert.equal(feed(events.slice(0, eapFailure + 1)).outcome, undefined);
  });

  it("refuses a credential for another SSID as soon as it arrives", () => {
    const events = transcriptEvents("creds.log", CREDS, 8.5, 9.6);
    const { outcome, consumed } = feed(events, config({ expectedSsid: enc("Elsewhere") }));
    assert.equal(outcome?.kind, "ssid-mismatch");
    assert.equal(events[consumed - 1]![1].name, "WPS-CRED-RECEIVED");
  });

  it("accepts the matching credential when an SSID is expected", () => {
    const events = transcriptEvents("creds.log", CREDS, 10.6, 11.3);
    assert.equal(feed(events, config({ expectedSsid: enc("HexNet") })).outcome?.kind, "success");
  });

  it("reports the recorded overlap", () => {
    const events = transcriptEvents("overlap.log", "===== events attempt 1 =====", 9.1, 17);
    assert.equal(feed(events).outcome?.kind, "overlap");
  });

  it("reports the recorded WPS-TIMEOUT as timeout when a WPS AP was seen", () => {
    const events = transcriptEvents("wps_timeout.log", "===== events part 1", 8.0, 200);
    assert.deepEqual(feed(events).outcome, { kind: "timeout" });
  });

  it("expires as no-wps-ap when no AP advertised WPS, and as timeout when one did", () => {
    assert.deepEqual(expire(initialState(false)), { kind: "no-wps-ap" });
    assert.deepEqual(expire(initialState(true)), { kind: "timeout" });
  });

  it("moves the deadline to the connect grace period after WPS-SUCCESS", () => {
    const cfg = config({ timeoutMs: 10_000 });
    let state = initialState(true);
    assert.equal(deadline(state, cfg), 10_000);
    state = step(state, ev("WPS-CRED-RECEIVED", CRED_HEX), 1000, cfg).state;
    state = step(state, ev("WPS-SUCCESS"), 2000, cfg).state;
    assert.equal(deadline(state, cfg), 32_000);
    assert.equal(expire(state).kind, "connect-failed");
  });

  it("parses WPS-FAIL details", () => {
    const out = step(
      initialState(true),
      ev("WPS-FAIL", "msg=8 config_error=15 reason=3 (Authentication failure)"),
      1,
      config(),
    );
    assert.deepEqual(out.outcome && { ...out.outcome, detail: undefined }, {
      kind: "wps-failed",
      reason: "wps-fail",
      detail: undefined,
      msg: 8,
      configError: 15,
      failReason: 3,
    });
  });

  it("treats an AP-side M2D with config_error 12 as overlap", () => {
    const out = step(initialState(true), ev("WPS-M2D", "dev_password_id=4 config_error=12"), 1, config());
    assert.equal(out.outcome?.kind, "overlap");
  });

  it("fails when WPS succeeds without a reported credential", () => {
    const out = step(initialState(true), ev("WPS-SUCCESS"), 1, config());
    assert.equal(out.outcome?.kind, "wps-failed");
  });

  it("refuses WEP credentials and malformed ones", () => {
    const wep = "100e0021" + "104500034e6574" + "100300020001" + "100f00020002" + "102700053132333435" +
      "1026000101";
    const r1 = step(initialState(true), ev("WPS-CRED-RECEIVED", wep), 1, config());
    assert.deepEqual(r1.outcome?.kind === "wps-failed" && r1.outcome.reason, "refused-wep");
    const r2 = step(initialState(true), ev("WPS-CRED-RECEIVED", "100e00ff1045"), 1, config());
    assert.deepEqual(r2.outcome && r2.outcome.kind === "wps-failed" && r2.outcome.reason, "bad-credential");
  });

  it("refuses an open-network credential unless the file allows it", () => {
    // Credential: SSID "Cafe", auth open (0x0001), encryption none (0x0001), no key.
    const open = "100e0019" + "10450004" + "43616665" + "100300020001" + "100f00020001" + "1026000101";
    const refused = step(initialState(true), ev("WPS-CRED-RECEIVED", open), 1, config());
    assert.deepEqual(refused.outcome?.kind === "wps-failed" && refused.outcome.reason, "refused-open");
    const allowed = step(initialState(true), ev("WPS-CRED-RECEIVED", open), 1, config({ allowOpen: true }));
    assert.equal(allowed.outcome, undefined);
    assert.equal(allowed.state.credentials.length, 1);
  });

  it("reports a supplicant that went away", () => {
    const out = step(initialState(true), ev("CTRL-EVENT-TERMINATING"), 1, config());
    assert.equal(out.outcome?.kind, "wps-failed");
  });
});

const CRED_HEX =
  "100e00451026000101104500064c61624e6574100300020020100f000200081027001c636f727265637420686f727365206261747465727920737461706c6510200006020000000200";
