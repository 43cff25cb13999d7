// Tests of the pure readers the field checks rely on: Credential TLV decoding and network-block fields.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { attributes, credentials, effective, networkBlock, ssidValue, tokens } from "./field_evidence.ts";

/** The Credential field.sh builds for HomeNet (WPA2-PSK/AES, key "homenet passphrase 24", the station's MAC). */
const HOMENET = [
  "100e003f", // Credential, 63 bytes
  "1026000101", // Network Index 1
  "10450007" + "486f6d654e6574", // SSID "HomeNet"
  "100300020020", // Authentication Type WPA2-PSK
  "100f00020008", // Encryption Type AES
  "10270015" + "686f6d656e6574207061737370687261736520" + "3234", // Network Key
  "10200006020000000200", // MAC Address
].join("");

describe("credentials", () => {
  it("decodes SSID, auth and encryption types and MAC, and keeps the order of several credentials", () => {
    const [first, second] = credentials(HOMENET + HOMENET.replace("0020100f", "0002100f"));
    assert.equal(new TextDecoder().decode(first?.ssid), "HomeNet");
    assert.equal(first?.authType, 0x20);
    assert.equal(first?.encrType, 0x08);
    assert.equal(first?.mac, "02:00:00:00:02:00");
    assert.equal(second?.authType, 0x02);
  });

  it("rejects a truncated attribute and a non-Credential at the top level", () => {
    assert.throws(() => credentials(HOMENET.slice(0, -2)), /overruns/);
    assert.throws(() => credentials("10450001aa"), /Expected a Credential/);
    assert.throws(() => attributes(Uint8Array.of(0x10, 0x45, 0x00)), /Truncated/);
  });
});

describe("networkBlock and effective", () => {
  const text = 'ctrl_interface=/run/x\nnetwork={\n\tssid="TkipNet"\n\tproto=WPA\n\tpairwise=TKIP CCMP\n}\n';

  it("reads a field as written, tokens sorted", () => {
    assert.equal(effective(networkBlock(text), "pairwise"), "CCMP TKIP");
    assert.equal(effective(networkBlock(text), "proto"), "WPA");
  });

  it("falls back to wpa_supplicant's default for a field the block leaves out", () => {
    assert.equal(effective(networkBlock(text), "key_mgmt"), tokens("WPA-PSK WPA-EAP"));
  });

  it("reads quoted and hex SSIDs as bytes", () => {
    assert.deepEqual(ssidValue('"PadNet"'), new TextEncoder().encode("PadNet"));
    assert.deepEqual(ssidValue("5061644e657400"), Uint8Array.of(0x50, 0x61, 0x64, 0x4e, 0x65, 0x74, 0));
  });
});
