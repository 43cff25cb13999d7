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
import type { WpaEvent } from "../../src/wpa/replies.ts";

const CREDS = "===== events (interactive wpa_cli) =====";
const enc = (s: string) => new TextEncoder().encode(s);

function config(extra: Partial<WpsWaitConfig> = {}): WpsWaitConfig {
  return { startedAt: 0, timeoutMs: 120_000, ...extra };
}

function feed(events: Array<[number, WpaEvent]>): { outcome?: WpsOutcome; consumed: number } {
  let state = initialState(false);
  for (const [i, [, e]] of events.entries()) {
    const next = step(state, e);
    state = next.state;
    if (next.outcome) return { outcome: next.outcome, consumed: i + 1 };
  }
  return { consumed: events.length };
}

const ev = (name: string, args = ""): WpaEvent => ({ name, args, level: 3 });

describe("WPS state machine", () => {
  it("ends the recorded enrolment at WPS-SUCCESS with M8's credential", () => {
    const events = transcriptEvents("creds.log", CREDS, 8.5, 9.6);
    const { outcome, consumed } = feed(events);
    assert.equal(events[consumed - 1]![1].name, "WPS-SUCCESS");
    assert.equal(outcome?.kind, "enrolled");
    if (outcome?.kind !== "enrolled") return;
    assert.deepEqual(outcome.credentials.map((c) => c.ssid), [enc("LabNet")]);
  });

  it("keeps every credential of M8, in order, when a dual-band router sends several", () => {
    let state = initialState(true);
    state = step(state, ev("WPS-CRED-RECEIVED", HOMENET_5G_HEX)).state;
    state = step(state, ev("WPS-CRED-RECEIVED", HOMENET_HEX)).state;
    const out = step(state, ev("WPS-SUCCESS"));
    assert.equal(out.outcome?.kind, "enrolled");
    if (out.outcome?.kind !== "enrolled") return;
    assert.deepEqual(out.outcome.credentials.map((c) => new TextDecoder().decode(c.ssid)), [
      "HomeNet-5G",
      "HomeNet",
    ]);
  });

  it("does not judge a credential's SSID before WPS-SUCCESS (the wanted one may come second)", () => {
    const out = step(initialState(true), ev("WPS-CRED-RECEIVED", HOMENET_5G_HEX));
    assert.equal(out.outcome, undefined);
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

  it("keeps the walk-time deadline from the start of wps_pbc", () => {
    assert.equal(deadline(initialState(true), config({ startedAt: 500, timeoutMs: 10_000 })), 10_500);
  });

  it("parses WPS-FAIL details", () => {
    const out = step(
      initialState(true),
      ev("WPS-FAIL", "msg=8 config_error=15 reason=3 (Authentication failure)"),
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
    const out = step(initialState(true), ev("WPS-M2D", "dev_password_id=4 config_error=12"));
    assert.equal(out.outcome?.kind, "overlap");
  });

  it("fails when WPS succeeds without a reported credential", () => {
    const out = step(initialState(true), ev("WPS-SUCCESS"));
    assert.equal(out.outcome?.kind === "wps-failed" && out.outcome.reason, "no-credential");
  });

  it("refuses a malformed credential as it arrives", () => {
    const out = step(initialState(true), ev("WPS-CRED-RECEIVED", "100e00ff1045"));
    assert.equal(out.outcome?.kind === "wps-failed" && out.outcome.reason, "bad-credential");
  });

  it("reports a supplicant that went away as supplicant-gone (an environment failure)", () => {
    const out = step(initialState(true), ev("CTRL-EVENT-TERMINATING"));
    assert.equal(out.outcome?.kind, "supplicant-gone");
  });

  it("records the temporary WPS network's id so a failed attempt can remove it", () => {
    const out = step(initialState(true), ev("CTRL-EVENT-NETWORK-ADDED", "4"));
    assert.equal(out.state.networkId, 4);
  });
});

/** Credential{index 1, "HomeNet-5G", WPA2-PSK, AES, "two band router pass"} (field case 01). */
const HOMENET_5G_HEX =
  "100e004110260001011045000a486f6d654e65742d3547100300020020100f000200081027001474776f2062616e6420726f75746572207061737310200006020000000200";
/** Credential{index 1, "HomeNet", WPA2-PSK, AES, "two band router pass"} (field case 01). */
const HOMENET_HEX =
  "100e003e102600010110450007486f6d654e6574100300020020100f000200081027001474776f2062616e6420726f75746572207061737310200006020000000200";
