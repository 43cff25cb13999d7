// End-to-end checks of the agent binary in the virtual Wi-Fi lab: one guest boot runs every scenario, then each
// test asserts on that scenario's evidence; a lab that cannot boot fails every test. WIFIPROV_BINARY picks the
// binary (default dist/wifiprov-linux-x64); WIFIPROV_LAB_RUN=<run folder> re-checks an earlier run instead.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { DEFAULT_BINARY, type LabRun, loadRun, runLab, SCENARIOS } from "../../scripts/lab/run.ts";
import { Evidence } from "./evidence.ts";
import { FIELD_CHECKS } from "./field_checks.ts";

const AP_A = "02:00:00:00:00:00";
const AP_B = "02:00:00:00:01:00";
/** Must match HOSTILE_* in scripts/lab/guest/lib.sh and plans/hostile.yaml. */
const HOSTILE_SSID = 'Lab "Q" \\ #1 Café ☕';
const HOSTILE_SSID2 = 'Büro "2" \\ #2 ☕';
/** Passphrases of the lab's APs (scripts/lab/guest/lib.sh, scenarios/mixed.sh, overlap.sh). */
const SECRETS = [
  "correct horse battery staple",
  "office passphrase 42",
  "other passphrase 99",
  "new passphrase after reset",
  "pa\"ss \\ #word 'ü' x",
  "pa\"ss \\ #word 'x' y",
];

let run: LabRun | undefined;
let labError: unknown;

/** The evidence of one scenario, or an error saying why the lab could not produce it. */
function scenario(name: string): Evidence {
  if (run === undefined) throw new Error(`The lab did not run: ${(labError as Error)?.message ?? labError}`);
  const marker = run.console.scenarios.find((s) => s.name === name);
  const dir = join(run.runDir, name);
  if (marker === undefined) {
    const why = run.timedOut
      ? "QEMU hit its hard time limit"
      : `the guest stopped (qemu exit ${run.exitCode})`;
    throw new Error(`Scenario "${name}" did not finish: ${why}; see ${run.runDir}/console.log`);
  }
  if (marker.rc !== 0) {
    throw new Error(
      `Scenario "${name}" broke in the lab itself (rc ${marker.rc}); see ${dir}/transcript.log`,
    );
  }
  return new Evidence(dir);
}

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

describe("virtual Wi-Fi lab", () => {
  before(async () => {
    try {
      // WIFIPROV_LAB_RUN=<.cache/lab/runs/ID> re-checks an earlier run's evidence without booting.
      const earlier = Deno.env.get("WIFIPROV_LAB_RUN");
      const binary = Deno.env.get("WIFIPROV_BINARY") ?? DEFAULT_BINARY;
      run = earlier ? await loadRun(earlier) : await runLab({ binary, scenarios: SCENARIOS });
    } catch (e) {
      labError = e;
    }
  });

  it("lab: every scenario ran to its end in one boot", () => {
    scenario(SCENARIOS[0]!);
    assert.deepEqual(run?.console.scenarios.map((s) => s.name), [...SCENARIOS]);
  });

  it("happy: one WPS network is provisioned into <id>.conf (0600) with the AP's SSID", () => {
    const e = scenario("happy");
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
  });

  it("proof: a fresh wpa_supplicant with the written file on a new radio reaches COMPLETED", () => {
    assertProven(scenario("happy"), "home", AP_A);
  });

  it("overlap: two APs in push-button mode give status overlap, exit 1, nothing written", () => {
    const e = scenario("overlap");
    assertFailure(e, "overlap");
    assertNothingWritten(e);
  });

  it("timeout: nobody presses, status timeout, nothing written, the supplicant is left usable", () => {
    const e = scenario("timeout");
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
  });

  it("ssid-mismatch: a credential for another SSID gives ssid-mismatch, nothing written", () => {
    const e = scenario("ssid-mismatch");
    assertFailure(e, "ssid-mismatch");
    assertNothingWritten(e);
  });

  it("mixed: a PSK network and a WPS network give two files that both connect", () => {
    const e = scenario("mixed");
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
  });

  it("transition: WPS from a WPA2/WPA3 transition AP gives a config that connects", () => {
    const e = scenario("transition");
    assert.equal(e.exitCode(), 0, e.agentStderr());
    assert.equal(e.network("mixedmode").status, "provisioned");
    assert.equal(e.network("mixedmode").ssid, "LabNet3");
    assertConfigFile(e, "mixedmode");
    assertProven(e, "mixedmode", AP_A);
  });

  it("hostile: quotes, backslash, '#', spaces and UTF-8 in SSID and passphrase survive into working files", () => {
    const e = scenario("hostile");
    assert.equal(e.exitCode(), 0, e.agentStderr());
    const aps = [["hostile-wps", HOSTILE_SSID, AP_A], ["hostile-psk", HOSTILE_SSID2, AP_B]] as const;
    for (const [id, ssid, bssid] of aps) {
      assert.equal(e.network(id).status, "provisioned", `${id}: ${e.agentStderr()}`);
      assert.equal(e.network(id).ssid, ssid, `${id} reports the SSID exactly`);
      assertConfigFile(e, id);
      assertProven(e, id, bssid);
    }
  });

  it("own-supplicant: without a running supplicant the agent starts one, provisions, and stops it", () => {
    const e = scenario("own-supplicant");
    const own = new Evidence(join(e.dir, "own"));
    assert.equal(own.exitCode(), 0, own.agentStderr());
    assert.equal(own.network("home").status, "provisioned");
    assertConfigFile(own, "home");
    assert.doesNotMatch(own.text("supplicants-after.txt"), /wlan2/, "no wpa_supplicant left on wlan2");
    assertProven(e, "home", AP_A);
  });

  it("own-supplicant: with --no-start-supplicant and no supplicant the agent exits 3 and writes nothing", () => {
    const nostart = new Evidence(join(scenario("own-supplicant").dir, "nostart"));
    assert.equal(nostart.exitCode(), 3, nostart.agentStderr());
    assertNothingWritten(nostart);
    assert.doesNotMatch(nostart.text("supplicants-after.txt"), /wlan2/, "no wpa_supplicant was started");
  });

  it("rerun: the same plan again is unchanged; --force after a passphrase change replaces and keeps a backup", () => {
    const dir = scenario("rerun").dir;
    const first = new Evidence(join(dir, "first"));
    const second = new Evidence(join(dir, "second"));
    const force = new Evidence(join(dir, "force"));
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
    assertProven(new Evidence(dir), "home", AP_A);
  });

  // Issue 10's field kinds: one `it` per row of tests/lab/field_checks.ts.
  for (const [name, checks] of Object.entries(FIELD_CHECKS)) {
    for (const { title, check } of checks) it(`${name}: ${title}`, () => check(scenario(name)));
  }

  it("no report and no progress line shows a passphrase", () => {
    for (const name of SCENARIOS) {
      const dir = scenario(name).dir;
      const runs: Record<string, string[]> = {
        "own-supplicant": ["own", "nostart"],
        rerun: ["first", "second", "force"],
      };
      for (const sub of runs[name] ?? [""]) {
        const e = new Evidence(join(dir, sub));
        for (const file of ["report.json", "agent-stderr.txt"]) {
          const text = e.text(file);
          for (const secret of SECRETS) {
            assert.ok(!text.includes(secret), `${join(name, sub, file)} shows a passphrase`);
          }
        }
      }
    }
  });
});
