import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  bytesEqual,
  bytesToHex,
  hexToBytes,
  isHex,
  isPrintableAscii,
  printfDecode,
  utf8DecodeLossy,
  utf8DecodeStrict,
  utf8Encode,
} from "../../src/bytes.ts";

const bytes = (...b: number[]) => new Uint8Array(b);

describe("hexToBytes", () => {
  const cases: [string, number[] | null][] = [
    ["", []],
    ["00ff", [0x00, 0xff]],
    ["DEadBEef", [0xde, 0xad, 0xbe, 0xef]],
    ["abc", null],
    ["zz", null],
    ["0x12", null],
    [" 12", null],
    ["12 ", null],
  ];
  for (const [hex, expected] of cases) {
    it(`decodes ${JSON.stringify(hex)} to ${expected === null ? "null" : `[${expected}]`}`, () => {
      const got = hexToBytes(hex);
      assert.deepEqual(got === null ? null : [...got], expected);
    });
  }

  it("round-trips with bytesToHex for any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const hex = bytesToHex(b);
        assert.match(hex, /^[0-9a-f]*$/);
        assert.deepEqual(hexToBytes(hex), b);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe("bytesToHex", () => {
  it("writes lowercase, zero-padded pairs", () => {
    assert.equal(bytesToHex(bytes(0, 10, 171, 255)), "000aabff");
  });
});

describe("isHex", () => {
  it("accepts even-length hex of either case and rejects the rest", () => {
    assert.equal(isHex(""), true);
    assert.equal(isHex("aB09"), true);
    assert.equal(isHex("a"), false);
    assert.equal(isHex("g0"), false);
  });
});

describe("isPrintableAscii", () => {
  const cases: [string, number[], boolean][] = [
    ["empty", [], true],
    ["space and tilde", [0x20, 0x7e], true],
    ["a control byte", [0x41, 0x1f], false],
    ["DEL", [0x7f], false],
    ["a high byte", [0xc3, 0xa9], false],
  ];
  for (const [name, input, expected] of cases) {
    it(`is ${expected} for ${name}`, () => assert.equal(isPrintableAscii(new Uint8Array(input)), expected));
  }
});

describe("UTF-8 helpers", () => {
  it("encodes and strictly decodes text, keeping a leading BOM", () => {
    const b = utf8Encode("\uFEFFCafé ☕");
    assert.equal(utf8DecodeStrict(b), "\uFEFFCafé ☕");
  });

  it("returns null from the strict decoder on invalid UTF-8", () => {
    assert.equal(utf8DecodeStrict(bytes(0xff, 0x41)), null);
    assert.equal(utf8DecodeStrict(bytes(0xed, 0xa0, 0x80)), null); // an encoded surrogate
  });

  it("replaces invalid sequences in the lossy decoder", () => {
    assert.equal(utf8DecodeLossy(bytes(0x41, 0xff, 0x42)), "A\uFFFDB");
  });
});

describe("bytesEqual", () => {
  it("compares length and content", () => {
    assert.equal(bytesEqual(bytes(1, 2), bytes(1, 2)), true);
    assert.equal(bytesEqual(bytes(1, 2), bytes(1, 3)), false);
    assert.equal(bytesEqual(bytes(1), bytes(1, 0)), false);
  });
});

describe("printfDecode", () => {
  const cases: [string, string, number[]][] = [
    ["plain text", "LabNet", [...utf8Encode("LabNet")]],
    ["\\xNN escapes", "a\\x00\\xffb", [0x61, 0x00, 0xff, 0x62]],
    ["uppercase hex", "\\xAB", [0xab]],
    ["a one-digit \\x", "\\x7g", [0x07, 0x67]],
    ["\\x without digits (the x is consumed)", "\\xg", [0x67]],
    ["quote and backslash", '\\"\\\\', [0x22, 0x5c]],
    ["\\e \\n \\r \\t", "\\e\\n\\r\\t", [0x1b, 0x0a, 0x0d, 0x09]],
    ["octal escapes", "\\101\\0\\7", [0x41, 0x00, 0x07]],
    ["an unknown escape (backslash dropped)", "\\q", [0x71]],
    ["a trailing backslash", "ab\\", [0x61, 0x62]],
    ["non-ASCII characters as UTF-8", "é", [0xc3, 0xa9]],
    ["astral characters as UTF-8", "😀", [0xf0, 0x9f, 0x98, 0x80]],
  ];
  for (const [name, input, expected] of cases) {
    it(`decodes ${name}`, () => assert.deepEqual([...printfDecode(input)], expected));
  }

  it("reverses wpa_supplicant's printf_encode for any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 32 }), (b) => {
        assert.deepEqual(printfDecode(printfEncode(b)), b);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

/** A test-side copy of hostap's printf_encode (src/utils/common.c). */
function printfEncode(b: Uint8Array): string {
  const named: Record<number, string> = {
    0x22: '\\"',
    0x5c: "\\\\",
    0x1b: "\\e",
    0x0a: "\\n",
    0x0d: "\\r",
    0x09: "\\t",
  };
  return [...b].map((c) =>
    named[c] ?? (c >= 32 && c <= 126 ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, "0")}`)
  ).join("");
}
