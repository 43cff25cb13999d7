// Every command that talks to a supplicant takes the interface lock, and `provision --dry-run` reports a held
// one as the run would: a live agent holding `<lockdir>/wlan0.lock` makes `scan` and `provision --dry-run`
// exit 3 naming the interface, and `scan` then sends nothing to the supplicant.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { makeWorkspace } from "../hostile/support.ts";
import { FAKE_WPA_CLI, REPLAY_DIR } from "../helpers/replay.ts";
import { commandsSent, spawnAgent } from "./support.ts";

/** A workspace with a running fake supplicant and, when `held`, wlan0's lock held by this (live) process. */
async function workspace(held: boolean) {
  const ws = await makeWorkspace("wifiprov-iface-lock-");
  const state = join(ws.root, "state");
  const lockDir = join(ws.root, "lock");
  await fs.mkdir(state);
  await fs.mkdir(lockDir);
  await fs.writeFile(join(state, "supplicant-running"), "");
  if (held) await fs.writeFile(join(lockDir, "wlan0.lock"), `${process.pid}\n`);
  const env = { FAKE_WPA_SCENARIO: join(REPLAY_DIR, "wps_timeout.json"), FAKE_WPA_STATE: state };
  return { ...ws, state, lockDir, env, ctrl: join(ws.root, "ctrl") };
}

const scanArgs = (
  ws: { ctrl: string },
) => ["scan", "-i", "wlan0", "--ctrl-dir", ws.ctrl, "--wpa-cli", FAKE_WPA_CLI];

describe("scan takes the interface lock", () => {
  for (const how of ["WIFIPROV_LOCK_DIR", "--lock-dir"] as const) {
    it(`exits 3 naming the interface and sends nothing while a live run holds it (${how})`, async () => {
      const ws = await workspace(true);
      const args = how === "--lock-dir" ? [...scanArgs(ws), "--lock-dir", ws.lockDir] : scanArgs(ws);
      const env = how === "--lock-dir" ? ws.env : { ...ws.env, WIFIPROV_LOCK_DIR: ws.lockDir };
      const exit = await spawnAgent(args, env).exited;
      assert.equal(exit.code, 3, exit.stderr);
      assert.match(exit.stderr, /interface "wlan0"/);
      assert.equal(exit.stdout, "");
      assert.deepEqual(await commandsSent(ws.state), [], "no command reached the supplicant");
      assert.equal(await fs.readFile(join(ws.lockDir, "wlan0.lock"), "utf8"), `${process.pid}\n`);
    });
  }

  it("scans when the lock is free, and gives the lock back", async () => {
    const ws = await workspace(false);
    const exit = await spawnAgent(scanArgs(ws), { ...ws.env, WIFIPROV_LOCK_DIR: ws.lockDir }).exited;
    assert.equal(exit.code, 0, exit.stderr);
    assert.equal(JSON.parse(exit.stdout).interface, "wlan0");
    assert.ok((await commandsSent(ws.state)).includes("scan_results"));
    assert.deepEqual(await fs.readdir(ws.lockDir), []);
  });
});

describe("provision --dry-run reports a held interface lock", () => {
  it("exits 3 with the error reason locked, as the run would, and takes no lock itself", async () => {
    const ws = await workspace(true);
    await fs.writeFile(
      join(ws.root, "wps.yaml"),
      "version: 1\ninterface: wlan0\nnetworks:\n  - { id: home, method: wps-pbc }\n",
    );
    const args = ["provision", join(ws.root, "wps.yaml"), "--dry-run", "--force", "--output-dir", ws.out];
    const dry = await spawnAgent([...args, "--lock-dir", ws.lockDir], ws.env).exited;
    assert.equal(dry.code, 3, dry.stderr);
    const plan = JSON.parse(dry.stdout);
    assert.equal(plan.error.reason, "locked");
    assert.match(plan.error.message, /interface "wlan0"/);
    assert.deepEqual(plan.networks.map((n: { action: string }) => n.action), ["not-run"]);
    assert.deepEqual(await fs.readdir(ws.lockDir), ["wlan0.lock"]);
    assert.deepEqual(await commandsSent(ws.state), []);
  });

  it("does not count a lock whose agent is gone", async () => {
    const ws = await workspace(false);
    await fs.writeFile(join(ws.lockDir, "wlan0.lock"), "999999999\n"); // no such pid
    await fs.writeFile(
      join(ws.root, "wps.yaml"),
      "version: 1\ninterface: wlan0\nnetworks:\n  - { id: home, method: wps-pbc }\n",
    );
    const args = ["provision", join(ws.root, "wps.yaml"), "--dry-run", "--force", "--output-dir", ws.out];
    const dry = await spawnAgent([...args, "--lock-dir", ws.lockDir], ws.env).exited;
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(JSON.parse(dry.stdout).error, undefined);
    assert.equal(
      await fs.readFile(join(ws.lockDir, "wlan0.lock"), "utf8"),
      "999999999\n",
      "dry-run only reads",
    );
  });
});
