// Known secrets (a PSK network's passphrase from `{ env }`, the WPS credential the fake AP hands over)
// must appear in the <id>.conf targets and nowhere else: not in any descendant's argv while the agent runs,
// not on stdout or stderr (with or without --quiet, with events), not in any other file the run writes.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join, relative } from "node:path";
import { FAKE_WPA_CLI, FAKE_WPA_SUPPLICANT, REPLAY_DIR } from "../helpers/replay.ts";
import { derivePskHex } from "../../src/config/psk.ts";
import { spawnAgent } from "../faults/support.ts";
import { watchTree } from "./proc_watch.ts";

const PASS = "Sekrit-Env-Passphrase-4711";
const SSID = "OfficeNet";
// The credential of creds.log's first enrolment (tests/fixtures/transcripts/creds.log), replayed by "success".
const CRED_HEX =
  "100e00451026000101104500064c61624e6574100300020020100f000200081027001c636f727265637420686f727365206261747465727920737461706c6510200006020000000200";
const CRED_KEY = "correct horse battery staple";
const hexOf = (s: string) => Buffer.from(s).toString("hex");

async function secrets(): Promise<string[]> {
  const enc = new TextEncoder();
  return [
    PASS,
    await derivePskHex(enc.encode(PASS), enc.encode(SSID)),
    CRED_HEX,
    CRED_KEY,
    hexOf(CRED_KEY),
    hexOf(PASS),
  ];
}

const YAML = `version: 1
interface: wlan0
networks:
  - id: office
    method: psk
    ssid: ${SSID}
    passphrase: { env: WIFIPROV_SECRET_PASS }
  - id: home
    method: wps-pbc
    ssid: LabNet
`;

/** Every file under `dir` except the config targets, as text (reads snapshots taken while the run went on). */
async function filesUnder(dir: string, skip: (rel: string) => boolean): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    if (skip(relative(dir, full))) continue;
    out.set(full, await fs.readFile(full, "latin1").catch(() => ""));
  }
  return out;
}

/** A config target, its backup, or the writer's temp file for one: the places a secret belongs. */
const isTarget = (rel: string) => /^out\/\.?[a-z0-9_-]+\.conf(?:\.bak|\.tmp-[0-9a-f-]+)?$/.test(rel);
/**
 * The fake supplicant's own directory (FAKE_WPA_STATE) stands for the daemon's memory and its control socket
 * traffic: it holds the keys it was given and the events it sent, as the real daemon does, and the agent
 * writes nothing there. Argv is checked through /proc instead.
 */
const isSupplicantSide = (rel: string) => rel.startsWith("state/");
const skipped = (rel: string) => isTarget(rel) || isSupplicantSide(rel);

async function runWatched(extra: string[]) {
  const root = await fs.mkdtemp("/tmp/wifiprov-secrets-");
  for (const d of ["state", "out", "tmp"]) await fs.mkdir(join(root, d));
  await fs.writeFile(join(root, "site.yaml"), YAML);
  // The report and event files land under root too, so the file scan covers them.
  const args = [
    "provision",
    join(root, "site.yaml"),
    "--output-dir",
    join(root, "out"),
    "--ctrl-dir",
    join(root, "ctrl"),
    "--report-file",
    join(root, "report.json"),
    ...extra.map((a) => (a === "EVENTS" ? join(root, "events.ndjson") : a)),
  ];
  const agent = spawnAgent([...args, "--wpa-cli", FAKE_WPA_CLI, "--wpa-supplicant", FAKE_WPA_SUPPLICANT], {
    WIFIPROV_SECRET_PASS: PASS,
    FAKE_WPA_SCENARIO: join(REPLAY_DIR, "success.json"),
    FAKE_WPA_STATE: join(root, "state"),
    TMPDIR: join(root, "tmp"), // the scratch supplicant config goes here, where it can be scanned
  });
  const watch = watchTree(agent.pid);
  // Files that exist only during the run (the scratch config) are read while it runs.
  const during = new Map<string, string>();
  const poll = setInterval(async () => {
    // A folder can vanish between listing and reading it (the agent removes its scratch folder): that poll
    // is skipped; the next one, and the final walk after exit, still see everything that remains.
    const files = await filesUnder(root, skipped).catch(() => new Map<string, string>());
    for (const [k, v] of files) during.set(k, v);
  }, 20);
  const exit = await agent.exited;
  clearInterval(poll);
  const seen = watch.stop();
  for (const [k, v] of await filesUnder(root, skipped)) during.set(k, v);
  return { root, exit, seen, files: during, pid: agent.pid };
}

function assertAbsent(where: string, text: string, list: string[]): void {
  for (const s of list) assert.ok(!text.includes(s), `${where} holds the secret ${JSON.stringify(s)}`);
}

describe("secrets stay in the config files", () => {
  for (
    const extra of [[], ["--quiet"], ["--events", "ndjson"], [
      "--events",
      "ndjson",
      "--events-file",
      "EVENTS",
    ]]
  ) {
    it(`never reach argv, output or other files (${extra.join(" ") || "defaults"})`, async () => {
      const list = await secrets();
      const run = await runWatched(extra);
      assert.equal(run.exit.code, 0, run.exit.stderr);
      assert.ok(run.seen.argv.size >= 3, `watched ${run.seen.argv.size} processes`);
      for (const [pid, argv] of run.seen.argv) {
        assertAbsent(`argv of pid ${pid} (${argv.trim().slice(0, 80)})`, argv, list);
      }
      assertAbsent("stdout", run.exit.stdout, list);
      assertAbsent("stderr", run.exit.stderr, list);
      assert.ok(run.files.size >= 2, [...run.files.keys()].join(", "));
      for (const [path, text] of run.files) assertAbsent(path, text, list);
      assert.ok(run.files.has(join(run.root, "report.json")));
      if (extra.includes("--events-file")) assert.ok(run.files.has(join(run.root, "events.ndjson")));
      // And the targets do hold them: the scan above looked at the right runs.
      assert.match(await fs.readFile(join(run.root, "out/office.conf"), "utf8"), new RegExp(PASS));
      assert.match(await fs.readFile(join(run.root, "out/home.conf"), "utf8"), new RegExp(CRED_KEY));
    });
  }

  it("does not hand the {env} secret down to wpa_cli or a wpa_supplicant it starts (it would live on in the daemon)", async () => {
    const run = await runWatched(["--quiet"]);
    assert.equal(run.exit.code, 0, run.exit.stderr);
    const children = [...run.seen.environ].filter(([pid]) => pid !== run.pid);
    assert.ok(children.length >= 1);
    for (const [pid, env] of children) {
      assertAbsent(`environment of pid ${pid} (${run.seen.argv.get(pid)?.trim().slice(0, 80)})`, env, [PASS]);
    }
  });
});
