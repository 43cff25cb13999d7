// What each lab scenario must show, as data: scenario name → checks on its evidence. suite.ts runs the
// checks of every scenario a supplicant version ran; a new scenario gets its checks here with one entry.
import assert from "node:assert/strict";
import { join } from "node:path";
import { Evidence } from "./evidence.ts";
import { FIELD_CHECKS } from "./field_checks.ts";
import { wpsPinChecksumValid } from "../../src/wps/pin.ts";
import { DPP_CHECKS } from "./dpp_checks.ts";

/** One assertion group on a scenario's evidence folder; throws (node:assert) when the agent misbehaved. */
export interface Check {
  title: string;
  check(e: Evidence): void;
}

const AP_A = "02:00:00:00:00:00";
const AP_B = "02:00:00:00:01:00";
/** Must match HOSTILE_* in scripts/lab/guest/lib.sh and plans/hostile.yaml. */
const HOSTILE_SSID = 'Lab "Q" \\ #1 Café ☕';
const HOSTILE_SSID2 = 'Büro "2" \\ #2 ☕';
/** Passphrases of the lab's APs (scripts/lab/guest/lib.sh, scenarios/mixed.sh, overlap.sh). */
export const SECRETS: readonly string[] = [
  "correct horse battery staple",
  "office passphrase 42",
  "other passphrase 99",
  "new passphrase after reset",
  "pa\"ss \\ #word 'ü' x",
  "pa\"ss \\ #word 'x' y",
];

/** The written file is a complete wpa_supplicant config with exactly one network block, readable by root only. */
function assertConfigFile(e: Evidence, id: string): string {
  assert.equal(
    e.outputModes().get(`${id}.conf`),
    "600",
    `${id}.conf mode (all files: ${e.text("modes.txt")})`,
  );
  const text = e.written(`${id}.conf`);
  assert.match(text, /^ctrl_interface=\S+/m, `${id}.conf names a ctrl_interface`);
  assert.match(text, /^update_config=1$/m, `${id}.conf has update_config=1`);
  assert.equal(text.match(/^network=\{$/gm)?.length, 1, `${id}.conf has exactly one network block:\n${text}`);
  return text;
}

/** Check 2: a fresh wpa_supplicant on a new radio, started with the written file, connected to that AP. */
function assertProven(e: Evidence, name: string, bssid: string): void {
  const proof = e.proof(name);
  assert.equal(proof.result, "COMPLETED", `proof of ${name}: ${e.text(`proof-${name}.txt`)}`);
  assert.equal(proof.status.get("bssid"), bssid, `proof of ${name} connected to the expected AP`);
}

/** Nothing, not even a temporary file, is left in the output folder. */
function assertNothingWritten(e: Evidence): void {
  assert.deepEqual([...e.outputModes().keys()], [], "no files in the output folder");
}

function assertFailure(e: Evidence, status: string): void {
  const report = e.report();
  assert.equal(e.exitCode(), 1, `exit code 1 (${e.agentStderr()})`);
  assert.equal(report.ok, false);
  assert.equal(report.networks.length, 1);
  assert.equal(report.networks[0]?.status, status, `status (${e.agentStderr()})`);
  assert.equal(report.networks[0]?.configPath, undefined, "no configPath for a failed network");
}

/** One WPS network provisioned into home.conf from AP A (the happy path, whatever the driver). */
function assertHappy(e: Evidence): void {
  assert.equal(e.exitCode(), 0, e.agentStderr());
  const report = e.report();
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.tool?.name, "wifiprov");
  assert.equal(report.interface, "wlan2");
  assert.equal(report.ok, true);
  const home = e.network("home");
  assert.equal(home.method, "wps-pbc");
  assert.equal(home.status, "provisioned");
  assert.equal(home.ssid, "LabNet");
  assert.equal(home.bssid ?? AP_A, AP_A);
  assert.match(home.configPath ?? "", /\/home\.conf$/);
  assert.deepEqual([...e.outputModes().keys()], ["home.conf"], "only home.conf written");
  const text = assertConfigFile(e, "home");
  assert.match(text, /^\s*ssid=("LabNet"|4c61624e6574)$/m, `home.conf names LabNet:\n${text}`);
}

/** `ps` lines of wpa_supplicant programs on wlan2 in a listing. */
function wlan2Supplicants(listing: string): string[] {
  return listing.split("\n").filter((line) => /wpa_supplicant .*-i ?wlan2(\s|$)/.test(line));
}

/** Every scenario's checks. */
export const CHECKS: Readonly<Record<string, readonly Check[]>> = {
  happy: [
    {
      title: "one WPS network is provisioned into <id>.conf (0600) with the AP's SSID",
      check: assertHappy,
    },
    {
      title: "proof: a fresh wpa_supplicant with the written file on a new radio reaches COMPLETED",
      check: (e) => assertProven(e, "home", AP_A),
    },
  ],
  overlap: [{
    title: "two APs in push-button mode give status overlap, exit 1, nothing written",
    check: (e) => {
      assertFailure(e, "overlap");
      assertNothingWritten(e);
    },
  }],
  timeout: [{
    title: "nobody presses, status timeout, nothing written, the supplicant is left usable",
    check: (e) => {
      assertFailure(e, "timeout");
      assertNothingWritten(e);
      assert.ok(
        Number(e.text("agent-seconds")) < 60,
        `the agent kept to --timeout 15 (${e.text("agent-seconds")} s)`,
      );
      assert.equal(e.text("after-status-rc").trim(), "0", "wpa_cli status still reaches the supplicant");
      assert.match(e.text("after-status.txt"), /^wpa_state=\w+/m);
      const networks = e.text("after-networks.txt").trim().split("\n").slice(1);
      assert.equal(
        networks.length,
        1,
        `only the system's own network remains:\n${e.text("after-networks.txt")}`,
      );
      assert.match(networks[0] ?? "", /^0\tElsewhere\t/);
      assert.doesNotMatch(
        networks[0] ?? "",
        /DISABLED/,
        "the system's network is enabled again (WPS cancelled)",
      );
      const pid = e.text("supplicant-pid-before").trim();
      assert.match(
        e.text("after-supplicants.txt"),
        new RegExp(`^\\s*${pid}\\s`, "m"),
        "same supplicant still runs",
      );
    },
  }],
  "ssid-mismatch": [{
    title: "a credential for another SSID gives ssid-mismatch, nothing written",
    check: (e) => {
      assertFailure(e, "ssid-mismatch");
      assertNothingWritten(e);
    },
  }],
  mixed: [{
    title: "a PSK network and a WPS network give two files that both connect",
    check: (e) => {
      assert.equal(e.exitCode(), 0, e.agentStderr());
      assert.equal(e.report().ok, true);
      assert.equal(e.network("office").method, "psk");
      assert.equal(e.network("office").status, "provisioned");
      assert.equal(e.network("home").status, "provisioned");
      assert.deepEqual([...e.outputModes().keys()].sort(), ["home.conf", "office.conf"]);
      assertConfigFile(e, "office");
      assertConfigFile(e, "home");
      assertProven(e, "office", AP_B);
      assertProven(e, "home", AP_A);
    },
  }],
  transition: [{
    title: "WPS from a WPA2/WPA3 transition AP gives a config that connects",
    check: (e) => {
      assert.equal(e.exitCode(), 0, e.agentStderr());
      assert.equal(e.network("mixedmode").status, "provisioned");
      assert.equal(e.network("mixedmode").ssid, "LabNet3");
      assertConfigFile(e, "mixedmode");
      assertProven(e, "mixedmode", AP_A);
    },
  }],
  hostile: [{
    title: "quotes, backslash, '#', spaces and UTF-8 in SSID and passphrase survive into working files",
    check: (e) => {
      assert.equal(e.exitCode(), 0, e.agentStderr());
      const aps = [["hostile-wps", HOSTILE_SSID, AP_A], ["hostile-psk", HOSTILE_SSID2, AP_B]] as const;
      for (const [id, ssid, bssid] of aps) {
        assert.equal(e.network(id).status, "provisioned", `${id}: ${e.agentStderr()}`);
        assert.equal(e.network(id).ssid, ssid, `${id} reports the SSID exactly`);
        assertConfigFile(e, id);
        assertProven(e, id, bssid);
      }
    },
  }],
  "own-supplicant": [
    {
      title: "without a running supplicant the agent starts one, provisions, and stops it",
      check: (e) => {
        const own = new Evidence(join(e.dir, "own"));
        assert.equal(own.exitCode(), 0, own.agentStderr());
        assert.equal(own.network("home").status, "provisioned");
        assertConfigFile(own, "home");
        assert.doesNotMatch(own.text("supplicants-after.txt"), /wlan2/, "no wpa_supplicant left on wlan2");
        assertProven(e, "home", AP_A);
      },
    },
    {
      title: "with --no-start-supplicant and no supplicant the agent exits 3 and writes nothing",
      check: (e) => {
        const nostart = new Evidence(join(e.dir, "nostart"));
        assert.equal(nostart.exitCode(), 3, nostart.agentStderr());
        assertNothingWritten(nostart);
        assert.doesNotMatch(nostart.text("supplicants-after.txt"), /wlan2/, "no wpa_supplicant was started");
      },
    },
  ],
  rerun: [{
    title: "the same plan again is unchanged; --force after a passphrase change replaces and keeps a backup",
    check: (e) => {
      const first = new Evidence(join(e.dir, "first"));
      const second = new Evidence(join(e.dir, "second"));
      const force = new Evidence(join(e.dir, "force"));
      assert.equal(first.network("home").status, "provisioned", first.agentStderr());
      assert.equal(second.exitCode(), 0, second.agentStderr());
      assert.equal(second.network("home").status, "unchanged");
      assert.equal(second.written("home.conf"), first.written("home.conf"), "the file is left as it was");
      assert.equal(force.exitCode(), 0, force.agentStderr());
      assert.equal(force.network("home").status, "provisioned");
      assert.equal(
        force.outputModes().get("home.conf.bak"),
        "600",
        `backup mode (${force.text("modes.txt")})`,
      );
      assert.equal(force.written("home.conf.bak"), first.written("home.conf"), "the backup is the old file");
      assertConfigFile(force, "home");
      assert.notEqual(force.written("home.conf"), first.written("home.conf"), "the new file has the new key");
      assertProven(e, "home", AP_A);
    },
  }],
  wext: [
    {
      title: "the system supplicant runs -D wext and the agent provisions through it",
      check: (e) => {
        const lines = wlan2Supplicants(e.text("supplicants-before.txt"));
        assert.equal(lines.length, 1, `one supplicant on wlan2:\n${e.text("supplicants-before.txt")}`);
        assert.match(lines[0] ?? "", /-D wext(\s|$)/, "it runs the wext driver");
        assertHappy(e);
      },
    },
    {
      title: "proof: a fresh -D wext supplicant with the written file reaches COMPLETED",
      check: (e) => {
        assert.equal(e.proof("home").status.get("driver"), "wext");
        assertProven(e, "home", AP_A);
      },
    },
  ],
  "wext-own": [{
    title:
      "supplicantDriver: wext in the file: the supplicant the agent starts runs -D wext only, and is stopped",
    check: (e) => {
      const during = wlan2Supplicants(e.text("supplicants-during.txt"));
      assert.ok(
        during.length > 0,
        `a supplicant ran on wlan2 during the run:\n${e.text("supplicants-during.txt")}`,
      );
      for (const line of during) assert.match(line, /-D wext(\s|$)/, `started with -D wext: ${line}`);
      assertHappy(e);
      assert.deepEqual(wlan2Supplicants(e.text("supplicants-after.txt")), [], "none left on wlan2");
      assert.equal(e.proof("home").status.get("driver"), "wext");
      assertProven(e, "home", AP_A);
    },
  }],
  "wps-pin": [
    {
      title: "the agent shows the supplicant's 8-digit PIN; the AP given it provisions home.conf (0600)",
      check: (e) => {
        assert.equal(e.exitCode(), 0, e.agentStderr());
        const home = e.network("home");
        assert.deepEqual([home.method, home.status, home.ssid], ["wps-pin", "provisioned", "LabNet"]);
        assert.match(home.wpsPin ?? "", /^\d{8}$/, "the report carries the generated PIN");
        assert.ok(wpsPinChecksumValid(home.wpsPin ?? ""), `${home.wpsPin} ends in its checksum digit`);
        assert.equal(e.text("ap-pin.txt").trim(), home.wpsPin, "the AP was given the PIN the agent showed");
        assert.match(e.agentStderr(), new RegExp(`enter the PIN ${home.wpsPin} on the router`));
        assert.deepEqual([...e.outputModes().keys()], ["home.conf"], "only home.conf written");
        assertConfigFile(e, "home");
      },
    },
    {
      title: "proof: a fresh wpa_supplicant with the written file on a new radio reaches COMPLETED",
      check: (e) => assertProven(e, "home", AP_A),
    },
  ],
  "wps-pin-wrong": [{
    title:
      "the AP given another PIN: wps-failed with config_error 18 (PIN mismatch), nothing written, no wait",
    check: (e) => {
      assertFailure(e, "wps-failed");
      const home = e.network("home");
      assert.equal(home.wps?.configError, 18, `WPS-FAIL details: ${JSON.stringify(home.wps)}`);
      assert.notEqual(e.text("ap-pin.txt").trim(), home.wpsPin, "the AP was given another PIN");
      assertNothingWritten(e);
      const ms = home.durationMs ?? Infinity;
      assert.ok(ms < 25_000, `ended at the failure, before its --timeout 25 (${ms} ms)`);
      const networks = e.text("after-networks.txt").trim().split("\n").slice(1);
      assert.deepEqual(networks, [], `no network left behind:\n${e.text("after-networks.txt")}`);
    },
  }],
};

/** Every scenario's checks: the core ones above and issue 10's field kinds (field_checks.ts). */
export const ALL_CHECKS: Readonly<Record<string, readonly Check[]>> = {
  ...CHECKS,
  ...FIELD_CHECKS,
  ...DPP_CHECKS,
};

/** The folders of a scenario that hold an agent run (the scenario's own, or sub-runs like rerun/first). */
export function agentRuns(e: Evidence): Evidence[] {
  const runs: Evidence[] = [];
  const visit = (dir: string, depth: number) => {
    for (const entry of Deno.readDirSync(dir)) {
      if (entry.isFile && entry.name === "report.json") runs.push(new Evidence(dir));
      if (entry.isDirectory && entry.name !== "files" && depth < 2) visit(join(dir, entry.name), depth + 1);
    }
  };
  visit(e.dir, 0);
  return runs;
}
