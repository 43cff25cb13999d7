// Faults of the disk: a read-only output directory and a full one (real tmpfs mounts, so root bypassing
// file modes does not hide anything). Each run must print its report, keep existing configs byte-identical
// and leave no temp file or lock behind. Needs root (mount); skipped otherwise.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { EXISTING_CONF, makeWorkspace, runCli, snapshot, stackLines } from "../hostile/support.ts";
import { leftovers } from "./support.ts";

const PSK_YAML = (id: string) =>
  `version: 1\nnetworks:\n  - id: ${id}\n    method: psk\n    ssid: HomeNet\n    passphrase: "correct horse battery"\n`;
const isRoot = process.getuid?.() === 0;
const mounted: string[] = [];

/** A tmpfs of `size` holding home.conf and a sentinel, as the output directory. */
async function tmpfsOut(size: string): Promise<{ root: string; out: string }> {
  const ws = await makeWorkspace("wifiprov-disk-");
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size},mode=0755`, "tmpfs", ws.out]);
  mounted.push(ws.out);
  await fs.writeFile(join(ws.out, "home.conf"), EXISTING_CONF, { mode: 0o600 });
  await fs.writeFile(join(ws.out, "sentinel.txt"), "do not touch\n");
  return ws;
}

/** Fills the rest of the filesystem at `dir` with a filler file. */
async function fill(dir: string): Promise<void> {
  const handle = await fs.open(join(dir, "filler"), "w");
  try {
    for (;;) await handle.write(new Uint8Array(1024));
  } catch (e) {
    if ((e as { code?: string }).code !== "ENOSPC") throw e;
  } finally {
    await handle.close();
  }
}

async function provision(ws: { root: string; out: string }, id: string) {
  const file = join(ws.root, "site.yaml");
  await fs.writeFile(file, PSK_YAML(id));
  return await runCli([
    "provision",
    file,
    "--force",
    "--output-dir",
    ws.out,
    "--wpa-cli",
    "/nonexistent/wpa_cli",
  ]);
}

describe("provision when the disk fails", { skip: isRoot ? false : "needs root to mount tmpfs" }, () => {
  after(() => {
    for (const m of mounted) execFileSync("umount", ["-l", m]);
  });

  it("exits 3 with a report for a read-only output directory and changes nothing", async () => {
    const ws = await tmpfsOut("1m");
    execFileSync("mount", ["-o", "remount,ro", ws.out]);
    const before = await snapshot(ws.out);
    const run = await provision(ws, "home");
    assert.deepEqual(stackLines(run.stderr), []);
    assert.equal(run.code, 3, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.error.reason, "output-dir-unwritable");
    assert.match(report.error.message, /read-only file system/);
    assert.equal(report.networks[0].status, "not-run");
    assert.deepEqual(await snapshot(ws.out), before);
  });

  it("reports a full disk when the config cannot be written, keeping the old file", async () => {
    // 3 pages: home.conf and the sentinel use two, the lock takes the last, the new config finds none.
    const ws = await tmpfsOut("12k");
    const before = await snapshot(ws.out);
    const run = await provision(ws, "home");
    assert.deepEqual(stackLines(run.stderr), []);
    assert.equal(run.code, 1, run.stderr);
    const net = JSON.parse(run.stdout).networks[0];
    assert.equal(net.status, "error");
    assert.match(net.message, /ENOSPC|no space/i);
    assert.deepEqual(await snapshot(ws.out), before);
    assert.deepEqual(await leftovers(ws.out), []);
  });

  it("still prints a report when the disk is so full that not even the lock fits", async () => {
    const ws = await tmpfsOut("12k");
    await fill(ws.out);
    const before = await snapshot(ws.out);
    const run = await provision(ws, "fresh");
    assert.deepEqual(stackLines(run.stderr), []);
    assert.equal(run.code, 3, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.match(report.error.message, /ENOSPC|no space/i);
    assert.deepEqual(await snapshot(ws.out), before);
    assert.deepEqual(await leftovers(ws.out), []);
  });
});
