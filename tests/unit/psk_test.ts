import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { derivePskHex } from "../../src/config/psk.ts";
import { utf8Encode } from "../../src/bytes.ts";

describe("derivePskHex", () => {
  const vectors: [string, string, string][] = [
    // IEEE 802.11i-2004, annex H.4.
    ["password", "IEEE", "f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e"],
    ["ThisIsAPassword", "ThisIsASSID", "0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af"],
    // Cross-checked with Python's hashlib.pbkdf2_hmac: the lab network and the longest passphrase/SSID.
    [
      "correct horse battery staple",
      "LabNet",
      "b1cf8441a5682615e7f1d570dc5488ddf80af4d3bc85e5a14fbe41b0efb5faff",
    ],
    ["a".repeat(63), "Z".repeat(32), "2d43d0dabfdd635377172efa1fc4b4b87dbfc4219193909ded9a7cfb89a3097b"],
  ];
  for (const [passphrase, ssid, expected] of vectors) {
    it(`derives the known PSK for SSID "${ssid}"`, async () => {
      assert.equal(await derivePskHex(utf8Encode(passphrase), utf8Encode(ssid)), expected);
    });
  }

  it("uses the raw bytes of non-UTF-8 passphrases and SSIDs", async () => {
    const pass = new Uint8Array([0xff, 0x00, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46]);
    const psk = await derivePskHex(pass, new Uint8Array([0x80]));
    assert.equal(psk, "4f06372268462abb9f76805f88eeab151d6fe0b7b2bb8981fe6d62a8ab5fbfa6"); // hashlib cross-check
  });

  it("does not modify its inputs", async () => {
    const pass = utf8Encode("password");
    const ssid = utf8Encode("IEEE");
    await derivePskHex(pass, ssid);
    assert.deepEqual(pass, utf8Encode("password"));
    assert.deepEqual(ssid, utf8Encode("IEEE"));
  });
});
