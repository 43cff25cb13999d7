import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { commandNames, runReplay } from "../helpers/replay.ts";
import { decodeConfigValue, parseConfigText } from "../../src/config/parse.ts";

const WPS_YAML = (extra = "") =>
  `version: 1
interface: wlan2
networks:
  - id: home
    method: wps-pbc
${extra}`;

async function readConf(dir: string, id: string) {
  const path = join(dir, `${id}.conf`);
  const [text, info] = await Promise.all([fs.readFile(path, "utf8"), fs.stat(path)]);
  const block = parseConfigText(text).networks[0]!;
  return { text, mode: info.mode & 0o777, block };
}

async function confFiles(dir: string): Promise<string[]> {
  return (await fs.readdir(dir).catch(() => [] as string[])).sort();
}

describe("provision against replayed wpa_cli transcripts", () => {
  it("writes a 0600 config and reports provisioned for the recorded success", async () => {
    const run = await runReplay({ scenario: "success", yaml: WPS_YAML("    ssid: LabNet\n") });
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.ok, true);
    assert.equal(report.networks[0].status, "provisioned");
    assert.equal(report.networks[0].ssid, "LabNet");
    assert.equal(report.networks[0].bssid, "02:00:00:00:00:00");
    const conf = await readConf(run.outDir, "home");
    assert.equal(conf.mode, 0o600);
    assert.deepEqual(decodeConfigValue(conf.block.get("ssid")!), new TextEncoder().encode("LabNet"));
    assert.equal(conf.block.get("psk"), '"correct horse battery staple"');
    assert.equal(conf.block.get("key_mgmt"), "WPA-PSK");
    assert.equal(conf.block.get("proto"), "RSN");
    assert.equal(conf.block.get("pairwise"), "CCMP");
    assert.match(conf.text, /^ctrl_interface=/m);
  });

  it("turns on credential reports for the run and restores the previous value", async () => {
    const run = await runReplay({ scenario: "success", yaml: WPS_YAML() });
    const names = commandNames(run);
    assert.ok(names.includes("wps_pbc"), names.join(", "));
    assert.ok(names.indexOf("set wps_cred_processing 1") < names.indexOf("wps_pbc"), names.join(", "));
    assert.ok(names.includes("set wps_cred_processing 0"), names.join(", "));
    assert.ok(!names.includes("wps_cancel"), "a successful enrolment is not cancelled");
  });

  it("holds one conversation: after the liveness ping every command goes through the interactive wpa_cli", async () => {
    const run = await runReplay({ scenario: "success", yaml: WPS_YAML() });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.oneShot, [["ping"]], "one-shot wpa_cli only before the monitor exists");
    const names = commandNames(run);
    const pbc = names.indexOf("wps_pbc");
    assert.ok(pbc > 0, names.join(", "));
    // The channel sends a command only after the previous one's reply (its PONG) is in: the set-up's guards
    // are acknowledged before the button is pressed.
    for (
      const guard of ["get update_config", "set wps_cred_processing 1", "log_level WARNING", "list_networks"]
    ) {
      const at = names.indexOf(guard);
      assert.ok(at >= 0 && at < pbc, `${guard} before wps_pbc: ${names.join(", ")}`);
    }
  });

  it("raises a chatty supplicant's log level for the run, warns, and restores it", async () => {
    const run = await runReplay({ scenario: "success", yaml: WPS_YAML() });
    const names = commandNames(run);
    assert.ok(names.indexOf("log_level WARNING") < names.indexOf("wps_pbc"), names.join(", "));
    assert.deepEqual(
      names.slice(-2).sort(),
      ["log_level INFO", "set wps_cred_processing 0"],
      names.join(", "),
    );
    assert.match(run.stderr, /logs at level INFO/);
  });

  it("writes a raw PSK credential as unquoted hex", async () => {
    const run = await runReplay({ scenario: "success_hex_psk", yaml: WPS_YAML("    ssid: HexNet\n") });
    assert.equal(run.code, 0, run.stderr);
    const conf = await readConf(run.outDir, "home");
    assert.equal(conf.block.get("psk"), "8b6e1b5c2b1e4a7f0d9c3e2a1f4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d");
  });

  it("reports overlap, exits 1, cancels and writes nothing", async () => {
    const run = await runReplay({ scenario: "overlap", yaml: WPS_YAML() });
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout);
    assert.equal(report.networks[0].status, "overlap");
    assert.equal(report.ok, false);
    assert.ok(commandNames(run).includes("wps_cancel"));
    assert.deepEqual(await confFiles(run.outDir), []);
  });

  it("refuses a credential for another SSID after WPS-SUCCESS and adds no network for it", async () => {
    const run = await runReplay({ scenario: "success", yaml: WPS_YAML("    ssid: NotLabNet\n") });
    assert.equal(run.code, 1);
    const net = JSON.parse(run.stdout).networks[0];
    assert.equal(net.status, "ssid-mismatch");
    assert.match(net.message, /LabNet/);
    const names = commandNames(run);
    assert.ok(!names.some((n) => n.startsWith("add_network")), names.join(", "));
    assert.deepEqual(await confFiles(run.outDir), []);
  });

  it("gives up at the agent's own timeout and sends wps_cancel", async () => {
    const run = await runReplay({ scenario: "wps_timeout", yaml: WPS_YAML("    timeout: 2\n") });
    assert.equal(run.code, 1);
    const net = JSON.parse(run.stdout).networks[0];
    assert.equal(net.status, "timeout");
    assert.ok(net.durationMs >= 2000, `took ${net.durationMs} ms`);
    assert.ok(commandNames(run).includes("wps_cancel"));
    assert.deepEqual(await confFiles(run.outDir), []);
  });

  it("reports the supplicant's own WPS-TIMEOUT as timeout", async () => {
    const run = await runReplay({ scenario: "wps_timeout_fast", yaml: WPS_YAML() });
    assert.equal(run.code, 1);
    const net = JSON.parse(run.stdout).networks[0];
    assert.equal(net.status, "timeout");
    assert.ok(net.durationMs < 60_000);
  });

  it("reports WPS-FAIL with its msg, config_error and reason", async () => {
    const run = await runReplay({ scenario: "wps_fail", yaml: WPS_YAML() });
    assert.equal(run.code, 1);
    const net = JSON.parse(run.stdout).networks[0];
    assert.equal(net.status, "wps-failed");
    assert.deepEqual(net.wps, { msg: 8, configError: 15, reason: 3 });
    assert.ok(commandNames(run).includes("wps_cancel"));
  });

  it("starts wpa_supplicant when none runs, as the manual procedure does, and stops it afterwards", async () => {
    const run = await runReplay({ scenario: "success", yaml: WPS_YAML(), supplicantRunning: false });
    assert.equal(run.code, 0, run.stderr);
    const starts = (await fs.readFile(join(run.stateDir, "supplicant-starts.log"), "utf8")).trim().split(
      "\n",
    );
    assert.equal(starts.length, 1);
    const argv = JSON.parse(starts[0]!) as string[];
    assert.deepEqual(argv.slice(0, 3), ["-B", "-i", "wlan2"]);
    assert.equal(argv[argv.indexOf("-D") + 1], "nl80211,wext");
    const scratch = await fs.readFile(join(run.stateDir, "started-with.conf"), "utf8");
    assert.match(scratch, /^wps_cred_processing=1$/m);
    assert.equal(commandNames(run).at(-1), "terminate");
  });

  it("starts wpa_supplicant with the file's driver list; the command line and environment override it", async () => {
    const driverOf = async (yaml: string, args: string[] = [], env?: string) => {
      if (env !== undefined) process.env.WIFIPROV_SUPPLICANT_DRIVER = env;
      try {
        const run = await runReplay({ scenario: "success", yaml, supplicantRunning: false, args });
        assert.equal(run.code, 0, run.stderr);
        const log = await fs.readFile(join(run.stateDir, "supplicant-starts.log"), "utf8");
        const argv = JSON.parse(log.trim().split("\n")[0]!) as string[];
        return argv[argv.indexOf("-D") + 1];
      } finally {
        delete process.env.WIFIPROV_SUPPLICANT_DRIVER;
      }
    };
    const withKey =
      `version: 1\ninterface: wlan2\nsupplicantDriver: wext\nnetworks:\n  - id: home\n    method: wps-pbc\n`;
    assert.equal(await driverOf(withKey), "wext");
    assert.equal(await driverOf(withKey, ["--supplicant-driver", "nl80211"]), "nl80211");
    assert.equal(await driverOf(WPS_YAML(), [], "wext,nl80211"), "wext,nl80211");
  });

  it("exits 3 without touching anything when no supplicant runs and starting one is off", async () => {
    const run = await runReplay({
      scenario: "success",
      yaml: WPS_YAML(),
      supplicantRunning: false,
      args: ["--no-start-supplicant"],
    });
    assert.equal(run.code, 3);
    const report = JSON.parse(run.stdout);
    assert.equal(report.error.reason, "supplicant-not-running");
    assert.equal(report.networks[0].status, "not-run");
    assert.deepEqual(await confFiles(run.outDir), []);
  });

  it("exits 3 with a clear message when wpa_cli is missing", async () => {
    const run = await runReplay({
      scenario: "success",
      yaml: WPS_YAML(),
      args: ["--wpa-cli", "/nonexistent/wpa_cli"],
    });
    assert.equal(run.code, 3);
    assert.match(run.stderr, /wpa_cli.*not found/);
    assert.equal(JSON.parse(run.stdout).error.reason, "wpa-cli-missing");
  });

  it("does no WPS on a re-run when the config is already there", async () => {
    const first = await runReplay({ scenario: "success", yaml: WPS_YAML("    ssid: LabNet\n") });
    assert.equal(first.code, 0);
    process.env.FAKE_WPA_STATE = first.stateDir;
    const again = await runReplay({
      scenario: "success",
      yaml: WPS_YAML("    ssid: LabNet\n"),
      args: ["--output-dir", first.outDir],
    });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).networks[0].status, "unchanged");
    assert.ok(!commandNames(again).includes("wps_pbc"));
  });
});
