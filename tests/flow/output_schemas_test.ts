// The published JSON Schemas (`wifiprov schema --report|--events|--dry-run`) against real output: the
// dry-run document of every action validates, and the schemas are strict enough to refuse what the code
// never writes (an unknown reason code or action, a wrong version).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 as Ajv } from "ajv/dist/2020.js";
import { main } from "../../main.ts";

// Strict, as any standard validator a fleet tool uses: an unknown keyword or format is an error, not skipped.
const ajv = new Ajv({ strict: true });

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

async function printedSchema(flag?: string) {
  const run = await cli(["schema", ...(flag === undefined ? [] : [flag])]);
  assert.equal(run.code, 0, run.stderr);
  return ajv.compile(JSON.parse(run.stdout));
}

const PSK = (id: string, ssid: string) =>
  `  - { id: ${id}, method: psk, ssid: ${ssid}, passphrase: "correct horse battery staple" }\n`;

describe("wifiprov schema (every published schema)", () => {
  for (const flag of [undefined, "--report", "--events", "--dry-run"]) {
    it(`compiles in strict Ajv 2020: ${flag ?? "the provisioning file"}`, async () => {
      assert.equal(typeof (await printedSchema(flag)), "function");
      assert.ok(
        !JSON.stringify(JSON.parse((await cli(["schema", ...(flag ? [flag] : [])])).stdout)).includes(
          '"format":"starts_with"',
        ),
      );
    });
  }
  it("keeps the DPP URI's prefix rule as a pattern", async () => {
    const validEvent = await printedSchema("--events");
    const listening = {
      ts: "2026-01-01T00:00:00.000Z",
      type: "dpp-listening",
      id: "a",
      freq: 2437,
      timeoutSec: 5,
      keyFile: true,
    };
    assert.ok(validEvent({ ...listening, uri: "DPP:K:x;;" }), JSON.stringify(validEvent.errors));
    assert.ok(!validEvent({ ...listening, uri: "http://x" }));
  });
});

describe("wifiprov schema --dry-run", () => {
  it("describes the real dry-run output for every action", async () => {
    const validDryRun = await printedSchema("--dry-run");
    const root = await fs.mkdtemp(join(tmpdir(), "wifiprov-dryrun-schema-"));
    const out = join(root, "out");
    const file = join(root, "site.yaml");
    // A real run writes `same` and `changed`; then `changed` is edited by hand.
    await fs.writeFile(file, `version: 1\nnetworks:\n${PSK("same", "Same")}${PSK("changed", "Changed")}`);
    const first = await cli(["provision", file, "--output-dir", out, "--quiet"]);
    assert.equal(first.code, 0, first.stderr);
    await fs.appendFile(join(out, "changed.conf"), "# edited by hand\n");
    await fs.writeFile(
      file,
      `version: 1\ninterface: wlan0\nnetworks:\n${PSK("same", "Same")}${PSK("changed", "Changed")}` +
        `${PSK("fresh", "Fresh")}  - { id: button, method: wps-pbc, ssid: LabNet }\n`,
    );
    const actions = new Set<string>();
    // A regular file where the output folder should be: the run would stop with exit 3 (every network not-run).
    const notAFolder = join(root, "not-a-folder");
    await fs.writeFile(notAFolder, "");
    // Dry-run exits as the run would: 1 while a network is a conflict, 0 with --force, 3 when the folder is unusable.
    const cases: [string, string[], number][] = [
      [out, [], 1],
      [out, ["--force"], 0],
      [notAFolder, [], 3],
      [out, ["--force", "--assemble"], 0],
      [notAFolder, ["--assemble"], 3],
    ];
    const assembled = new Set<string>();
    for (const [dir, extra, code] of cases) {
      const run = await cli(["provision", file, "--output-dir", dir, "--dry-run", "--quiet", ...extra]);
      assert.equal(run.code, code, run.stderr);
      const doc = JSON.parse(run.stdout) as {
        networks: { action: string }[];
        assembled?: { action: string };
      };
      assert.ok(validDryRun(doc), JSON.stringify(validDryRun.errors));
      for (const n of doc.networks) actions.add(n.action);
      if (doc.assembled) assembled.add(doc.assembled.action);
    }
    assert.deepEqual([...actions].sort(), ["conflict", "enrol-wps", "keep", "not-run", "replace", "write"]);
    assert.deepEqual([...assembled].sort(), ["not-run", "write"]);
    await fs.rm(root, { recursive: true, force: true });
  });

  it("refuses a document the code never writes", async () => {
    const validDryRun = await printedSchema("--dry-run");
    const good = {
      schemaVersion: 1,
      tool: { name: "wifiprov", version: "0.1.0" },
      dryRun: true,
      interface: null,
      outputDir: "/etc/wpa_supplicant",
      networks: [{
        id: "a",
        method: "psk",
        ssid: "A",
        configPath: "/etc/wpa_supplicant/a.conf",
        action: "write",
      }],
    };
    assert.ok(validDryRun(good), JSON.stringify(validDryRun.errors));
    assert.ok(!validDryRun({ ...good, schemaVersion: 2 }));
    assert.ok(!validDryRun({ ...good, networks: [{ ...good.networks[0], action: "delete" }] }));
    assert.ok(!validDryRun({ ...good, extra: 1 }));
    const assembled = { path: "/etc/wpa_supplicant/wpa_supplicant-wlan0.conf", action: "conflict" };
    assert.ok(validDryRun({ ...good, assembled }), JSON.stringify(validDryRun.errors));
    assert.ok(!validDryRun({ ...good, assembled: { ...assembled, action: "enrol-wps" } }));
    assert.ok(!validDryRun({ ...good, assembled: { ...assembled, extra: 1 } }));
  });
});

describe("wifiprov schema --report and --events", () => {
  it("enumerate the reason codes, so a typo in one cannot reach a fleet tool unnoticed", async () => {
    const validReport = await printedSchema("--report");
    const report = {
      schemaVersion: 1,
      tool: { name: "wifiprov", version: "0.1.0" },
      interface: "wlan0",
      startedAt: "2026-01-01T00:00:00.000Z",
      finishedAt: "2026-01-01T00:00:01.000Z",
      ok: false,
      networks: [{ id: "a", method: "wps-pbc", status: "timeout", reason: "timeout", durationMs: 5 }],
      error: { reason: "locked", message: "another wifiprov holds the lock" },
    };
    assert.ok(validReport(report), JSON.stringify(validReport.errors));
    assert.ok(!validReport({ ...report, networks: [{ ...report.networks[0], reason: "time-out" }] }));
    const assembled = {
      path: "/etc/wpa_supplicant/wpa_supplicant-wlan0.conf",
      status: "conflict",
      message: "kept",
    };
    assert.ok(validReport({ ...report, assembled }), JSON.stringify(validReport.errors));
    assert.ok(!validReport({ ...report, assembled: { ...assembled, status: "written" } }));
    assert.ok(
      !validReport({ ...report, error: { reason: "timeout", message: "x" } }),
      "not an environment reason",
    );
    const validEvent = await printedSchema("--events");
    const finished = {
      ts: report.startedAt,
      type: "network-finished",
      id: "a",
      status: "timeout",
      durationMs: 5,
    };
    assert.ok(validEvent({ ...finished, reason: "overlap" }), JSON.stringify(validEvent.errors));
    assert.ok(!validEvent({ ...finished, reason: "overlapp" }));
  });
});
