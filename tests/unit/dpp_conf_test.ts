import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  dppExpired,
  dppStep,
  type DppWaitState,
  initialDppState,
  reportsDppConfig,
} from "../../src/dpp/conf.ts";
import { dppTrialNetwork } from "../../src/dpp/network.ts";
import { parseEventLine } from "../../src/wpa/replies.ts";

const hex = (s: string) =>
  Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, "0")).join("");

function feed(lines: string[]) {
  let state: DppWaitState = initialDppState();
  for (const line of lines) {
    const next = dppStep(state, parseEventLine(line)!);
    state = next.state;
    if (next.outcome) return { state, outcome: next.outcome };
  }
  return { state, outcome: undefined };
}

describe("dppStep", () => {
  it("collects a PSK object (escaped SSID, hex passphrase) and ends at its key", () => {
    const { outcome } = feed([
      "<3>DPP-AUTH-SUCCESS init=0",
      "<3>DPP-CONF-RECEIVED ",
      "<3>DPP-CONFOBJ-AKM psk",
      '<3>DPP-CONFOBJ-SSID caf\\xc3\\xa9 \\"x\\"',
      `<3>DPP-CONFOBJ-PASS ${hex("secret passphrase")}`,
    ]);
    assert.equal(outcome?.kind, "received");
    if (outcome?.kind !== "received") return;
    assert.equal(new TextDecoder().decode(outcome.config.ssid), 'café "x"');
    assert.equal(new TextDecoder().decode(outcome.config.passphrase), "secret passphrase");
  });
  it("keeps the SSID's leading and trailing spaces byte for byte", () => {
    const { outcome } = feed([
      "<3>DPP-CONF-RECEIVED ",
      "<3>DPP-CONFOBJ-AKM psk",
      "<3>DPP-CONFOBJ-SSID  LabNet ",
      `<3>DPP-CONFOBJ-PASS ${hex("correct horse")}`,
    ]);
    assert.equal(outcome?.kind, "received");
    if (outcome?.kind !== "received") return;
    assert.deepEqual(outcome.config.ssid, new TextEncoder().encode(" LabNet "));
  });
  it("takes a raw PSK", () => {
    const psk = "ab".repeat(32);
    const { outcome } = feed([
      "<3>DPP-CONF-RECEIVED ",
      "<3>DPP-CONFOBJ-AKM psk",
      "<3>DPP-CONFOBJ-SSID n",
      `<3>DPP-CONFOBJ-PSK ${psk}`,
    ]);
    assert.equal(outcome?.kind === "received" && outcome.config.pskHex, psk);
  });
  it("ends at DPP-FAIL with the supplicant's reason", () => {
    const { outcome } = feed(["<3>DPP-FAIL Configurator rejected configuration"]);
    assert.deepEqual(outcome, {
      kind: "dpp-failed",
      reason: "dpp-failed",
      detail: "DPP-FAIL: Configurator rejected configuration",
    });
  });
  it("refuses a connector AKM at once", () => {
    const { outcome } = feed(["<3>DPP-CONF-RECEIVED ", "<3>DPP-CONFOBJ-AKM dpp"]);
    assert.equal(outcome?.kind === "dpp-failed" && outcome.reason, "dpp-unsupported-akm");
  });
  it("ignores config lines before DPP-CONF-RECEIVED", () => {
    const { outcome } = feed(["<3>DPP-CONFOBJ-AKM psk", `<3>DPP-CONFOBJ-PASS ${hex("12345678")}`]);
    assert.equal(outcome, undefined);
  });
  it("expires as timeout, or as an incomplete object when one had started", () => {
    assert.deepEqual(dppExpired(initialDppState()), { kind: "timeout" });
    const { state } = feed(["<3>DPP-CONF-RECEIVED ", "<3>DPP-CONFOBJ-AKM psk"]);
    assert.equal(dppExpired(state).kind, "dpp-failed");
  });
});

describe("reportsDppConfig", () => {
  it("is true from 2.10 on and for unknown versions, false for 2.9", () => {
    assert.deepEqual(["2.9", "2.10", "2.11", "3.0", undefined].map(reportsDppConfig), [
      false,
      true,
      true,
      true,
      true,
    ]);
  });
});

describe("dppTrialNetwork", () => {
  const ssid = new TextEncoder().encode("LabNet");
  const passphrase = new TextEncoder().encode("correct horse");
  it("mirrors wpas_dpp_add_network: psk → WPA-PSK, sae → SAE ieee80211w=2, psk+sae → both with 1", () => {
    const of = (akm: string) => {
      const r = dppTrialNetwork({ akm, ssid, passphrase, connector: false }, undefined);
      assert.ok(r.ok);
      return [r.network.keyMgmt, r.network.ieee80211w];
    };
    assert.deepEqual(of("psk"), ["WPA-PSK", undefined]);
    assert.deepEqual(of("sae"), ["SAE", 2]);
    assert.deepEqual(of("psk+sae"), ["WPA-PSK SAE", 1]);
  });
  it("refuses another SSID than the expected one", () => {
    const r = dppTrialNetwork(
      { akm: "psk", ssid, passphrase, connector: false },
      new TextEncoder().encode("Other"),
    );
    assert.equal(!r.ok && r.refusal.kind, "ssid-mismatch");
  });
  it("refuses SAE with only a raw PSK, and a passphrase outside 8–63 bytes", () => {
    const sae = dppTrialNetwork({ akm: "sae", ssid, pskHex: "ab".repeat(32), connector: false }, undefined);
    assert.equal(sae.ok, false);
    const short = dppTrialNetwork({
      akm: "psk",
      ssid,
      passphrase: new Uint8Array(7).fill(0x41),
      connector: false,
    }, undefined);
    assert.equal(short.ok, false);
  });
});
