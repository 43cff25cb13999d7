// Totality properties of everything that reads supplicant output: credential TLVs, replies, event lines,
// scan results, `bss`/`status` replies, and the WPS state machine fed arbitrary events. None may throw;
// each returns its documented shape.
import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeCredentials } from "../../src/wpa/credential.ts";
import {
  classifyReply,
  parseBss,
  parseConnected,
  parseDisconnected,
  parseEventLine,
  parseKeyValues,
  parseScanResults,
  parseWpsFail,
  type WpaEvent,
} from "../../src/wpa/replies.ts";
import { initialState, step, type WpsState } from "../../src/wps/state.ts";
import { trialNetworks } from "../../src/wps/trial_networks.ts";
import { attr, hex } from "../hostile/tlv.ts";

const TYPES = [0x100e, 0x1026, 0x1045, 0x1003, 0x100f, 0x1027, 0x1020, 0x1049, 0x0000, 0xffff];

/** Attribute lists built from known and unknown types with honest or lying lengths, nested in credentials. */
const tlvHex = fc.letrec<{ list: string }>((tie) => ({
  list: fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...TYPES), fc.uint8Array({ maxLength: 70 })).map(([t, v]) => hex(attr(t, v))),
      tie("list").map((inner) => `100e${(inner.length / 2).toString(16).padStart(4, "0")}${inner}`),
      fc.tuple(fc.constantFrom(...TYPES), fc.nat({ max: 0xffff }), fc.uint8Array({ maxLength: 8 }))
        .map(([t, len, v]) => hex(attr(t, v)).slice(0, 4) + len.toString(16).padStart(4, "0") + hex(v)),
    ),
    { maxLength: 6, depthIdentifier: "tlv" },
  ).map((parts) => parts.join("")),
})).list;

const anyHexish = fc.oneof(
  tlvHex,
  tlvHex.chain((h) => fc.nat({ max: h.length }).map((cut) => h.slice(0, cut))),
  fc.string({ unit: "binary" }),
  fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF \t\n".split("")) }),
);

/** decodeCredentials is total and typed; its error never carries a long hex run (key material). */
export const tlvDecodingIsTotal = fc.property(anyHexish, (input) => {
  const r = decodeCredentials(input);
  if (r.ok) {
    assert.ok(r.credentials.length > 0);
    for (const c of r.credentials) {
      assert.ok(c.ssid.length >= 1 && c.ssid.length <= 32);
      assert.ok(c.key.length <= 64);
      assert.ok(Number.isInteger(c.authType) && c.authType >= 0 && c.authType <= 0xffff);
      assert.ok(Number.isInteger(c.encrType) && c.encrType >= 0 && c.encrType <= 0xffff);
    }
  } else {
    assert.equal(typeof r.error, "string");
    assert.ok(r.error.length > 0 && !r.error.includes("\n"));
    assert.doesNotMatch(r.error, /[0-9a-f]{12,}/i);
  }
});

const token = fc.oneof(
  fc.constantFrom(
    "> ",
    "\r",
    "<3>",
    "<0>",
    "<999>",
    "<1234>",
    "IFNAME=wlan0 ",
    "OK",
    "FAIL",
    "FAIL-BUSY",
    "\t",
    "\n",
    "=",
    "[",
    "]",
  ),
  fc.constantFrom(
    "WPS-CRED-RECEIVED",
    "WPS-FAIL",
    "CTRL-EVENT-CONNECTED",
    "WPS-SUCCESS",
    "bssid=",
    "id=",
    "flags=",
    "ssid=",
  ),
  fc.constantFrom(
    "02:00:00:00:00:00",
    "2412",
    "-30",
    "[WPS-PBC]",
    "[constructor]",
    "__proto__",
    "msg=8",
    "config_error=12",
  ),
  fc.string({ unit: "binary", maxLength: 12 }),
);
const wpaText = fc.array(token, { maxLength: 40 }).map((t) => t.join(""));

/** Every reader of wpa_cli output is total and returns its documented shape. */
export const outputParsingIsTotal = fc.property(wpaText, (text) => {
  assert.ok(["ok", "fail", "unknown-command", "data"].includes(classifyReply(text).kind));
  const ev = parseEventLine(text);
  if (ev) {
    assert.ok(ev.name.length > 0 && !/\s/.test(ev.name));
    assert.ok(Number.isInteger(ev.level) && ev.level >= 0 && ev.level <= 999);
  }
  for (const e of parseScanResults(text)) {
    assert.match(e.bssid, /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    assert.ok(["pbc", "auth", "pin", "wps", "none"].includes(e.wps));
  }
  const bss = parseBss(text);
  if (bss) assert.match(bss.bssid, /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
  parseKeyValues(text);
  parseWpsFail(text);
  parseConnected(text);
  parseDisconnected(text);
});

const eventArb: fc.Arbitrary<WpaEvent> = fc.record({
  name: fc.oneof(
    fc.constantFrom(
      "WPS-AP-AVAILABLE-PBC",
      "CTRL-EVENT-NETWORK-ADDED",
      "WPS-CRED-RECEIVED",
      "WPS-SUCCESS",
      "CTRL-EVENT-CONNECTED",
      "CTRL-EVENT-DISCONNECTED",
      "WPS-OVERLAP-DETECTED",
      "WPS-M2D",
      "WPS-FAIL",
      "WPS-TIMEOUT",
      "CTRL-EVENT-TERMINATING",
      "WPS-CANCEL",
      "constructor",
      "__proto__",
    ),
    fc.string({ maxLength: 20 }),
  ),
  args: fc.oneof(anyHexish, wpaText),
  level: fc.nat({ max: 999 }),
});

const OUTCOMES = ["enrolled", "overlap", "wps-failed", "timeout", "no-wps-ap", "supplicant-gone"];

/** The WPS state machine and the trial-network choice take any event sequence without throwing. */
export const stateMachineIsTotal = fc.property(
  fc.array(eventArb, { maxLength: 30 }),
  fc.boolean(),
  fc.option(fc.uint8Array({ minLength: 1, maxLength: 32 }), { nil: undefined }),
  (events, allowOpen, expectedSsid) => {
    let state: WpsState = initialState(false);
    for (const e of events) {
      const next = step(state, e);
      state = next.state;
      if (next.outcome) {
        assert.ok(OUTCOMES.includes(next.outcome.kind), next.outcome.kind);
        if (next.outcome.kind !== "enrolled") return;
        // Whatever M8 held, the trial networks are total and only carry 1–32-byte SSIDs.
        const ctx = {
          generation: "2.10" as const,
          bss: [],
          allowOpen,
          ...(expectedSsid ? { expectedSsid } : {}),
        };
        const chosen = trialNetworks(next.outcome.credentials, ctx);
        if (chosen.ok) {
          for (const n of chosen.networks) assert.ok(n.ssid.length >= 1 && n.ssid.length <= 32);
        }
        return;
      }
    }
  },
);
