// End-to-end checks of the agent binary in the virtual Wi-Fi lab: the suite of one wpa_supplicant generation
// (scripts/lab/versions.ts), one guest boot, the checks (checks.ts) of the scenarios it ran. Each generation has
// its own `lab_v<version>_test.ts` calling labSuiteFor, so `deno test --parallel` boots two at once. A lab that
// cannot boot, or a generation whose archive is unreachable, fails its suite.
// WIFIPROV_BINARY picks the binary (default dist/wifiprov-linux-x64); WIFIPROV_LAB_VERSIONS=2.9,2.11 runs only
// those suites; WIFIPROV_LAB_RUN=<run folder>[,<run folder>...] re-checks earlier runs instead of booting.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { DEFAULT_BINARY, type LabRun, loadRun, runLab } from "../../scripts/lab/run.ts";
import { reportedVersion, type SupplicantVersion, VERSIONS } from "../../scripts/lab/versions.ts";
import { Evidence } from "./evidence.ts";
import { agentRuns, ALL_CHECKS, SECRETS } from "./checks.ts";

/** The versions to test: all, or those listed in WIFIPROV_LAB_VERSIONS (unknown names fail, not skip). */
export function selectedVersions(): SupplicantVersion[] {
  const wanted = Deno.env.get("WIFIPROV_LAB_VERSIONS");
  if (wanted === undefined || wanted.trim() === "") return [...VERSIONS];
  return wanted.split(",").map((name) => {
    const found = VERSIONS.find((v) => v.version === name.trim());
    if (found === undefined) throw new Error(`WIFIPROV_LAB_VERSIONS names unknown version "${name}"`);
    return found;
  });
}

/** An earlier run of this version named in WIFIPROV_LAB_RUN, if any. */
async function earlierRun(version: string): Promise<LabRun | undefined> {
  const dirs = (Deno.env.get("WIFIPROV_LAB_RUN") ?? "").split(",").filter((d) => d.trim() !== "");
  for (const dir of dirs) {
    const run = await loadRun(dir.trim());
    if ((run.version ?? "2.10") === version) return run;
  }
  if (dirs.length > 0) throw new Error(`WIFIPROV_LAB_RUN has no run of wpa_supplicant ${version}`);
  return undefined;
}

function labSuite(v: SupplicantVersion): void {
  let run: LabRun | undefined;
  let labError: unknown;

  /** The evidence of one scenario, or an error saying why the lab could not produce it. */
  function scenario(name: string): Evidence {
    if (run === undefined) {
      throw new Error(`The lab did not run: ${(labError as Error)?.message ?? labError}`);
    }
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

  describe(`lab wpa_supplicant ${v.version}`, () => {
    before(async () => {
      try {
        const binary = Deno.env.get("WIFIPROV_BINARY") ?? DEFAULT_BINARY;
        run = await earlierRun(v.version) ??
          await runLab({ binary, version: v.version, scenarios: v.scenarios });
      } catch (e) {
        labError = e;
      }
    });

    it("lab: every scenario ran to its end in one boot", () => {
      scenario(v.scenarios[0]!);
      assert.deepEqual(run?.console.scenarios.map((s) => s.name), [...v.scenarios]);
    });

    it(`the guest and every scenario's transcript show wpa_supplicant v${v.version} (wpa_supplicant -v)`, () => {
      scenario(v.scenarios[0]!);
      assert.equal(
        reportedVersion(run?.console.supplicant ?? ""),
        v.version,
        `console: ${run?.console.supplicant}`,
      );
      for (const name of v.scenarios) {
        const e = scenario(name);
        assert.equal(reportedVersion(e.text("transcript.log")), v.version, `${name}/transcript.log`);
        assert.equal(e.text("supplicant-version.txt").trim(), `wpa_supplicant v${v.version}`, name);
      }
    });

    for (const name of v.scenarios) {
      const checks = ALL_CHECKS[name] ?? [];
      it(`${name}: has checks in tests/lab/checks.ts or field_checks.ts`, () =>
        assert.ok(checks.length > 0, name));
      for (const c of checks) it(`${name}: ${c.title}`, () => c.check(scenario(name)));
    }

    it("no report and no progress line shows a passphrase", () => {
      for (const name of v.scenarios) {
        const runs = agentRuns(scenario(name));
        assert.ok(runs.length > 0, `${name} has an agent run`);
        for (const e of runs) {
          for (const file of ["report.json", "agent-stderr.txt"]) {
            const text = e.text(file);
            for (const secret of SECRETS) {
              assert.ok(!text.includes(secret), `${join(e.dir, file)} shows a passphrase`);
            }
          }
        }
      }
    });
  });
}

/**
 * Registers the suite of one generation (a `lab_v<version>_test.ts` file each, so `deno test --parallel` boots
 * generations side by side) unless WIFIPROV_LAB_VERSIONS names others.
 */
export function labSuiteFor(version: string): void {
  const v = VERSIONS.find((candidate) => candidate.version === version);
  if (v === undefined) throw new Error(`tests/lab: no wpa_supplicant ${version} in scripts/lab/versions.ts`);
  if (selectedVersions().some((selected) => selected.version === version)) labSuite(v);
}
