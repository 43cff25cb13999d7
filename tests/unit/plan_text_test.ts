import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { firstInvalidUtf8, hasLoneSurrogate } from "../../src/plan/text.ts";

const bytes = (...b: number[]) => Uint8Array.from(b);

describe("firstInvalidUtf8", () => {
  const cases: [string, Uint8Array, number][] = [
    ["ASCII", new TextEncoder().encode("version: 1\n"), -1],
    ["2-, 3- and 4-byte characters", new TextEncoder().encode("é€😀"), -1],
    ["a Latin-1 é", bytes(0x43, 0x61, 0x66, 0xe9), 3],
    ["a lone continuation byte", bytes(0x61, 0x80), 1],
    ["an overlong '/' (C0 AF)", bytes(0xc0, 0xaf), 0],
    ["an overlong 3-byte form (E0 80 AF)", bytes(0xe0, 0x80, 0xaf), 0],
    ["an encoded surrogate (ED A0 80)", bytes(0x61, 0xed, 0xa0, 0x80), 1],
    ["a code point above U+10FFFF (F4 90 80 80)", bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ["F5, which can never lead", bytes(0xf5, 0x80, 0x80, 0x80), 0],
    ["a sequence cut short at the end", bytes(0x61, 0xe2, 0x82), 1],
    ["a sequence cut short by ASCII", bytes(0xe2, 0x82, 0x61), 0],
    ["the largest code point U+10FFFF", bytes(0xf4, 0x8f, 0xbf, 0xbf), -1],
  ];
  for (const [name, input, expected] of cases) {
    it(`finds ${expected} for ${name}`, () => {
      assert.equal(firstInvalidUtf8(input), expected);
      // The fatal decoder agrees on whether the bytes are UTF-8 at all.
      let valid = true;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(input);
      } catch {
        valid = false;
      }
      assert.equal(valid, expected === -1);
    });
  }
});

describe("hasLoneSurrogate", () => {
  it("finds a high or low surrogate without its pair, and accepts pairs", () => {
    assert.equal(hasLoneSurrogate("Caf\uD800"), true);
    assert.equal(hasLoneSurrogate("\uDC00x"), true);
    assert.equal(hasLoneSurrogate("\uDE00\uD83D"), true);
    assert.equal(hasLoneSurrogate("😀 Café"), false);
    assert.equal(hasLoneSurrogate(""), false);
  });
});
