// dist/ as shipped: every binary is an ELF file for its CPU and libc (the musl ones cannot run here, so their
// headers are checked instead), and SHA256SUMS and manifest.json agree with the files, with VERSION and with
// how each binary is tested (the musl ones marked as never run).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { readElfInfo } from "../../scripts/dist/elf.ts";
import { binaryName, type Target, TARGETS, TRAITS } from "../../scripts/dist/targets.ts";
import { VERSION } from "../../src/version.ts";
import { binaryPath, DIST_DIR, ensureDist } from "./support.ts";

// Bun's runtime alone is ~100 MB and Node's armv7l build ~86 MB; far less means something else was built,
// far more means bloat.
const MIN_SIZE = 50e6;
const MAX_SIZE = 200e6;

// Computed here rather than with the build's own helper, so a bug there cannot hide itself.
async function sha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

describe("dist/ binaries", () => {
  before(async () => {
    await ensureDist();
  });

  for (const target of TARGETS) {
    const { machine, bits, libc } = TRAITS[target];
    it(`${binaryName(target)} is an executable for ${bits}-bit ${machine} with ${libc}, of plausible size`, async () => {
      const info = await stat(binaryPath(target));
      assert.ok(info.isFile() && (info.mode & 0o111) !== 0, "not an executable file");
      assert.ok(info.size > MIN_SIZE && info.size < MAX_SIZE, `unexpected size ${info.size}`);
      const elf = await readElfInfo(binaryPath(target));
      assert.equal(elf.machine, machine);
      assert.equal(elf.bits, bits);
      assert.match(elf.interpreter ?? "", libc === "musl" ? /\/ld-musl-/ : /\/ld-linux-/);
    });
  }
});

describe("dist/SHA256SUMS and dist/manifest.json", () => {
  const sums = new Map<string, string>();
  before(async () => {
    await ensureDist();
    for (const line of (await readFile(join(DIST_DIR, "SHA256SUMS"), "utf8")).split("\n").filter(Boolean)) {
      const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
      assert.ok(match, `malformed SHA256SUMS line: ${line}`);
      sums.set(match[2]!, match[1]!);
    }
  });

  it("lists every binary once, with its real SHA-256", async () => {
    assert.deepEqual([...sums.keys()].sort(), TARGETS.map(binaryName).sort());
    for (const [file, hash] of sums) assert.equal(await sha256(join(DIST_DIR, file)), hash, file);
  });

  it("has a manifest with VERSION, the git revision and every binary's size and hash", async () => {
    const manifest = JSON.parse(await readFile(join(DIST_DIR, "manifest.json"), "utf8"));
    assert.equal(manifest.version, VERSION);
    assert.match(manifest.gitRevision, /^[0-9a-f]{40}(-dirty)?$/);
    if (manifest.builtAt !== undefined) assert.ok(!Number.isNaN(Date.parse(manifest.builtAt)), "bad builtAt");
    assert.deepEqual(manifest.binaries.map((binary: { target: string }) => binary.target), [...TARGETS]);
    for (const binary of manifest.binaries) {
      assert.equal(binary.file, binaryName(binary.target));
      assert.equal(binary.size, (await stat(join(DIST_DIR, binary.file))).size, binary.file);
      assert.equal(binary.sha256, sums.get(binary.file), binary.file);
      assert.equal(binary.builder, TRAITS[binary.target as Target].builder, binary.file);
      assert.deepEqual(binary.tested, TRAITS[binary.target as Target].tested, binary.file);
    }
  });

  it("marks exactly the musl binaries as never run, with the reason", async () => {
    const manifest = JSON.parse(await readFile(join(DIST_DIR, "manifest.json"), "utf8"));
    const untested = manifest.binaries.filter((binary: { tested: { ran: boolean } }) => !binary.tested.ran);
    assert.deepEqual(untested.map((binary: { target: string }) => binary.target), [
      "linux-x64-musl",
      "linux-arm64-musl",
    ]);
    for (const binary of untested) assert.match(binary.tested.how, /never run: it needs libstdc\+\+/);
  });
});
