// What a refused provisioning file says: our own one-line wording naming the field and what it must be
// (never zod's "Invalid input: expected …"), and a passphrase's length counted as wpa_supplicant counts it
// (bytes, hostap wpa_supplicant/config.c wpa_config_parse_psk).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { loadPlan, parseProvisioningText } from "../../src/plan/load.ts";
import { formatProblem } from "../../src/plan/plan.ts";

const HEAD = "version: 1\nnetworks:\n";
const PSK = "  - id: home\n    method: psk\n    ssid: Home\n";

function problems(text: string): string[] {
  const r = parseProvisioningText(text);
  assert.equal(r.ok, false, text);
  return r.ok ? [] : r.problems.map(formatProblem);
}

const SHAPES: Array<[string, string, RegExp]> = [
  ["networks as a mapping", `${HEAD}  a: 1\n`, /^networks: must be a list \(got a mapping\)$/],
  ["networks as a string", `version: 1\nnetworks: many\n`, /^networks: must be a list \(got a string\)$/],
  ["the file as a list", `- 1\n- 2\n`, /^must be a mapping \(key: value\) \(got a list\)$/],
  ["a missing networks", `version: 1\n`, /^networks: is required \(a list\)$/],
  [
    "an ssid as a number",
    `${HEAD}  - { id: home, method: psk, ssid: 5, passphrase: "x" }\n`,
    /^networks\[0\]\.ssid: must be a string/,
  ],
  [
    "a missing ssid",
    `${HEAD}  - { id: home, method: psk, passphrase: "correct horse" }\n`,
    /^networks\[0\]\.ssid: is required \(a string\)$/,
  ],
  [
    "hidden as a string",
    `${HEAD}${PSK}    passphrase: "correct horse"\n    hidden: "yes"\n`,
    /^networks\[0\]\.hidden: must be true or false \(got a string\)$/,
  ],
  [
    "a timeout as a list",
    `version: 1\ntimeout: [1]\n${HEAD.slice(11)}${PSK}    passphrase: "correct horse"\n`,
    /^timeout: must be a number \(got a list\)$/,
  ],
];

describe("schema problems", () => {
  for (const [name, text, expected] of SHAPES) {
    it(`say what the field must be, in our words, for ${name}`, () => {
      const lines = problems(text);
      assert.ok(lines.some((l) => expected.test(l)), lines.join("\n"));
      for (const line of lines) assert.doesNotMatch(line, /Invalid|expected|received/, line);
    });
  }
});

describe("passphrase length", () => {
  const none = {
    env: () => undefined,
    readFile: () => Promise.resolve({ ok: false as const, reason: "unused" }),
  };
  it("counts UTF-8 bytes, as wpa_supplicant does, and says bytes", async () => {
    // 9 characters, 12 bytes; one of them is outside printable ASCII.
    const r = await loadPlan(`${HEAD}${PSK}    passphrase: "1234567\u{1F600}8"\n`, none);
    assert.equal(r.ok, false);
    const line = r.ok ? "" : formatProblem(r.problems[0]!);
    assert.match(line, /^networks\[0\]\.passphrase: must be 8–63 bytes of printable ASCII/);
    assert.match(line, /got 12 bytes/);
  });

  it("refuses 64 bytes and names the byte count", async () => {
    const r = await loadPlan(`${HEAD}${PSK}    passphrase: "${"a".repeat(64)}"\n`, none);
    assert.match(r.ok ? "" : formatProblem(r.problems[0]!), /got 64 bytes/);
  });
});
