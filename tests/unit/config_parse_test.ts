import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { decodeConfigValue, parseConfigText, readConfigLine } from "../../src/config/parse.ts";
import { bytesToHex, utf8Encode } from "../../src/bytes.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/unit/${name}`, import.meta.url), "utf8");

describe("readConfigLine", () => {
  const cases: [string, string, string | null][] = [
    ["a plain line", "ctrl_interface=/var/run/wpa_supplicant", "ctrl_interface=/var/run/wpa_supplicant"],
    ["leading blanks and a trailing CR", ' \t\r\tssid="x"\t \r', 'ssid="x"'],
    ["a comment line", '# ssid="x"', null],
    ["an indented comment line", "   \t# note", null],
    ["a blank line", " \t\r", null],
    ["an empty line", "", null],
    ["an inline comment", "priority=5 # five", "priority=5"],
    ["a # inside quotes", 'ssid="a#b"', 'ssid="a#b"'],
    ["a comment after quotes", 'ssid="a" # note', 'ssid="a"'],
    ["a # inside a second quote pair", 'x="a"b"#c"', 'x="a"b"#c"'],
    ["a # after an odd quote (the pair closes before it)", 'x="a"b#c"', 'x="a"b'],
    ["a # after an unterminated quote", 'ssid="a#b', 'ssid="a'],
    ["a NUL ending the C string", 'ssid="ab\0cd"', 'ssid="ab'],
    ["only a comment after blanks", "   #", null],
    ["a line that is only a # after text", "x=#", "x="],
  ];
  for (const [name, raw, expected] of cases) {
    it(`handles ${name}`, () => assert.equal(readConfigLine(raw), expected));
  }
});

describe("parseConfigText", () => {
  it("reads the config wpa_supplicant saved in the lab", () => {
    const parsed = parseConfigText(fixture("saved_config_creds.conf"));
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual([...parsed.globals], [
      ["ctrl_interface", "/var/run/wpa_supplicant"],
      ["update_config", "1"],
      ["wps_cred_processing", "2"],
    ]);
    assert.equal(parsed.networks.length, 2);
    const [lab, hex] = parsed.networks;
    assert.equal(lab?.get("ssid"), '"LabNet"');
    assert.equal(lab?.get("psk"), '"correct horse battery staple"');
    assert.equal(lab?.get("pairwise"), "CCMP-256 GCMP-256 CCMP GCMP");
    assert.equal(lab?.get("disabled"), "1");
    assert.equal(hex?.get("psk"), "8b6e1b5c2b1e4a7f0d9c3e2a1f4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d");
  });

  it("reads CRLF files and a last line without a newline", () => {
    const parsed = parseConfigText('update_config=1\r\nnetwork={\r\n\tssid="x"\r\n}');
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.networks[0]?.get("ssid"), '"x"');
  });

  it("keeps the last of repeated keys, as wpa_supplicant overwrites them", () => {
    const parsed = parseConfigText("network={\n\tpriority=1\n\tpriority=2\n}\n");
    assert.equal(parsed.networks[0]?.get("priority"), "2");
  });

  it("skips cred and blob blocks", () => {
    const text = 'cred={\n\trealm="example.com"\n}\nblob-base64-x={\nQUJD\n}\nnetwork={\n\tssid="y"\n}\n';
    const parsed = parseConfigText(text);
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.globals.size, 0);
    assert.equal(parsed.networks.length, 1);
  });

  const errorCases: [string, string, RegExp][] = [
    ["an unterminated network block", 'network={\n\tssid="x"\n', /Line 1: block not terminated/],
    ["a block line without '='", "network={\n\tgarbage\n}\n", /Line 2: no "="/],
    ["an unterminated quotation", 'network={\n\tssid="abc\n}\n', /Line 2: invalid quotation/],
    ["a global line without '='", "garbage\n", /Line 1: not a "name=value" line/],
    ["a global line starting with '='", "=x\n", /Line 1: not a "name=value" line/],
    ["a top-level line over 510 bytes", `country=${"A".repeat(510)}\n`, /Line 1: longer than 510 bytes/],
    [
      "a block line over 1998 bytes",
      `network={\n\tssid=${"a".repeat(1998)}\n}\n`,
      /Line 2: longer than 1998/,
    ],
  ];
  for (const [name, text, message] of errorCases) {
    it(`reports ${name}`, () => {
      const { errors } = parseConfigText(text);
      assert.equal(errors.length, 1, errors.join("; "));
      assert.match(errors[0] ?? "", message);
    });
  }

  it("does not report long comment lines, which wpa_supplicant skips anyway", () => {
    assert.deepEqual(parseConfigText(`# ${"x".repeat(600)}\n`).errors, []);
  });

  it("never throws on arbitrary text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => void parseConfigText(s)), {
      seed: 42,
      numRuns: 200,
    });
    const lines = fc.array(fc.constantFrom("network={", "}", 'ssid="', "#", "=", "a=b", "\r", " "), {
      maxLength: 20,
    });
    fc.assert(fc.property(lines, (ls) => void parseConfigText(ls.join("\n"))), { seed: 42, numRuns: 200 });
  });
});

describe("decodeConfigValue", () => {
  const cases: [string, string, number[] | null][] = [
    ["a quoted string", '"LabNet"', [...utf8Encode("LabNet")]],
    ["quoted UTF-8", '"Café"', [0x43, 0x61, 0x66, 0xc3, 0xa9]],
    ["a quote inside (first to last quote)", '"a"b"', [0x61, 0x22, 0x62]],
    ["a literal backslash", '"a\\nb"', [0x61, 0x5c, 0x6e, 0x62]],
    ["an empty quoted string", '""', []],
    ["an unterminated quote", '"abc', null],
    ["text after the last quote", '"abc"x', null],
    ["a lone quote", '"', null],
    ["hex", "4c61624e6574", [...utf8Encode("LabNet")]],
    ["uppercase hex", "4C61", [0x4c, 0x61]],
    ["empty (as empty hex)", "", []],
    ["odd-length hex", "abc", null],
    ["non-hex text", "LabNet", null],
    ["a printf-escaped P-string", 'P"a\\x00\\"b"', [0x61, 0x00, 0x22, 0x62]],
    ["an unterminated P-string", 'P"abc', null],
  ];
  for (const [name, value, expected] of cases) {
    it(`decodes ${name}`, () => {
      const got = decodeConfigValue(value);
      assert.deepEqual(got === null ? null : [...got], expected);
    });
  }
});

describe("parseConfigText with decodeConfigValue", () => {
  const recorded = JSON.parse(fixture("wpa_supplicant_ssid_reads.json")) as {
    cases: { value: string; ssidHex: string | null }[];
  };
  for (const { value, ssidHex } of recorded.cases) {
    it(`reads ssid=${JSON.stringify(value)} the way wpa_supplicant 2.10 did (${ssidHex ?? "rejected"})`, () => {
      const parsed = parseConfigText(`network={\n\tssid=${value}\n\tkey_mgmt=NONE\n}\n`);
      const raw = parsed.networks[0]?.get("ssid");
      const bytes = parsed.errors.length === 0 && raw !== undefined ? decodeConfigValue(raw) : null;
      assert.equal(bytes === null ? null : bytesToHex(bytes), ssidHex);
    });
  }
});
