// A provisioning run of a shipped binary against the fake wpa_cli that replays the recorded success
// transcript: proves the compiled binary's process plumbing (dax, the one-shot liveness ping, the
// interactive wpa_cli that carries the rest of the conversation).
import assert from "node:assert/strict";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { FAKE_WPA_CLI, FAKE_WPA_SUPPLICANT, REPLAY_DIR } from "../helpers/replay.ts";
import { describeRun, runBinary } from "./run_binary.ts";
import { tempDir } from "./support.ts";

/** `provision` on the replayed success writes a 0600 config and reports `provisioned`, one JSON document. */
export async function checkReplayedProvision(prefix: readonly string[]): Promise<void> {
  await using dir = await tempDir();
  const state = join(dir.path, "state");
  await mkdir(state);
  await writeFile(join(state, "supplicant-running"), "");
  const file = join(dir.path, "site.yaml");
  await writeFile(
    file,
    "version: 1\ninterface: wlan2\nnetworks:\n  - { id: home, method: wps-pbc, ssid: LabNet }\n",
  );
  const out = join(dir.path, "out");
  const args = ["provision", file, "--output-dir", out, "--ctrl-dir", join(dir.path, "ctrl")];
  const run = await runBinary(prefix, [
    ...args,
    "--wpa-cli",
    FAKE_WPA_CLI,
    "--wpa-supplicant",
    FAKE_WPA_SUPPLICANT,
  ], {
    env: { FAKE_WPA_SCENARIO: join(REPLAY_DIR, "success.json"), FAKE_WPA_STATE: state },
    timeoutMs: 120_000,
  });
  assert.equal(run.code, 0, describeRun(run));
  const report = JSON.parse(run.stdout);
  assert.equal(report.networks[0].status, "provisioned");
  assert.match(run.stderr, /home: /, "human progress goes to stderr");
  const conf = join(out, "home.conf");
  assert.equal((await stat(conf)).mode & 0o777, 0o600);
  assert.match(await readFile(conf, "utf8"), /^\tssid="LabNet"$/m);
  // One conversation: the liveness ping is the only one-shot call; wps_pbc went through the monitor's stdin.
  const oneShot = (await readFile(join(state, "commands.log"), "utf8")).trim().split("\n")
    .map((line) => (JSON.parse(line) as { argv: string[] }).argv.at(-1));
  assert.deepEqual(oneShot, ["ping"]);
  const stdin = await readFile(join(state, "stdin.log"), "utf8");
  assert.match(stdin, /"line":"wps_pbc"/);
}
