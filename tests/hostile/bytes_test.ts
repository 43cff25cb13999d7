// Bytes that would silently change on the way in: a provisioning file that is not UTF-8 (a Latin-1 "Café")
// or a string holding a lone UTF-16 surrogate (a YAML "\uD800" or JSON "\ud800" escape) would become a
// different SSID with U+FFFD. Each is refused with exit 2, naming the line, column and field, without the
// bytes themselves; nothing is written.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { makeWorkspace, runCli, snapshot, stackLines } from "./support.ts";

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const YAML_HEAD = "version: 1\nnetworks:\n  - id: cafe\n    method: psk\n";

interface Case {
  name: string;
  body: string | Uint8Array;
  /** Every piece the single stderr line must hold. */
  expect: string[];
}

const CASES: Case[] = [
  {
    name: "a Latin-1 SSID in YAML",
    body: latin1(`${YAML_HEAD}    ssid: "Caf\xe9"\n    passphrase: "correct horse battery"\n`),
    expect: ["networks[0].ssid: ", "line 5, column 15", "not valid UTF-8"],
  },
  {
    name: "a Latin-1 SSID in JSON",
    body: latin1(
      `{"version": 1, "networks": [{"id": "cafe", "method": "psk",\n "ssid": "Caf\xe9", "passphrase": "correct horse battery"}]}`,
    ),
    expect: ["networks[0].ssid: ", "line 2, column 14", "not valid UTF-8"],
  },
  {
    name: "a truncated UTF-8 sequence in a comment",
    body: latin1(`# caf\xc3\n${YAML_HEAD}    ssid: Cafe\n    passphrase: "correct horse battery"\n`),
    expect: ["line 1, column 6", "not valid UTF-8"],
  },
  {
    name: "an overlong UTF-8 encoding of '/'",
    body: latin1(`${YAML_HEAD}    ssid: "a\xc0\xafb"\n    passphrase: "correct horse battery"\n`),
    expect: ["networks[0].ssid: ", "line 5, column 13", "not valid UTF-8"],
  },
  {
    name: "a UTF-8-encoded surrogate (CESU)",
    body: latin1(`${YAML_HEAD}    ssid: "a\xed\xa0\x80b"\n    passphrase: "correct horse battery"\n`),
    expect: ["networks[0].ssid: ", "line 5, column 13", "not valid UTF-8"],
  },
  {
    name: 'a YAML "\\uD800" escape in an SSID',
    body: `${YAML_HEAD}    ssid: "Caf\\uD800"\n    passphrase: "correct horse battery"\n`,
    expect: ["networks[0].ssid: ", "line 5, column 11", "lone UTF-16 surrogate"],
  },
  {
    name: 'a JSON "\\ud800" escape in an SSID',
    body: `{"version": 1, "networks": [{"id": "cafe", "method": "psk", "ssid": "\\ud800x",\n` +
      ` "passphrase": "correct horse battery"}]}`,
    expect: ["networks[0].ssid: ", "line 1, column 69", "lone UTF-16 surrogate"],
  },
  {
    name: 'a lone low surrogate "\\udc00" in a WPS SSID',
    body: `version: 1\nnetworks:\n  - id: home\n    method: wps-pbc\n    ssid: "\\udc00"\n`,
    expect: ["networks[0].ssid: ", "line 5, column 11", "lone UTF-16 surrogate"],
  },
  {
    name: "a lone surrogate in the ctrlDir setting",
    body: `version: 1\nctrlDir: "/run/\\uDBFF"\nnetworks:\n  - id: home\n    method: wps-pbc\n`,
    expect: ["ctrlDir: ", "line 2, column 10", "lone UTF-16 surrogate"],
  },
  {
    name: "a lone surrogate in a key",
    body: `{"version": 1, "networks": [{"id": "home", "method": "wps-pbc", "\\ud800": 1}]}`,
    expect: ["networks[0]: ", "line 1, column 65", "lone UTF-16 surrogate"],
  },
];

describe("provision refuses bytes that would change on the way in", () => {
  for (const c of CASES) {
    it(`refuses ${c.name} with exit 2, naming where, and touches nothing`, async () => {
      const ws = await makeWorkspace();
      const file = join(ws.root, "site.yaml");
      await fs.writeFile(file, c.body);
      const before = await snapshot(ws.root);
      const provision = [
        "provision",
        file,
        "--output-dir",
        ws.out,
        "-i",
        "wlan0",
        "--wpa-cli",
        "/nonexistent/wpa_cli",
      ];
      for (const command of [["validate", file], provision]) {
        const run = await runCli(command);
        assert.equal(run.code, 2, `${command[0]}: exit ${run.code}; stderr: ${run.stderr}`);
        assert.equal(run.stdout, "");
        assert.equal(run.stderr.trimEnd().split("\n").length, 1, run.stderr);
        for (const piece of c.expect) assert.ok(run.stderr.includes(piece), `no ${piece}: ${run.stderr}`);
        assert.ok(!run.stderr.includes("\uFFFD"), run.stderr);
        assert.deepEqual(stackLines(run.stderr), []);
      }
      assert.deepEqual(await snapshot(ws.root), before);
      await fs.rm(ws.root, { recursive: true, force: true });
    });
  }

  it("accepts a real non-ASCII SSID and a valid surrogate pair (so the refusals above are about the bytes)", async () => {
    const ws = await makeWorkspace();
    const file = join(ws.root, "site.yaml");
    await fs.writeFile(
      file,
      `${YAML_HEAD}    ssid: "Café \\uD83D\\uDE00 😀"\n    passphrase: "correct horse battery"\n`,
    );
    const run = await runCli(["validate", file]);
    assert.equal(run.code, 0, run.stderr);
    await fs.rm(ws.root, { recursive: true, force: true });
  });
});
