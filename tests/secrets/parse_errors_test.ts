// A provisioning file that does not parse must be refused with exit 2 and one line naming where (line,
// column, the field when known) and what, never echoing text from the file: the YAML library's own
// messages quote the offending scalar, alias or tag, which is often the passphrase. The real CLI runs as a
// child process (validate and provision) so whatever reaches the journal is what is checked.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnAgent } from "../faults/support.ts";

const SECRET = "Summer2024!";
const HEAD = "version: 1\nnetworks:\n  - id: home\n    method: psk\n    ssid: HomeNet\n";

interface Case {
  name: string;
  text: string;
  /** Secret-looking text that must not appear (default SECRET). */
  secret?: string;
  /** The field path the message must name, when the parser can tell. */
  path?: string;
}

const CASES: Case[] = [
  { name: "an alias to an undefined anchor", text: `${HEAD}    passphrase: *${SECRET}\n` },
  {
    name: "an alias with no anchor, as the only value",
    text:
      `version: 1\nnetworks:\n  - id: home\n    method: psk\n    ssid: HomeNet\n    passphrase: *Summer2024\n`,
    secret: "Summer2024",
  },
  { name: "a tag without suffix", text: `${HEAD}    passphrase: !${SECRET} x\n` },
  {
    name: "an unknown tag",
    text: `${HEAD}    passphrase: !Summer2024 correct-horse\n`,
    secret: "Summer2024",
  },
  { name: "an unknown verbatim tag", text: `${HEAD}    passphrase: !<tag:${SECRET}> correct-horse\n` },
  { name: "two anchors on one node", text: `${HEAD}    passphrase: &a &${SECRET} x\n` },
  {
    name: "two tags on one node",
    text: `${HEAD}    passphrase: !!str !Summer2024 x\n`,
    secret: "Summer2024",
  },
  { name: "bad indentation", text: `${HEAD}      passphrase: ${SECRET}\n` },
  { name: "a tab as indentation", text: `${HEAD}\tpassphrase: ${SECRET}\n` },
  { name: "a duplicate key", text: `${HEAD}    passphrase: ${SECRET}\n    passphrase: ${SECRET}\n` },
  { name: "a duplicate secret-looking key", text: `${HEAD}    ${SECRET}: 1\n    ${SECRET}: 1\n` },
  { name: "an unclosed flow sequence", text: `${HEAD}    passphrase: [${SECRET}\n` },
  { name: "an unclosed flow mapping", text: `${HEAD}    passphrase: {${SECRET}: 1\n` },
  { name: "a flow sequence with a stray colon", text: `${HEAD}    passphrase: [${SECRET}: : x]\n` },
  {
    name: "an invalid double-quoted escape",
    text: `${HEAD}    passphrase: "Summer\\q2024!"\n`,
    secret: "Summer",
  },
  { name: "an unterminated double-quoted string", text: `${HEAD}    passphrase: "${SECRET}\n` },
  { name: "an unterminated single-quoted string", text: `${HEAD}    passphrase: '${SECRET}\n` },
  { name: "a reserved character starting a scalar", text: `${HEAD}    passphrase: @${SECRET}\n` },
  { name: "a backquote starting a scalar", text: `${HEAD}    passphrase: \`${SECRET}\n` },
  { name: "a bad directive", text: `%${SECRET} x\n---\n${HEAD}` },
  { name: "a second document", text: `${HEAD}    passphrase: x\n---\n${SECRET}\n` },
  { name: "a multi-line implicit key", text: `${HEAD}    "${SECRET}\n    x": 1\n` },
  {
    name: "a block scalar in a flow collection",
    text: `${HEAD}    passphrase: [ |\n      ${SECRET}\n    ]\n`,
  },
  {
    name: "JSON with two strings in a row",
    text: `{"version": 1, "networks": [{"id": "home", "method": "psk", "ssid": "HomeNet",\n` +
      `  "passphrase": "${SECRET}" "x"}]}\n`,
  },
  {
    name: "JSON with an unterminated string",
    text: `{"version": 1, "networks": [{"id": "home", "method": "psk", "ssid": "HomeNet",\n` +
      `  "passphrase": "${SECRET}}]}\n`,
  },
  {
    name: "JSON with a missing comma",
    text: `{"version": 1, "networks": [{"id": "home", "method": "psk", "ssid": "HomeNet"\n` +
      `  "passphrase": "${SECRET}"}]}\n`,
  },
  {
    name: "JSON with a duplicate key",
    text: `{"version": 1, "networks": [{"id": "home", "method": "psk", "ssid": "HomeNet",\n` +
      `  "passphrase": "${SECRET}", "passphrase": "${SECRET}"}]}\n`,
  },
  {
    name: "JSON with an invalid escape",
    text: `{"version": 1, "networks": [{"id": "home", "method": "psk", "ssid": "HomeNet",\n` +
      `  "passphrase": "Summer\\q2024!"}]}\n`,
    secret: "Summer",
  },
];

async function run(args: string[]) {
  return await spawnAgent(args).exited;
}

describe("parse errors never echo the file", () => {
  for (const c of CASES) {
    it(`refuses ${c.name} with exit 2, line and column, and no text from the file`, async () => {
      const root = await fs.mkdtemp(join(tmpdir(), "wifiprov-parse-"));
      const file = join(root, "site.yaml");
      await fs.writeFile(file, c.text);
      const secret = c.secret ?? SECRET;
      const runs = await Promise.all([
        run(["validate", file]),
        run(["provision", file, "--dry-run", "--interface", "wlan0", "--output-dir", join(root, "out")]),
      ]);
      for (const r of runs) {
        assert.equal(r.code, 2, `exit ${r.code}: ${r.stderr}`);
        assert.equal(r.stdout, "");
        assert.ok(!r.stderr.includes(secret), `stderr echoes ${JSON.stringify(secret)}: ${r.stderr}`);
        const lines = r.stderr.trimEnd().split("\n");
        assert.equal(lines.length, 1, r.stderr);
        assert.match(r.stderr, /line \d+, column \d+/);
        assert.match(r.stderr, /not valid YAML\/JSON|not a usable YAML\/JSON document/);
      }
      await fs.rm(root, { recursive: true, force: true });
    });
  }

  it("names the field of an alias to an undefined anchor", async () => {
    const root = await fs.mkdtemp(join(tmpdir(), "wifiprov-parse-"));
    const file = join(root, "site.yaml");
    await fs.writeFile(file, `${HEAD}    passphrase: *${SECRET}\n`);
    const r = await run(["validate", file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^networks\[0\]\.passphrase: .*line 6, column 17/);
    await fs.rm(root, { recursive: true, force: true });
  });
});

describe("validation errors never echo a value", () => {
  const wrong: [string, string][] = [
    ["version", `version: "${SECRET}"\nnetworks:\n  - { id: home, method: wps-pbc }\n`],
    ["interface", `version: 1\ninterface: "${SECRET}"\nnetworks:\n  - { id: home, method: wps-pbc }\n`],
    ["country", `version: 1\ncountry: "${SECRET}"\nnetworks:\n  - { id: home, method: wps-pbc }\n`],
    ["timeout", `version: 1\ntimeout: "${SECRET}"\nnetworks:\n  - { id: home, method: wps-pbc }\n`],
    ["keepNetwork", `version: 1\nkeepNetwork: "${SECRET}"\nnetworks:\n  - { id: home, method: wps-pbc }\n`],
    [
      "supplicantDriver",
      `version: 1\nsupplicantDriver: "${SECRET}"\nnetworks:\n  - { id: home, method: wps-pbc }\n`,
    ],
    ["method", `version: 1\nnetworks:\n  - { id: home, method: "${SECRET}" }\n`],
    ["id", `version: 1\nnetworks:\n  - { id: "${SECRET}", method: wps-pbc }\n`],
    ["bssid", `version: 1\nnetworks:\n  - { id: home, method: wps-pbc, bssid: "${SECRET}" }\n`],
    ["keyMgmt", `${HEAD}    passphrase: x\n    keyMgmt: "${SECRET}"\n`],
    ["passphrase too short", `${HEAD}    passphrase: "Summer!"\n`],
    ["passphrase as a list", `${HEAD}    passphrase: ["${SECRET}"]\n`],
    ["psk not hex", `${HEAD}    psk: "${SECRET}"\n`],
    ["env name", `${HEAD}    passphrase: { env: "${SECRET}" }\n`],
    ["a secret-looking unknown value under a secret", `${HEAD}    passphrase: { value: "${SECRET}" }\n`],
    ["unknown key (a passphrase typed where a key goes)", `${HEAD}    passphrase: x\n    ${SECRET}: 1\n`],
  ];
  for (const [name, text] of wrong) {
    it(`does not echo a wrong ${name}`, async () => {
      const root = await fs.mkdtemp(join(tmpdir(), "wifiprov-parse-"));
      const file = join(root, "site.yaml");
      await fs.writeFile(file, text);
      const r = await run(["validate", file]);
      assert.equal(r.code, 2, r.stderr);
      assert.ok(r.stderr.length > 0);
      const secret = name === "passphrase too short" ? "Summer!" : SECRET;
      assert.ok(!r.stderr.includes(secret), `stderr echoes the value: ${r.stderr}`);
      await fs.rm(root, { recursive: true, force: true });
    });
  }
});
