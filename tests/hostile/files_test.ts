// Hostile provisioning files (the table in tests/fixtures/hostile/files.json) through the real CLI: each
// must be refused with exit 2 and a one-line message naming the field, with stdout empty, no secret echoed
// and not one byte changed under the workspace (output directory, provisioning file, secret files).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { makeWorkspace, runCli, snapshot, stackLines } from "./support.ts";

interface HostileCase {
  name: string;
  text?: string;
  patch?: [string, string][];
  generate?: "deep-sequence" | "deep-object" | "huge" | "binary" | "many-networks";
  expect: string;
  secrets?: string[];
  env?: Record<string, string>;
  args?: string[];
  secretFile?: { mode: string; text: string };
  outDirMode?: string;
  plantSymlink?: string;
}

const table = JSON.parse(
  readFileSync(new URL("../fixtures/hostile/files.json", import.meta.url), "utf8"),
) as { base: string; cases: HostileCase[] };

const DEPTH = 50_000;

/** Bodies too big or too odd to keep in JSON; built the same way every run. */
function generated(kind: NonNullable<HostileCase["generate"]>): string | Uint8Array {
  switch (kind) {
    case "deep-sequence":
      return `version: 1\nnetworks: ${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}\n`;
    case "deep-object":
      return `{"version": 1, "networks": [{"id": ${'{"a":'.repeat(DEPTH)}1${"}".repeat(DEPTH)}}]}`;
    case "huge":
      // 6 MiB: valid YAML, so only a size limit can stop it before it is parsed.
      return `${table.base}# ${"x".repeat(6 * 1024 * 1024)}\n`;
    case "binary": {
      // Deterministic noise with a NUL and a C1 control up front, so it can never be read as a mapping.
      const bytes = new Uint8Array(4096);
      let x = 12345;
      for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) % 2 ** 31) >> 23;
      bytes.set([0x7b, 0x00, 0x85, 0xff], 0);
      return bytes;
    }
    case "many-networks": {
      const nets = Array.from({ length: 1001 }, (_, i) => ({
        id: `n${i}`,
        method: "psk",
        ssid: `Net${i}`,
        passphrase: "correct horse battery",
      }));
      return JSON.stringify({ version: 1, networks: nets });
    }
  }
}

function bodyOf(c: HostileCase, root: string): string | Uint8Array {
  if (c.generate) return generated(c.generate);
  let text = c.text ?? table.base;
  for (const [from, to] of c.patch ?? []) {
    assert.ok(text.includes(from), `patch target ${JSON.stringify(from)} not in the base file`);
    text = text.replace(from, to);
  }
  return text.replaceAll("@ROOT@", root);
}

describe("provision refuses hostile provisioning files", () => {
  it("has at least 40 cases, all with distinct names", () => {
    assert.ok(table.cases.length >= 40, `${table.cases.length} cases`);
    assert.equal(new Set(table.cases.map((c) => c.name)).size, table.cases.length);
  });

  it("accepts the unpatched base file (so every refusal is caused by its patch)", async () => {
    const ws = await makeWorkspace();
    const file = join(ws.root, "site.yaml");
    await fs.writeFile(file, table.base);
    const run = await runCli(["validate", file]);
    assert.equal(run.code, 0, run.stderr);
  });

  for (const c of table.cases) {
    it(`refuses ${c.name} with exit 2 and touches nothing`, async () => {
      const ws = await makeWorkspace();
      const file = join(ws.root, "site.yaml");
      await fs.writeFile(file, bodyOf(c, ws.root));
      if (c.secretFile) {
        await fs.writeFile(join(ws.root, "secret.txt"), c.secretFile.text);
        await fs.chmod(join(ws.root, "secret.txt"), parseInt(c.secretFile.mode, 8));
      }
      if (c.outDirMode) await fs.chmod(ws.out, parseInt(c.outDirMode, 8));
      if (c.plantSymlink) {
        await fs.writeFile(join(ws.root, "victim.txt"), "a file the agent must never write\n");
        await fs.rm(join(ws.out, `${c.plantSymlink}.conf`), { force: true });
        await fs.symlink(join(ws.root, "victim.txt"), join(ws.out, `${c.plantSymlink}.conf`));
      }
      const before = await snapshot(ws.root);
      // --force and a missing wpa_cli: a file that wrongly passed validation would rewrite home.conf (caught
      // by the snapshot) or fail with exit 1/3 (caught by the exit code), never slip through quietly.
      const run = await runCli([
        "provision",
        file,
        "--output-dir",
        ws.out,
        "--interface",
        "wlan0",
        "--wpa-cli",
        "/nonexistent/wpa_cli",
        "--wpa-supplicant",
        "/nonexistent/wpa_supplicant",
        "--force",
        ...(c.args ?? []),
      ], { WIFIPROV_HOSTILE_UNSET: undefined, ...c.env });
      const expect = c.expect.replaceAll("@ROOT@", ws.root);
      assert.equal(run.code, 2, `exit ${run.code}; stderr: ${run.stderr.slice(0, 500)}`);
      assert.equal(run.stdout, "");
      assert.ok(
        run.stderr.includes(expect),
        `stderr lacks ${JSON.stringify(expect)}: ${run.stderr.slice(0, 500)}`,
      );
      assert.deepEqual(stackLines(run.stderr), []);
      for (const s of c.secrets ?? []) {
        assert.ok(!run.stderr.includes(s), `stderr echoes the secret ${JSON.stringify(s)}`);
      }
      assert.deepEqual(await snapshot(ws.root), before);
      await fs.rm(ws.root, { recursive: true, force: true });
    });
  }
});
