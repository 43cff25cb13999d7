import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { Ajv2020 as Ajv } from "ajv/dist/2020.js";
import { commandNames, runReplay } from "../helpers/replay.ts";
import { eventJsonSchema, reportJsonSchema } from "../../src/report/schemas.ts";
import type { Report } from "../../src/report/report.ts";
import { decodeConfigValue, parseConfigText } from "../../src/config/parse.ts";

const ajv = new Ajv({ strict: false });
const validEvent = ajv.compile(eventJsonSchema() as object);
const validReport = ajv.compile(reportJsonSchema() as object);

const MIXED = `version: 1
interface: wlan2
country: DE
networks:
  - { id: office, method: psk, ssid: "Office Wi-Fi", passphrase: "correct horse battery staple", priority: 2 }
  - { id: home, method: wps-pbc, ssid: LabNet, priority: 5 }
`;

function assertValidReport(stdout: string): Report {
  const report: Report = JSON.parse(stdout);
  const valid: boolean = validReport(report);
  assert.ok(valid, JSON.stringify(validReport.errors));
  return report;
}

describe("events, schemas and fleet options", () => {
  it("streams every state change as NDJSON that validates against the shipped schema", async () => {
    const events = join(await fs.mkdtemp("/tmp/wifiprov-events-"), "events.ndjson");
    const run = await runReplay({
      scenario: "success",
      yaml: MIXED,
      args: ["--events", "ndjson", "--events-file", events],
    });
    assert.equal(run.code, 0, run.stderr);
    const text = await fs.readFile(events, "utf8");
    const lines = text.trim().split("\n").map((l) => JSON.parse(l));
    for (const e of lines) {
      assert.ok(validEvent(e), `${JSON.stringify(e)}: ${JSON.stringify(validEvent.errors)}`);
    }
    const home = lines.filter((e) => e.id === "home").map((e) => e.type);
    assert.deepEqual(home, [
      "network-started",
      "scan",
      "wps-active",
      "credential-received",
      "connected",
      "config-written",
      "network-finished",
    ]);
    assert.ok(!text.includes("correct horse"), "no passphrase in the event stream");
    assert.ok(!/636f727265637420686f727365/.test(text), "no credential hex in the event stream");
    assertValidReport(run.stdout);
  });

  it("puts NDJSON on stderr alone when no events file is given", async () => {
    const run = await runReplay({ scenario: "success", yaml: MIXED, args: ["--events", "ndjson"] });
    assert.equal(run.code, 0);
    for (const line of run.stderr.trim().split("\n")) assert.ok(validEvent(JSON.parse(line)), line);
  });

  it("reports failures in the shape of the report schema", async () => {
    const run = await runReplay({ scenario: "overlap", yaml: MIXED });
    assert.equal(run.code, 1);
    const report = assertValidReport(run.stdout);
    assert.equal(report.networks[1]?.status, "overlap");
  });

  it("selects networks with --only and --skip, and refuses unknown ids", async () => {
    const only = await runReplay({ scenario: "success", yaml: MIXED, args: ["--only", "office"] });
    assert.deepEqual(JSON.parse(only.stdout).networks.map((n: { id: string }) => n.id), ["office"]);
    assert.ok(!commandNames(only).includes("wps_pbc"));
    const skip = await runReplay({ scenario: "success", yaml: MIXED, args: ["--skip", "office"] });
    assert.deepEqual(JSON.parse(skip.stdout).networks.map((n: { id: string }) => n.id), ["home"]);
    const bad = await runReplay({ scenario: "success", yaml: MIXED, args: ["--only", "nope"] });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--only: no network with id "nope"/);
  });

  it("writes the report file and consumes the provisioning file only after full success", async () => {
    const ok = await runReplay({
      scenario: "success",
      yaml: MIXED,
      args: ["--consume", "--report-file", "REPORT"],
    });
    assert.equal(ok.code, 0, ok.stderr);
    const dir = join(ok.outDir, "..");
    await assert.rejects(fs.stat(join(dir, "site.yaml")));
    assert.ok((await fs.stat(join(dir, "site.yaml.done"))).isFile());
    const failed = await runReplay({ scenario: "overlap", yaml: MIXED, args: ["--consume"] });
    assert.equal(failed.code, 1);
    assert.ok((await fs.stat(join(failed.outDir, "..", "site.yaml"))).isFile(), "kept for the next boot");
  });

  it("assembles wpa_supplicant-<iface>.conf from the per-network files", async () => {
    const run = await runReplay({ scenario: "success", yaml: MIXED, args: ["--assemble"] });
    assert.equal(run.code, 0, run.stderr);
    const path = join(run.outDir, "wpa_supplicant-wlan2.conf");
    const info = await fs.stat(path);
    assert.equal(info.mode & 0o777, 0o600);
    const parsed = parseConfigText(await fs.readFile(path, "utf8"));
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.globals.get("country"), "DE");
    const ssids = parsed.networks.map((n) => new TextDecoder().decode(decodeConfigValue(n.get("ssid")!)!));
    assert.deepEqual(ssids, ["Office Wi-Fi", "LabNet"]);
    assert.deepEqual(parsed.networks.map((n) => n.get("priority")), ["2", "5"]);
  });

  it("sets the country on the running supplicant when asked", async () => {
    const run = await runReplay({ scenario: "success", yaml: MIXED, args: ["--set-country"] });
    assert.equal(run.code, 0);
    assert.ok(commandNames(run).includes("set country DE"));
    const plain = await runReplay({ scenario: "success", yaml: MIXED });
    assert.ok(!commandNames(plain).includes("set country DE"));
  });

  it("prints the report and event schemas", async () => {
    const { main } = await import("../../main.ts");
    for (const flag of ["--report", "--events"]) {
      let out = "";
      const code = await main(["schema", flag], { stdout: (t) => (out += t), stderr: () => {} });
      assert.equal(code, 0);
      assert.ok(ajv.compile(JSON.parse(out)));
    }
  });
});
