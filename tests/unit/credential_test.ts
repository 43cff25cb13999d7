import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import {
  credentialKey,
  decodeCredentials,
  normalizeCredential,
  type WpsCredential,
} from "../../src/wpa/credential.ts";
import { bytesToHex, utf8Encode } from "../../src/bytes.ts";

const fixtureHex = (name: string) =>
  readFileSync(new URL(`../fixtures/unit/${name}`, import.meta.url), "utf8").trim();
const LABNET = fixtureHex("cred_labnet.hex");
const HEXNET = fixtureHex("cred_hexnet.hex");
const HEXNET_PSK = "8b6e1b5c2b1e4a7f0d9c3e2a1f4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d";

/** Encodes one WPS attribute: type(2)/length(2)/value, as hex. */
const attr = (type: number, valueHex: string) =>
  type.toString(16).padStart(4, "0") + (valueHex.length / 2).toString(16).padStart(4, "0") + valueHex;
const text = (s: string) => bytesToHex(utf8Encode(s));
const credential = (...inner: string[]) => attr(0x100e, inner.join(""));
const SSID = attr(0x1045, text("Net"));
const AUTH = attr(0x1003, "0020");
const ENCR = attr(0x100f, "0008");
const KEY = attr(0x1027, text("passphrase123"));

function decodeOk(hex: string): WpsCredential[] {
  const r = decodeCredentials(hex);
  if (!r.ok) assert.fail(`expected ok, got error: ${r.error}`);
  return r.credentials;
}

describe("decodeCredentials", () => {
  it("decodes the lab's LabNet passphrase credential", () => {
    const [c, ...rest] = decodeOk(LABNET);
    assert.equal(rest.length, 0);
    assert.deepEqual(c, {
      networkIndex: 1,
      ssid: utf8Encode("LabNet"),
      authType: 0x20,
      encrType: 0x08,
      key: utf8Encode("correct horse battery staple"),
      macAddress: "02:00:00:00:02:00",
    });
  });

  it("decodes the lab's HexNet credential whose key is a 64-hex PSK", () => {
    const [c] = decodeOk(HEXNET);
    assert.equal(new TextDecoder().decode(c?.ssid), "HexNet");
    assert.equal(c?.key.length, 64);
  });

  it("accepts uppercase hex and surrounding whitespace", () => {
    assert.equal(decodeOk(` ${LABNET.toUpperCase()}\n`).length, 1);
  });

  it("returns every credential an AP sends", () => {
    const hex = credential(SSID, AUTH, ENCR, KEY) + credential(attr(0x1045, text("Other")), AUTH, ENCR, KEY);
    assert.deepEqual(decodeOk(hex).map((c) => new TextDecoder().decode(c.ssid)), ["Net", "Other"]);
  });

  it("skips other top-level attributes and unknown attributes inside a credential", () => {
    const hex = attr(0x104a, "10") + credential(attr(0x1049, "00372a000120"), SSID, AUTH, ENCR, KEY) +
      attr(0x1049, "00372a");
    assert.equal(decodeOk(hex).length, 1);
  });

  it("leaves out the optional network index and MAC address when absent", () => {
    const [c] = decodeOk(credential(SSID, AUTH, ENCR, KEY));
    assert.equal(c !== undefined && "networkIndex" in c, false);
    assert.equal(c !== undefined && "macAddress" in c, false);
  });

  it("treats a missing network key as empty (open networks)", () => {
    const [c] = decodeOk(credential(SSID, attr(0x1003, "0001"), attr(0x100f, "0001")));
    assert.equal(c?.key.length, 0);
  });

  it("accepts a 32-byte SSID and a 64-byte key", () => {
    const [c] = decodeOk(
      credential(attr(0x1045, "41".repeat(32)), AUTH, ENCR, attr(0x1027, "61".repeat(64))),
    );
    assert.equal(c?.ssid.length, 32);
  });

  const secret = "s3cretPassphrase";
  const failures: [string, string, RegExp][] = [
    ["odd-length hex", "100", /not valid hex/],
    ["non-hex characters", "zz00", /not valid hex/],
    ["empty input", "", /No Credential attribute/],
    ["no credential wrapper", SSID + AUTH + ENCR, /No Credential attribute/],
    ["a truncated header", LABNET + "10", /Truncated attribute header/],
    ["a length overrun at top level", LABNET.slice(0, -2), /overruns/],
    ["a length overrun inside", attr(0x100e, SSID.slice(0, 8) + "4e"), /overruns/],
    ["a missing SSID", credential(AUTH, ENCR, KEY), /Missing or empty SSID/],
    ["an empty SSID", credential(attr(0x1045, ""), AUTH, ENCR, KEY), /Missing or empty SSID/],
    ["a missing authentication type", credential(SSID, ENCR, KEY), /Missing Authentication Type/],
    ["a missing encryption type", credential(SSID, AUTH, KEY), /Missing Encryption Type/],
    ["an SSID over 32 bytes", credential(attr(0x1045, "41".repeat(33)), AUTH, ENCR, KEY), /SSID is 33 bytes/],
    ["a key over 64 bytes", credential(SSID, AUTH, ENCR, attr(0x1027, "61".repeat(65))), /Network Key is 65/],
    ["a 1-byte auth type", credential(SSID, attr(0x1003, "20"), ENCR, KEY), /Authentication Type must be 2/],
    [
      "a 3-byte encryption type",
      credential(SSID, AUTH, attr(0x100f, "000800"), KEY),
      /Encryption Type must be 2/,
    ],
    ["a short MAC address", credential(SSID, AUTH, ENCR, KEY, attr(0x1020, "0200")), /MAC Address must be 6/],
    [
      "a 2-byte network index",
      credential(attr(0x1026, "0001"), SSID, AUTH, ENCR, KEY),
      /Network Index must be 1/,
    ],
    ["a duplicated SSID", credential(SSID, SSID, AUTH, ENCR, KEY), /Duplicate attribute 0x1045/],
    ["a bad second credential", credential(SSID, AUTH, ENCR, KEY) + credential(AUTH), /credential 2/],
    [
      "a key with a broken attribute after it",
      credential(SSID, AUTH, ENCR, attr(0x1027, text(secret)), "1020"),
      /Truncated attribute header/,
    ],
  ];
  for (const [name, hex, message] of failures) {
    it(`rejects ${name}`, () => {
      const r = decodeCredentials(hex);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.error, message);
    });
  }

  it("never puts key material in an error message", () => {
    const hex = credential(SSID, AUTH, ENCR, attr(0x1027, text(secret)), "1020");
    const r = decodeCredentials(hex);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.includes(secret), false);
      assert.equal(r.error.includes(text(secret)), false);
    }
  });

  it("never throws on arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => void decodeCredentials(s)), {
      seed: 42,
      numRuns: 200,
    });
  });

  it("never throws on arbitrary bytes, wrapped or not", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (b, wrap) => {
        const hex = bytesToHex(b);
        const r = decodeCredentials(wrap ? attr(0x100e, hex.slice(0, 2 * 0xffff)) : hex);
        assert.equal(typeof r.ok, "boolean");
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe("credentialKey", () => {
  const withKey = (key: Uint8Array): WpsCredential => ({
    ssid: utf8Encode("Net"),
    authType: 0x20,
    encrType: 8,
    key,
  });

  it("returns the lab's passphrase as passphrase bytes", () => {
    const [c] = decodeOk(LABNET);
    assert.deepEqual(c && credentialKey(c), {
      kind: "passphrase",
      bytes: utf8Encode("correct horse battery staple"),
    });
  });

  it("returns the lab's 64-hex key as a PSK", () => {
    const [c] = decodeOk(HEXNET);
    assert.deepEqual(c && credentialKey(c), { kind: "psk", hex: HEXNET_PSK });
  });

  const cases: [string, Uint8Array, ReturnType<typeof credentialKey>][] = [
    ["an empty key", new Uint8Array(0), { kind: "none" }],
    ["an uppercase 64-hex key", utf8Encode(HEXNET_PSK.toUpperCase()), { kind: "psk", hex: HEXNET_PSK }],
    ["64 characters that are not hex", utf8Encode("g".repeat(64)), {
      kind: "passphrase",
      bytes: utf8Encode("g".repeat(64)),
    }],
    ["63 hex characters", utf8Encode("a".repeat(63)), {
      kind: "passphrase",
      bytes: utf8Encode("a".repeat(63)),
    }],
    ["an embedded NUL (kept)", utf8Encode("pass\0word"), {
      kind: "passphrase",
      bytes: utf8Encode("pass\0word"),
    }],
  ];
  for (const [name, key, expected] of cases) {
    it(`maps ${name}`, () => assert.deepEqual(credentialKey(withKey(key)), expected));
  }

  it("sees keys only after the supplicant's NUL rule (decodeCredentials normalises first)", () => {
    const oneNul = normalizeCredential(withKey(utf8Encode("password\0")));
    assert.ok(typeof oneNul !== "string");
    if (typeof oneNul === "string") return;
    assert.deepEqual(credentialKey(oneNul), { kind: "passphrase", bytes: utf8Encode("password") });
    assert.equal(typeof normalizeCredential(withKey(new Uint8Array(4))), "string", "a key of only NULs");
    assert.equal(typeof normalizeCredential(withKey(utf8Encode(HEXNET_PSK + "\0"))), "string", "65 bytes");
  });
});
