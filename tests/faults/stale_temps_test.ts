// Temp files a killed agent left in the output folder (`.<id>.conf.tmp-*`, holding a secret) are removed by
// the next run, only once it holds the folder's lock, and only files of wifiprov's own naming that it owns.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { makeWorkspace, runCli } from "../hostile/support.ts";
import { FAKE_WPA_CLI, FAKE_WPA_SUPPLICANT, REPLAY_DIR } from "../helpers/replay.ts";
import { commandsSent, spawnAgent, waitFor } from "./support.ts";

const PSK_YAML =
  'version: 1\nnetworks:\n  - id: office\n    method: psk\n    ssid: Office\n    passphrase: "office passphrase"\n';
const OURS = [
  ".home.conf.tmp-99999-0123abcd",
  ".home.conf.bak.tmp-99999-89abcdef",
  ".home.conf.bak-99999-0123abcd",
];
const NOT_OURS = [".home.conf.tmp-notours", "home.conf.tmp-1-0123abcd", ".report.json.tmp-1-0123abcd"];
const isRoot = process.getuid?.() === 0;

async function plant(dir: string, names: string[]): Promise<void> {
  for (const n of names) await fs.writeFile(join(dir, n), 'psk="left behind"\n', { mode: 0o600 });
}

describe("stale temp files in the output folder", () => {
  it("are removed by the next run: ours only", async () => {
    const ws = await makeWorkspace("wifiprov-stale-");
    await plant(ws.out, [...OURS, ...NOT_OURS]);
    if (isRoot) {
      await plant(ws.out, [".foreign.conf.tmp-1-0123abcd"]);
      await fs.chown(join(ws.out, ".foreign.conf.tmp-1-0123abcd"), 65534, 65534);
    }
    await fs.writeFile(join(ws.root, "site.yaml"), PSK_YAML);
    const run = await runCli(["provision", join(ws.root, "site.yaml"), "--output-dir", ws.out, "-q"]);
    assert.equal(run.code, 0, run.stderr);
    const left = await fs.readdir(ws.out);
    for (const n of OURS) assert.ok(!left.includes(n), `${n} is still there`);
    for (const n of NOT_OURS) assert.ok(left.includes(n), `${n} was removed`);
    if (isRoot) assert.ok(left.includes(".foreign.conf.tmp-1-0123abcd"), "another user's file was removed");
  });

  it("are left alone by a run that does not get the lock", async () => {
    const ws = await makeWorkspace("wifiprov-stale-lock-");
    const state = join(ws.root, "state");
    await fs.mkdir(state);
    await fs.writeFile(join(state, "supplicant-running"), "");
    await fs.writeFile(
      join(ws.root, "wps.yaml"),
      "version: 1\ninterface: wlan0\nnetworks:\n  - id: lab\n    method: wps-pbc\n    timeout: 60\n",
    );
    const env = { FAKE_WPA_SCENARIO: join(REPLAY_DIR, "wps_timeout.json"), FAKE_WPA_STATE: state };
    const first = spawnAgent([
      "provision",
      join(ws.root, "wps.yaml"),
      "--output-dir",
      ws.out,
      "--ctrl-dir",
      join(ws.root, "ctrl"),
      "--wpa-cli",
      FAKE_WPA_CLI,
      "--wpa-supplicant",
      FAKE_WPA_SUPPLICANT,
    ], env);
    await waitFor("wps_pbc", async () => (await commandsSent(state)).includes("wps_pbc"));
    // A temp file of the running agent's own naming: the second run must not take it away from under it.
    await plant(ws.out, [OURS[0]!]);
    await fs.writeFile(join(ws.root, "site.yaml"), PSK_YAML);
    const second = await spawnAgent(["provision", join(ws.root, "site.yaml"), "--output-dir", ws.out]).exited;
    assert.equal(second.code, 3, second.stderr);
    assert.ok((await fs.readdir(ws.out)).includes(OURS[0]!));
    process.kill(first.pid, "SIGINT");
    assert.equal((await first.exited).code, 130);
  });
});
