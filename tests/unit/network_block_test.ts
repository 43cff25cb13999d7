import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { blockFromCredential, blockFromPsk } from "../../src/config/network_block.ts";
import type { WpsCredential } from "../../src/wpa/credential.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const cred = (over: Partial<WpsCredential> = {}): WpsCredential => ({
  ssid: enc("LabNet"),
  authType: 0x20,
  encrType: 0x08,
  key: enc("correct horse battery staple"),
  ...over,
});

describe("blockFromCredential", () => {
  it("writes a WPA2-PSK credential as WPA-PSK/RSN/CCMP", () => {
    const b = blockFromCredential(cred(), { apAdvertisesSae: false });
    assert.equal(b?.keyMgmt, "WPA-PSK");
    assert.equal(b?.proto, "RSN");
    assert.equal(b?.pairwise, "CCMP");
    assert.equal(b?.ieee80211w, undefined);
  });

  it("adds SAE with optional PMF when the AP offers WPA3 and the key is a passphrase", () => {
    const b = blockFromCredential(cred(), { apAdvertisesSae: true, priority: 3 });
    assert.equal(b?.keyMgmt, "WPA-PSK SAE");
    assert.equal(b?.ieee80211w, 1);
    assert.equal(b?.priority, 3);
  });

  it("keeps WPA-PSK for a raw PSK even on an SAE AP (SAE needs the passphrase)", () => {
    const b = blockFromCredential(cred({ key: enc("ab".repeat(32)) }), { apAdvertisesSae: true });
    assert.equal(b?.keyMgmt, "WPA-PSK");
    assert.deepEqual(b?.key, { kind: "psk", hex: "ab".repeat(32) });
  });

  it("writes an open-network credential as key_mgmt=NONE", () => {
    const b = blockFromCredential(cred({ authType: 0x01, encrType: 0x01, key: new Uint8Array() }), {
      apAdvertisesSae: false,
    });
    assert.deepEqual(b?.key, { kind: "none" });
    assert.equal(b?.keyMgmt, "NONE");
  });

  it("refuses WEP", () => {
    assert.equal(blockFromCredential(cred({ encrType: 0x02 }), { apAdvertisesSae: false }), null);
  });
});

describe("blockFromPsk", () => {
  it("sets PMF for SAE (required) and transition (optional)", () => {
    const base = {
      id: "a",
      method: "psk" as const,
      ssid: "S",
      key: { kind: "passphrase" as const, bytes: enc("12345678") },
      hidden: true,
    };
    assert.equal(blockFromPsk({ ...base, keyMgmt: "SAE" }).ieee80211w, 2);
    assert.equal(blockFromPsk({ ...base, keyMgmt: "WPA-PSK SAE" }).ieee80211w, 1);
    const wpa2 = blockFromPsk({ ...base, keyMgmt: "WPA-PSK" });
    assert.equal(wpa2.ieee80211w, undefined);
    assert.equal(wpa2.hidden, true);
  });
});
