import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { resolve } from "node:path";
import { channelForFreq, chanText, compactMac, dppUri, dppVersionOf } from "../../src/dpp/uri.ts";
import { keyHex, newDppKeyText, parseDppKey } from "../../src/dpp/key.ts";

const FIXTURES = resolve(import.meta.dirname!, "../fixtures/dpp");
const KEY_TEXT = fs.readFileSync(`${FIXTURES}/key.hex`, "utf8");
/** `openssl ec -pubout -conv_form compressed -outform DER | base64` of the fixture key. */
const OPENSSL_PUB = fs.readFileSync(`${FIXTURES}/key.pub.b64`, "utf8").trim();

describe("channelForFreq", () => {
  for (
    const [freq, want] of [
      [2437, "81/6"],
      [2412, "81/1"],
      [2472, "81/13"],
      [2484, "82/14"],
      [5180, "115/36"],
      [5240, "115/48"],
      [5745, "124/149"],
      [5805, "124/161"],
    ] as const
  ) {
    it(`maps ${freq} MHz to ${want}`, () => assert.equal(chanText(channelForFreq(freq)!), want));
  }
  for (const freq of [2413, 2477, 5260, 5500, 0, 5182]) {
    it(`refuses ${freq} MHz`, () => assert.equal(channelForFreq(freq), null));
  }
});

describe("compactMac", () => {
  it("writes 12 lower-case hex digits", () => assert.equal(compactMac("02:00:0A:bc:01:00"), "02000abc0100"));
  it("rejects a malformed address", () => assert.equal(compactMac("02:00:00:00:01"), null));
});

describe("dppUri", () => {
  const key = parseDppKey(KEY_TEXT);
  assert.ok(key.ok);
  const parts = {
    channel: { opClass: 81, channel: 6 },
    mac: "020000000100",
    publicKeyDer: key.key.publicKeyDer,
  };
  it("orders C, M, V, K as dpp_gen_uri does (CONFIG_DPP2)", () => {
    assert.equal(dppUri({ ...parts, dppVersion: 2 }), `DPP:C:81/6;M:020000000100;V:2;K:${OPENSSL_PUB};;`);
  });
  it("leaves V out for a DPP 1 build (Debian 2.9)", () => {
    assert.equal(dppUri({ ...parts, dppVersion: 1 }), `DPP:C:81/6;M:020000000100;K:${OPENSSL_PUB};;`);
  });
  it("leaves M out for an all-zero MAC, as dpp_gen_uri does", () => {
    assert.equal(
      dppUri({ ...parts, mac: "000000000000", dppVersion: 2 }),
      `DPP:C:81/6;V:2;K:${OPENSSL_PUB};;`,
    );
  });
  it("picks the version from the wpa_cli banner", () => {
    assert.deepEqual(["2.9", "2.10", "2.11", undefined].map(dppVersionOf), [1, 2, 2, 2]);
  });
});

describe("parseDppKey", () => {
  it("reads the hex DER ECPrivateKey, newline and all, and keeps the DER for dpp_bootstrap_gen", () => {
    const key = parseDppKey(KEY_TEXT);
    assert.ok(key.ok);
    assert.equal(keyHex(key.key), KEY_TEXT.trim().toLowerCase());
  });
  it("reads a key it made itself", () => {
    const made = newDppKeyText();
    assert.match(made, /^[0-9a-f]+\n$/);
    assert.ok(parseDppKey(made).ok);
  });
  it("refuses text that is not hex, or not an EC key", () => {
    assert.deepEqual(parseDppKey("not hex at all"), { ok: false, problem: "not-hex" });
    assert.deepEqual(parseDppKey("3003020101"), { ok: false, problem: "not-an-ec-key" });
  });
  it("refuses a key on another curve", () => {
    // openssl ecparam -name secp384r1 -genkey -noout -outform DER | xxd -p
    const p384 = fs.readFileSync(`${FIXTURES}/p384.hex`, "utf8");
    assert.deepEqual(parseDppKey(p384), { ok: false, problem: "not-p256" });
  });
});
