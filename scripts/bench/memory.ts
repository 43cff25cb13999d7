// Peak memory (issue 7, part 3): a full `provision` run against the fake wpa_cli (the recorded `success`
// scenario) under `/usr/bin/time -v`, against the hello world under the same tool.
import { $ } from "dax-sh";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./artifacts.ts";
import { VALIDATE_FILE } from "./cold_start.ts";
import { median } from "./stats.ts";
import { atMost, type Row, unavailableRow } from "./table.ts";

const SECTION = "3 memory";
/** Issue 13: `provision` ≤ 1.5×, `validate` ≤ 1.3× the hello world's peak RSS. */
const LIMIT = 1.5;
const VALIDATE_LIMIT = 1.3;
const VALIDATE_ENV = { OFFICE_PASSPHRASE: "correct horse battery staple" };
const TIME = "/usr/bin/time";
const FAKE_WPA_CLI = join(REPO_ROOT, "tests/fake/wpa_cli.mjs");
const FAKE_WPA_SUPPLICANT = join(REPO_ROOT, "tests/fake/wpa_supplicant.mjs");
const SCENARIO = join(REPO_ROOT, "tests/fixtures/replay/success.json");
// The plan of the flow test for the recorded success: one WPS network expecting the recorded SSID.
const PLAN = "version: 1\ninterface: wlan2\nnetworks:\n  - id: home\n    method: wps-pbc\n    ssid: LabNet\n";

/** Installs GNU time from Debian when it is missing (the `time` package). */
export async function ensureGnuTime(): Promise<void> {
  if (existsSync(TIME)) return;
  console.error("bench: installing GNU time (apt-get install time)");
  await $`apt-get install -y --no-install-recommends time`.env("DEBIAN_FRONTEND", "noninteractive");
}

/** Peak RSS in kB from `/usr/bin/time -v` output. */
export function parseMaxRss(timeOutput: string): number | undefined {
  const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(timeOutput);
  return m ? Number(m[1]) : undefined;
}

/** VmHWM (the kernel's high-water mark of the resident set) of a live process, in kB. */
function vmHwm(pid: number): Promise<number | undefined> {
  return readFile(`/proc/${pid}/status`, "utf8").then(
    (text) => {
      const m = /^VmHWM:\s*(\d+) kB/m.exec(text);
      return m ? Number(m[1]) : undefined;
    },
    () => undefined,
  );
}

/** One peak-RSS measurement. */
export interface Measured {
  /** What /usr/bin/time reports: the largest of the process and every child it waited for. */
  timeKb: number;
  /** The direct child's own high-water mark, sampled every few ms while it ran (undefined if too quick). */
  ownKb: number | undefined;
  exitCode: number;
  stderr: string;
}

/** Runs argv under /usr/bin/time -v, sampling the measured process's own VmHWM while it runs. */
export async function measure(argv: string[], env: Record<string, string>): Promise<Measured> {
  const child = spawn(TIME, ["-v", ...argv], { env: { ...process.env, ...env }, stdio: "pipe" });
  let stderr = "";
  child.stdout.resume();
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const done = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  // The fake wpa_cli is Node (~40 MB), which /usr/bin/time folds into its figure; the agent's own peak is
  // sampled from /proc so the table can tell the two apart.
  let ownKb: number | undefined;
  let finished = false;
  void done.then(() => (finished = true));
  while (!finished) {
    const kids = await readFile(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").catch(() => "");
    const pid = Number(kids.trim().split(/\s+/)[0]);
    if (pid > 0) {
      const kb = await vmHwm(pid);
      if (kb !== undefined) ownKb = Math.max(ownKb ?? 0, kb);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const exitCode = await done;
  const timeKb = parseMaxRss(stderr);
  if (timeKb === undefined) throw new Error(`No peak RSS in /usr/bin/time output: ${stderr.slice(-500)}`);
  return { timeKb, ownKb, exitCode, stderr };
}

/**
 * One provisioning run of the recorded success in a fresh temp workspace; `agent` is the binary or the
 * command that starts it (e.g. behind qemu).
 */
export async function provisionOnce(agent: string | readonly string[]): Promise<Measured> {
  const root = await mkdtemp(join(tmpdir(), "wifiprov-bench-rss-"));
  try {
    const state = join(root, "state");
    await mkdir(state);
    await writeFile(join(state, "supplicant-running"), "");
    await writeFile(join(root, "site.yaml"), PLAN);
    const argv = [...[agent].flat(), "provision", join(root, "site.yaml"), "--output-dir", join(root, "out")];
    argv.push("--ctrl-dir", join(root, "ctrl"), "--wpa-cli", FAKE_WPA_CLI);
    argv.push("--wpa-supplicant", FAKE_WPA_SUPPLICANT, "--quiet");
    const result = await measure(argv, { FAKE_WPA_SCENARIO: SCENARIO, FAKE_WPA_STATE: state });
    if (result.exitCode !== 0) {
      throw new Error(
        `provision with the fake wpa_cli exited ${result.exitCode}: ${result.stderr.slice(0, 400)}`,
      );
    }
    if (!existsSync(join(root, "out", "home.conf"))) throw new Error("provision wrote no home.conf");
    return result;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const kbText = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`;

/** The peak-RSS rows: the issue's /usr/bin/time comparison, plus the agent's own peak as context. */
export async function memoryRows(agent: string, hello: string, runs: number): Promise<Row[]> {
  const name = "peak RSS, `provision` (fake wpa_cli, success) vs hello world";
  const target = `≤ ${LIMIT}× hello world`;
  try {
    await ensureGnuTime();
    const agentRuns: Measured[] = [];
    const helloRuns: Measured[] = [];
    for (let i = 0; i < runs; i++) {
      agentRuns.push(await provisionOnce(agent));
      helloRuns.push(await measure([hello], {}));
    }
    const fake = await measure(["node", FAKE_WPA_CLI, "ping"], {
      FAKE_WPA_SCENARIO: SCENARIO,
      FAKE_WPA_STATE: tmpdir(),
    });
    const a = median(agentRuns.map((r) => r.timeKb));
    const h = median(helloRuns.map((r) => r.timeKb));
    const own = agentRuns.map((r) => r.ownKb).filter((kb): kb is number => kb !== undefined);
    const ownMedian = own.length > 0 ? median(own) : undefined;
    const whose = ownMedian === undefined
      ? "the agent's own peak could not be sampled"
      : `the agent process's own peak (VmHWM, sampled every 5 ms) was ${kbText(ownMedian)}` +
        (ownMedian >= 0.95 * a ? ", so the figure is the agent's" : ", so the figure is a child's");
    const rows: Row[] = [{
      section: SECTION,
      name,
      measured: `${(a / h).toFixed(2)}× (${kbText(a)} vs ${kbText(h)})`,
      n: `${runs} + ${runs}`,
      target,
      ...atMost(a / h, LIMIT, (d) => `${d.toFixed(2)}×`),
      note: "`/usr/bin/time -v` reports the largest of the agent and every child it waited for; one fake " +
        `wpa_cli (Node) alone peaks at ${kbText(fake.timeKb)}, and ${whose}.`,
      data: {
        ratio: a / h,
        agentKb: a,
        helloKb: h,
        agentOwnKb: ownMedian ?? null,
        fakeWpaCliKb: fake.timeKb,
        runs: agentRuns.map((r) => r.timeKb),
        ownRuns: own,
      },
    }];
    rows.push(await validateRow(agent, helloRuns.map((r) => r.timeKb), runs));
    return rows;
  } catch (e) {
    return [unavailableRow(SECTION, name, target, e instanceof Error ? e.message : String(e), "failed")];
  }
}

/** Peak RSS of `validate examples/site.yaml` (no children) against the same hello-world runs. */
async function validateRow(agent: string, helloKb: readonly number[], runs: number): Promise<Row> {
  const kb: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await measure([agent, "validate", VALIDATE_FILE], VALIDATE_ENV);
    if (r.exitCode !== 0) throw new Error(`validate exited ${r.exitCode}: ${r.stderr.slice(0, 400)}`);
    kb.push(r.timeKb);
  }
  const a = median(kb);
  const h = median(helloKb);
  return {
    section: SECTION,
    name: "peak RSS, `validate examples/site.yaml` vs hello world",
    measured: `${(a / h).toFixed(2)}× (${kbText(a)} vs ${kbText(h)})`,
    n: `${runs} + ${runs}`,
    target: `≤ ${VALIDATE_LIMIT}× hello world`,
    ...atMost(a / h, VALIDATE_LIMIT, (d) => `${d.toFixed(2)}×`),
    data: { ratio: a / h, agentKb: a, helloKb: h, runs: kb },
  };
}
