import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { blockFromPsk, blockFromTrialNetwork } from "../../src/config/network_block.ts";
import type { TrialNetwork } from "../../src/wps/trial_networks.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const trial = (over: Partial<TrialNetwork> = {}): TrialNetwork => ({
  ssid: enc("LabNet"),
  key: { kind: "passphrase", bytes: enc("correct horse battery staple") },
  keyMgmt: "WPA-PSK",
  proto: "RSN",
  pairwise: "CCMP",
  ...over,
});

describe("blockFromTrialNetwork", () => {
  it("writes what the supplicant reported for the network that connected", () => {
    const b = blockFromTrialNetwork(trial({ proto: "WPA RSN", pairwise: "CCMP TKIP" }), {
      keyMgmt: "WPA-PSK",
      proto: "WPA RSN",
      pairwise: "CCMP TKIP",
    }, {});
    assert.equal(b.keyMgmt, "WPA-PSK");
    assert.equal(b.proto, "WPA RSN");
    assert.equal(b.pairwise, "CCMP TKIP");
  });

  it("prefers the read-back values over what was set", () => {
    const b = blockFromTrialNetwork(trial(), { proto: "WPA RSN", pairwise: "CCMP TKIP" }, {});
    assert.equal(b.proto, "WPA RSN");
    assert.equal(b.pairwise, "CCMP TKIP");
  });

  it("keeps SAE with optional PMF and the priority", () => {
    const b = blockFromTrialNetwork(trial({ keyMgmt: "WPA-PSK SAE", ieee80211w: 1 }), {
      keyMgmt: "WPA-PSK SAE",
    }, {
      priority: 3,
    });
    assert.equal(b.keyMgmt, "WPA-PSK SAE");
    assert.equal(b.ieee80211w, 1);
    assert.equal(b.priority, 3);
  });

  it("falls back to the value it set when the read-back key_mgmt is not one it can write", () => {
    const b = blockFromTrialNetwork(trial(), { keyMgmt: "WPA-EAP" }, {});
    assert.equal(b.keyMgmt, "WPA-PSK");
  });

  it("writes an open network as key_mgmt=NONE without proto or pairwise", () => {
    const b = blockFromTrialNetwork(
      { ssid: enc("Cafe"), key: { kind: "none" }, keyMgmt: "NONE" },
      { keyMgmt: "NONE", proto: "WPA RSN", pairwise: "CCMP TKIP" },
      {},
    );
    assert.deepEqual(b.key, { kind: "none" });
    assert.equal(b.proto, undefined);
  });

  it("keeps a raw PSK as a PSK", () => {
    const b = blockFromTrialNetwork(trial({ key: { kind: "psk", hex: "ab".repeat(32) } }), {}, {});
    assert.deepEqual(b.key, { kind: "psk", hex: "ab".repeat(32) });
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
