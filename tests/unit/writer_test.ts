import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeConfig, WriteError } from "../../src/run/config_writer.ts";
import { observeDir } from "../../src/adapters/disk_facts.ts";
import { decideOutputDir } from "../../src/config/decide.ts";
import { SECRET_NOTICE } from "../../src/config/render.ts";

async function tempDir(): Promise<string> {
  return await fs.mkdtemp(join(tmpdir(), "wifiprov-writer-"));
}

describe("writeConfig", () => {
  it("creates <id>.conf with mode 0600 and leaves no temp file", async () => {
    const dir = await tempDir();
    const out = await writeConfig(dir, "home", "network={}\n", false);
    assert.deepEqual(out, { kind: "written", path: join(dir, "home.conf") });
    assert.equal((await fs.stat(join(dir, "home.conf"))).mode & 0o777, 0o600);
    assert.deepEqual(await fs.readdir(dir), ["home.conf"]);
  });

  it("reports an identical file as unchanged without rewriting it", async () => {
    const dir = await tempDir();
    await writeConfig(dir, "home", "same\n", false);
    const before = (await fs.stat(join(dir, "home.conf"))).ino;
    assert.equal((await writeConfig(dir, "home", "same\n", false)).kind, "unchanged");
    assert.equal((await fs.stat(join(dir, "home.conf"))).ino, before);
  });

  it("keeps a different existing file untouched without force", async () => {
    const dir = await tempDir();
    await fs.writeFile(join(dir, "home.conf"), "old\n", { mode: 0o600 });
    assert.equal((await writeConfig(dir, "home", "new\n", false)).kind, "conflict");
    assert.equal(await fs.readFile(join(dir, "home.conf"), "utf8"), "old\n");
  });

  it("never overwrites a .bak holding a hand-written file with a backup of its own output", async () => {
    const dir = await tempDir();
    const ours = (n: number) => `# ${SECRET_NOTICE}\nnetwork={ ${n} }\n`;
    await fs.writeFile(join(dir, "home.conf"), "the user's own file\n", { mode: 0o600 });
    await writeConfig(dir, "home", ours(1), true);
    const second = await writeConfig(dir, "home", ours(2), true);
    assert.equal(second.kind === "written" && second.backupPath, undefined);
    assert.equal(await fs.readFile(join(dir, "home.conf.bak"), "utf8"), "the user's own file\n");
    assert.equal(await fs.readFile(join(dir, "home.conf"), "utf8"), ours(2));
  });

  it("replaces with force and keeps the old file as .bak", async () => {
    const dir = await tempDir();
    await fs.writeFile(join(dir, "home.conf"), "old\n", { mode: 0o600 });
    const out = await writeConfig(dir, "home", "new\n", true);
    assert.equal(out.kind === "written" && out.backupPath, join(dir, "home.conf.bak"));
    assert.equal(await fs.readFile(join(dir, "home.conf"), "utf8"), "new\n");
    assert.equal(await fs.readFile(join(dir, "home.conf.bak"), "utf8"), "old\n");
    assert.deepEqual((await fs.readdir(dir)).sort(), ["home.conf", "home.conf.bak"]);
  });

  it("keeps the .bak of a world-readable old file at mode 0600 (it holds the old secret)", async () => {
    const dir = await tempDir();
    await fs.writeFile(join(dir, "home.conf"), 'network={\n\tpsk="old secret"\n}\n', { mode: 0o644 });
    await fs.chmod(join(dir, "home.conf"), 0o644);
    await writeConfig(dir, "home", "new\n", true);
    assert.equal((await fs.stat(join(dir, "home.conf.bak"))).mode & 0o777, 0o600);
    assert.match(await fs.readFile(join(dir, "home.conf.bak"), "utf8"), /old secret/);
  });

  it("never follows a symlink planted at the target", async () => {
    const dir = await tempDir();
    const victim = join(dir, "victim");
    await fs.writeFile(victim, "precious\n");
    await fs.symlink(victim, join(dir, "home.conf"));
    await assert.rejects(writeConfig(dir, "home", "evil\n", true), (e) => e instanceof WriteError);
    assert.equal(await fs.readFile(victim, "utf8"), "precious\n");
  });

  it("writes through a symlinked output directory", async () => {
    const real = await tempDir();
    const link = join(await tempDir(), "link");
    await fs.symlink(real, link);
    assert.equal(decideOutputDir(link, await observeDir(link)).kind, "ok");
    await writeConfig(link, "home", "x\n", false);
    assert.equal(await fs.readFile(join(real, "home.conf"), "utf8"), "x\n");
  });
});

describe("the output folder, observed and decided", () => {
  const verdict = async (dir: string) => decideOutputDir(dir, await observeDir(dir));

  it("refuses a world-writable directory as bad input", async () => {
    const dir = await tempDir();
    await fs.chmod(dir, 0o777);
    const r = await verdict(dir);
    assert.equal(r.kind === "invalid" && r.problem.path, "outputDir");
  });

  it("goes on with a missing directory, to be created, and creates nothing while deciding", async () => {
    const parent = await tempDir();
    const dir = join(parent, "a", "b");
    assert.deepEqual(await verdict(dir), { kind: "ok", create: true });
    assert.deepEqual(await fs.readdir(parent), []);
  });

  it("stops at a path that is a file", async () => {
    const dir = await tempDir();
    await fs.writeFile(join(dir, "f"), "");
    const r = await verdict(join(dir, "f"));
    assert.equal(r.kind === "environment" && r.reason, "output-dir-unusable");
  });

  it("leaves no probe file behind", async () => {
    const dir = await tempDir();
    assert.deepEqual(await verdict(dir), { kind: "ok", create: false });
    assert.deepEqual(await fs.readdir(dir), []);
  });
});
