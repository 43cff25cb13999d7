import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { commandNames, type ReplayRun, runReplay } from "../helpers/replay.ts";
import { parseConfigText } from "../../src/config/parse.ts";
import { eventSchema, reportSchema } from "../../src/report/schemas.ts";

const FIXTURES = resolve(import.meta.dirname!, "../fixtures/dpp");
const KEY_HEX = (await fs.readFile(join(FIXTURES, "key.hex"), "utf8")).trim();
/** The URI openssl's compressed public key gives for the fixture key on 81/6 and the fake's MAC. */
const EXPECTED_URI = `DPP:C:81/6;M:020000000100;V:2;K:${
  (await fs.readFile(join(FIXTURES, "key.pub.b64"), "utf8")).trim()
};;`;

async function keyFile(): Promise<string> {
  const dir = await fs.mkdtemp(join(tmpdir(), "wifiprov-dppkey-"));
  const path = join(dir, "dpp.key");
  await fs.writeFile(path, KEY_HEX + "\n", { mode: 0o600 });
  return path;
}

const DPP_YAML = (key: string, extra = "") =>
  `version: 1
interface: wlan2
networks:
  - id: home
    method: dpp
    key: { file: ${key} }
    timeout: 5
${extra}`;

async function dppRun(scenario: string, extra = "", args: string[] = []): Promise<ReplayRun> {
  return await runReplay({ scenario, yaml: DPP_YAML(await keyFile(), extra), args });
}

function assertNoKey(run: ReplayRun): void {
  const log = JSON.stringify(run.oneShot);
  assert.ok(!log.includes(KEY_HEX), "the key never reaches a process argument");
  assert.ok(!run.stdout.includes(KEY_HEX) && !run.stderr.includes(KEY_HEX), "nor stdout/stderr");
  assert.ok(
    !run.stdout.includes("correct horse") && !run.stderr.includes("correct horse"),
    "nor the passphrase",
  );
  const hexPass = new TextEncoder().encode("correct horse").reduce(
    (s, b) => s + b.toString(16).padStart(2, "0"),
    "",
  );
  assert.ok(!run.stdout.includes(hexPass) && !run.stderr.includes(hexPass), "nor the passphrase's hex");
}

describe("provision of a dpp network against the fake supplicant", () => {
  it("bootstraps through stdin, listens, proves the handed-over PSK network and writes it 0600", async () => {
    const run = await dppRun("dpp_psk", "    ssid: LabNet\n", ["--events", "ndjson"]);
    assert.equal(run.code, 0, run.stderr);
    const report = reportSchema.parse(JSON.parse(run.stdout));
    const net = report.networks[0]!;
    assert.equal(net.status, "provisioned");
    assert.equal(net.method, "dpp");
    assert.equal(net.dppUri, EXPECTED_URI);
    assert.equal(net.ssid, "LabNet");
    const path = join(run.outDir, "home.conf");
    assert.equal((await fs.stat(path)).mode & 0o777, 0o600);
    const block = parseConfigText(await fs.readFile(path, "utf8")).networks[0]!;
    assert.equal(block.get("ssid"), '"LabNet"');
    assert.equal(block.get("psk"), '"correct horse"');
    assert.equal(block.get("key_mgmt"), "WPA-PSK");
    const names = commandNames(run);
    const gen = names.findIndex((n) => n.startsWith("dpp_bootstrap_gen "));
    assert.ok(gen >= 0, names.join(", "));
    assert.equal(names[gen], `dpp_bootstrap_gen type=qrcode chan=81/6 mac=020000000100 key=${KEY_HEX}`);
    const order = [
      "set dpp_config_processing 0",
      "dpp_bootstrap_get_uri 1",
      "dpp_listen 2437",
      "dpp_stop_listen",
      "dpp_bootstrap_remove 1",
      "add_network",
      "set dpp_config_processing 2",
    ];
    let last = -1;
    for (const cmd of order) {
      const at = names.indexOf(cmd, last + 1);
      assert.ok(at > last, `${cmd} after the previous step: ${names.join(", ")}`);
      last = at;
    }
    const events = run.stderr.split("\n").filter((l) => l.startsWith("{")).map((l) =>
      eventSchema.parse(JSON.parse(l))
    );
    const listening = events.find((e) => e.type === "dpp-listening");
    assert.deepEqual(listening && { ...listening, ts: "" }, {
      ts: "",
      type: "dpp-listening",
      id: "home",
      uri: EXPECTED_URI,
      freq: 2437,
      timeoutSec: 5,
      keyFile: true,
    });
    assertNoKey(run);
  });

  it("keeps the handed-over SSID's leading and trailing spaces (the trial network and the file)", async () => {
    const run = await dppRun("dpp_spaces", '    ssid: " LabNet "\n');
    assert.equal(run.code, 0, run.stderr);
    const net = reportSchema.parse(JSON.parse(run.stdout)).networks[0]!;
    assert.equal(net.status, "provisioned", net.message ?? "");
    assert.equal(net.ssid, " LabNet ");
    const block = parseConfigText(await fs.readFile(join(run.outDir, "home.conf"), "utf8")).networks[0]!;
    assert.equal(block.get("ssid"), '" LabNet "');
    assertNoKey(run);
  });

  it("draws the URI's QR code below the progress line on a terminal", async () => {
    const run = await runReplay({ scenario: "dpp_psk", yaml: DPP_YAML(await keyFile()), tty: true });
    assert.equal(run.code, 0, run.stderr);
    const listening = run.stderr.indexOf(EXPECTED_URI);
    assert.ok(listening >= 0, run.stderr);
    assert.match(run.stderr.slice(listening), /[█▀▄]{7}/);
    assert.doesNotMatch(
      run.stderr,
      /WPS/,
      "a DPP run's human lines follow its method (also the log-level warning)",
    );
    assert.match(run.stderr, /wifiprov dpp-uri/, "a key file's URI is the one dpp-uri prints");
    assert.ok(
      run.stderr.includes("\x1b[0m\nwifiprov: home: credential received"),
      "the line after the QR code starts on its own line",
    );
    assertNoKey(run);
  });

  it("plans enrol-dpp on --dry-run and touches nothing", async () => {
    const run = await dppRun("dpp_psk", "", ["--dry-run"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).networks[0].action, "enrol-dpp");
    assert.deepEqual(run.commands, []);
  });

  it("writes an SAE object as key_mgmt SAE with ieee80211w=2", async () => {
    const run = await dppRun("dpp_sae");
    assert.equal(run.code, 0, run.stderr);
    const block = parseConfigText(await fs.readFile(join(run.outDir, "home.conf"), "utf8")).networks[0]!;
    assert.equal(block.get("key_mgmt"), "SAE");
    assert.equal(block.get("ieee80211w"), "2");
    assertNoKey(run);
  });

  it("reports timeout when nobody scans, with the URI, and cleans up", async () => {
    const run = await dppRun("dpp_timeout", "", ["--timeout", "1"]);
    assert.equal(run.code, 1, run.stderr);
    const net = JSON.parse(run.stdout).networks[0];
    assert.equal(net.status, "timeout");
    assert.equal(net.dppUri, EXPECTED_URI);
    const names = commandNames(run);
    assert.ok(
      names.includes("dpp_stop_listen") && names.includes("dpp_bootstrap_remove 1"),
      names.join(", "),
    );
    assert.ok(!names.includes("add_network"), names.join(", "));
    assert.deepEqual(await fs.readdir(run.outDir).then((f) => f.filter((n) => n.endsWith(".conf"))), []);
  });

  it("reports dpp-failed with the supplicant's reason", async () => {
    const run = await dppRun("dpp_fail");
    assert.equal(run.code, 1, run.stderr);
    const net = JSON.parse(run.stdout).networks[0];
    assert.equal(net.status, "dpp-failed");
    assert.match(net.message, /DPP-FAIL: Configurator rejected configuration/);
    assert.ok(commandNames(run).includes("dpp_bootstrap_remove 1"));
  });

  it("refuses another SSID than the plan's with ssid-mismatch and adds no network", async () => {
    const run = await dppRun("dpp_mismatch", "    ssid: Elsewhere\n");
    assert.equal(run.code, 1, run.stderr);
    const net = JSON.parse(run.stdout).networks[0];
    assert.equal(net.status, "ssid-mismatch");
    assert.match(net.message, /"LabNet"/);
    assert.ok(!commandNames(run).includes("add_network"));
    assertNoKey(run);
  });

  it("refuses a connector (DPP AKM) object with a clear reason", async () => {
    const run = await dppRun("dpp_connector");
    const net = JSON.parse(run.stdout).networks[0];
    assert.equal(net.status, "dpp-failed");
    assert.equal(net.reason, "dpp-unsupported-akm");
  });

  it("refuses at once on wpa_supplicant 2.9, which never reports the configuration object's key", async () => {
    const run = await dppRun("dpp_old_supplicant");
    const net = JSON.parse(run.stdout).networks[0];
    assert.equal(net.status, "dpp-failed");
    assert.equal(net.reason, "dpp-supplicant-too-old");
    assert.ok(!commandNames(run).some((c) => c.startsWith("dpp_")), commandNames(run).join(", "));
  });

  it("stops with dpp-uri-mismatch when the supplicant's URI differs from wifiprov's", async () => {
    const run = await dppRun("dpp_uri_differs");
    const net = JSON.parse(run.stdout).networks[0];
    assert.equal(net.status, "dpp-failed");
    assert.equal(net.reason, "dpp-uri-mismatch");
    assert.ok(!commandNames(run).includes("dpp_listen 2437"));
    assertNoKey(run);
  });
});
