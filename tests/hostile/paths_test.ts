// Hostile paths around the provisioning run: the provisioning file itself, symlinks planted next to the
// targets (backup, lock, dangling target), and the one symlink that must keep working: the output directory.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { EXISTING_CONF, makeWorkspace, runCli, snapshot, stackLines } from "./support.ts";

const PSK_YAML = `version: 1
networks:
  - id: home
    method: psk
    ssid: HomeNet
    passphrase: "correct horse battery"
`;
const VICTIM = "a file the agent must never write\n";

async function provision(file: string, out: string, ...extra: string[]) {
  return await runCli([
    "provision",
    file,
    "--output-dir",
    out,
    "--wpa-cli",
    "/nonexistent/wpa_cli",
    ...extra,
  ]);
}

describe("provision with hostile paths", () => {
  it("keeps working through a symlinked output directory and writes a 0600 file in the real one", async () => {
    const ws = await makeWorkspace();
    const link = join(ws.root, "link");
    await fs.symlink(ws.out, link);
    const file = join(ws.root, "site.yaml");
    await fs.writeFile(file, PSK_YAML.replace("id: home", "id: fresh"));
    const run = await provision(file, link);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).networks[0].status, "provisioned");
    assert.equal((await fs.stat(join(ws.out, "fresh.conf"))).mode & 0o777, 0o600);
    assert.ok((await fs.lstat(link)).isSymbolicLink(), "the directory link itself is left alone");
    assert.equal(await fs.readFile(join(ws.out, "home.conf"), "utf8"), EXISTING_CONF);
  });

  const unreadable: [string, (root: string) => Promise<string>, string][] = [
    ["a missing file", (root) => Promise.resolve(join(root, "nope.yaml")), "no such file"],
    ["a directory", (root) => Promise.resolve(root), "not a regular file"],
    ["a device that never ends", () => Promise.resolve("/dev/zero"), "not a regular file"],
    ["a FIFO nobody writes to", (root) => {
      execFileSync("mkfifo", [join(root, "fifo.yaml")]);
      return Promise.resolve(join(root, "fifo.yaml"));
    }, "not a regular file"],
  ];
  for (const [name, make, fragment] of unreadable) {
    it(`refuses ${name} as the provisioning file with exit 2 and a clear message`, async () => {
      const ws = await makeWorkspace();
      const path = await make(ws.root);
      const before = await snapshot(ws.out);
      const run = await provision(path, ws.out);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stdout, "");
      assert.match(run.stderr, new RegExp(`^wifiprov: Cannot read provisioning file ".*": ${fragment}\\n$`));
      assert.deepEqual(await snapshot(ws.out), before);
    });
  }

  it("refuses a dangling symlink at the target and creates nothing where it points", async () => {
    const ws = await makeWorkspace();
    await fs.symlink(join(ws.root, "created-by-agent.txt"), join(ws.out, "fresh.conf"));
    const file = join(ws.root, "site.yaml");
    await fs.writeFile(file, PSK_YAML.replace("id: home", "id: fresh"));
    const before = await snapshot(ws.root);
    const run = await provision(file, ws.out);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /networks\[0\]\.id: ".*fresh\.conf" is a symbolic link; refusing to follow it/);
    assert.deepEqual(await snapshot(ws.root), before);
  });

  it("replaces a symlink planted at <id>.conf.bak instead of writing through it", async () => {
    const ws = await makeWorkspace();
    await fs.writeFile(join(ws.root, "victim.txt"), VICTIM);
    await fs.symlink(join(ws.root, "victim.txt"), join(ws.out, "home.conf.bak"));
    const file = join(ws.root, "site.yaml");
    await fs.writeFile(file, PSK_YAML);
    const run = await provision(file, ws.out, "--force");
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await fs.readFile(join(ws.root, "victim.txt"), "utf8"), VICTIM);
    assert.equal(await fs.readFile(join(ws.out, "home.conf.bak"), "utf8"), EXISTING_CONF);
    assert.ok(!(await fs.lstat(join(ws.out, "home.conf.bak"))).isSymbolicLink());
  });

  it("never writes through a symlink planted at the lock file", async () => {
    const ws = await makeWorkspace();
    await fs.writeFile(join(ws.root, "victim.txt"), VICTIM);
    await fs.symlink(join(ws.root, "victim.txt"), join(ws.out, ".wifiprov.lock"));
    const file = join(ws.root, "site.yaml");
    await fs.writeFile(file, PSK_YAML.replace("id: home", "id: fresh"));
    const run = await provision(file, ws.out);
    assert.deepEqual(stackLines(run.stderr), []);
    assert.ok(run.code === 0 || run.code === 3, `exit ${run.code}: ${run.stderr}`);
    assert.equal(await fs.readFile(join(ws.root, "victim.txt"), "utf8"), VICTIM);
  });
});
