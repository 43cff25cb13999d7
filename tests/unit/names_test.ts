// The shared rules for interface names, control directories and paths (src/plan/names.ts).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  ctrlDirProblem,
  INTERFACE_PATTERN,
  interfaceProblem,
  MAX_CTRL_DIR_BYTES,
  pathProblem,
} from "../../src/plan/names.ts";

const BAD_INTERFACES: [string, RegExp][] = [
  ["-h", /must not start with '-'/],
  ["wlan0;id", /1–15 of/],
  ["abcdefghijklmnop", /1–15 of/], // 16 characters
  ["/../../x", /1–15 of/],
  ["/../../tmp/x/owned", /1–15 of/],
  ["", /1–15 of/],
  [".", /must not be '\.' or '\.\.'/],
  ["..", /must not be '\.' or '\.\.'/],
  ["wlan0:1", /1–15 of/],
  ["wlan 0", /1–15 of/],
  ["wlän0", /1–15 of/],
  ["wlan\uFFFD", /1–15 of/],
  ["wlan\u0085", /1–15 of/],
];

describe("interfaceProblem", () => {
  for (const [name, why] of BAD_INTERFACES) {
    it(`refuses ${JSON.stringify(name)}`, () => {
      assert.match(interfaceProblem(name) ?? "accepted", why);
      assert.equal(INTERFACE_PATTERN.test(name), false, "the JSON Schema pattern agrees");
    });
  }

  for (
    const name of ["wlan0", "wlp2s0", "wlx001122334455", "br-lan.10", "a", "abcdefghijklmno", "..a", "a-"]
  ) {
    it(`accepts ${JSON.stringify(name)}`, () => {
      assert.equal(interfaceProblem(name), null);
      assert.equal(INTERFACE_PATTERN.test(name), true, "the JSON Schema pattern agrees");
    });
  }
});

describe("ctrlDirProblem", () => {
  const bad: [string, RegExp][] = [
    ["/run/wpa#x", /'#'/],
    ['/run/"wpa"', /'"'/],
    ["/run/wpa\nupdate_config=1", /control characters/],
    ["/run/wpa\t", /control characters/],
    ["/run/wpa ", /white space/],
    ["run/wpa", /absolute/],
    ["DIR=/run/wpa GROUP=netdev", /absolute/],
    ["", /absolute/],
    ["/run/\ud800", /Unicode/],
    [`/${"x".repeat(MAX_CTRL_DIR_BYTES)}`, /at most 91 bytes/],
  ];
  for (const [dir, why] of bad) {
    it(`refuses ${JSON.stringify(dir).slice(0, 40)}`, () =>
      assert.match(ctrlDirProblem(dir) ?? "accepted", why));
  }

  it("accepts the usual folders, spaces inside and the longest that fits any interface", () => {
    for (
      const dir of ["/var/run/wpa_supplicant", "/run/wpa_supplicant", "/tmp/my ctrl", `/${"x".repeat(90)}`]
    ) {
      assert.equal(ctrlDirProblem(dir), null, dir);
    }
    // 91 bytes + "/" + a 15-byte interface name + NUL = 108, the size of sun_path on Linux.
    assert.equal(MAX_CTRL_DIR_BYTES + 1 + 15 + 1, 108);
  });
});

describe("ctrlDirProblem and the shared text rule", () => {
  it("refuses U+FFFD, C1 control characters and lone surrogates in a control directory", () => {
    assert.match(ctrlDirProblem("/run/w\uFFFD") ?? "", /valid UTF-8/);
    assert.match(ctrlDirProblem("/run/w\u0085") ?? "", /control/);
    assert.match(ctrlDirProblem("/run/w\ud800") ?? "", /Unicode/);
  });
});

describe("pathProblem", () => {
  it("refuses empty paths, control characters and lone surrogates", () => {
    assert.match(pathProblem("") ?? "", /empty/);
    assert.match(pathProblem("/etc/x\0y") ?? "", /control/);
    assert.match(pathProblem("/etc/x\ny") ?? "", /control/);
    assert.match(pathProblem("/etc/\udc00") ?? "", /Unicode/);
  });

  it("refuses what a lossy decoder made of invalid bytes (U+FFFD) and C1 control characters", () => {
    assert.match(pathProblem("/tmp/t11/argv\uFFFD") ?? "", /valid UTF-8/);
    assert.match(pathProblem("/tmp/a\u0085b") ?? "", /control/);
    assert.match(pathProblem("/tmp/a\u009b31mb") ?? "", /control/);
    assert.match(pathProblem("/tmp/a\u007fb") ?? "", /control/);
  });

  it("accepts relative and absolute paths and program names", () => {
    for (const p of ["out", "./out", "/etc/wpa_supplicant", "wpa_cli", "/usr/sbin/wpa supplicant"]) {
      assert.equal(pathProblem(p), null, p);
    }
  });
});
