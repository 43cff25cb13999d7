// buildDist's reuse rules: an unchanged binary is not rebuilt, a modified one or changed sources are, and a
// binary it cannot vouch for never ends up in the manifest. Builds linux-x64 only, from a tiny fixture
// checkout (so edits to the real src/ meanwhile cannot disturb it) into a temporary folder.
import assert from "node:assert/strict";
import { appendFile, copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildDist, REPO_ROOT } from "../../scripts/dist.ts";
import { tempDir } from "./support.ts";

// The fixture checkout's entry point: it only answers --version, which the build checks on the new binary.
const MAIN_TS = `import { VERSION } from "./src/version.ts";
if (process.argv.includes("--version")) console.log(VERSION);
`;

describe("buildDist", () => {
  let dir: AsyncDisposable & { path: string };
  let sourceRoot = "";
  let outDir = "";
  before(async () => {
    dir = await tempDir();
    sourceRoot = join(dir.path, "checkout");
    outDir = join(dir.path, "dist");
    await mkdir(join(sourceRoot, "src"), { recursive: true });
    await writeFile(join(sourceRoot, "main.ts"), MAIN_TS);
    await copyFile(join(REPO_ROOT, "src/version.ts"), join(sourceRoot, "src/version.ts"));
  });
  after(async () => {
    await dir[Symbol.asyncDispose]();
  });
  const build = () => buildDist({ targets: ["linux-x64"], force: false, outDir, sourceRoot });

  it("builds a missing binary and lists only what was built", async () => {
    const { results, manifest } = await build();
    assert.deepEqual(results.map((result) => [result.target, result.rebuilt]), [["linux-x64", true]]);
    assert.deepEqual(manifest.binaries.map((binary) => binary.file), ["wifiprov-linux-x64"]);
  });

  it("reuses the binary when nothing changed", async () => {
    const { results } = await build();
    assert.equal(results[0]?.rebuilt, false);
  });

  it("rebuilds a binary that was modified after the build", async () => {
    await appendFile(join(outDir, "wifiprov-linux-x64"), "tampered");
    const { results } = await build();
    assert.equal(results[0]?.rebuilt, true);
  });

  it("rebuilds when a source file changes", async () => {
    await writeFile(join(sourceRoot, "src/extra.ts"), "export const unused = 1;\n");
    const { results } = await build();
    assert.equal(results[0]?.rebuilt, true);
  });

  it("removes a binary of another target that it cannot vouch for", async () => {
    await writeFile(join(outDir, "wifiprov-linux-arm64"), "left over from an older build");
    const { manifest } = await build();
    assert.deepEqual(manifest.binaries.map((binary) => binary.target), ["linux-x64"]);
    const files = (await readdir(outDir)).filter((name) => !name.startsWith("."));
    assert.deepEqual(files.sort(), ["SHA256SUMS", "manifest.json", "wifiprov-linux-x64"]);
  });
});
