// Builds the release binaries from main.ts with Bun into dist/ (one per target), plus SHA256SUMS and
// manifest.json. Usage: deno run -A scripts/dist.ts [--target linux-x64[,...]] [--force] [--out-dir dist]
import { createHash } from "node:crypto";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { VERSION } from "../src/version.ts";
import { buildTarget, currentStamp, type TargetResult } from "./dist/build.ts";
import { BUILD_FLAGS, bunVersion, resolveBun } from "./dist/bun.ts";
import { inputFingerprint, INPUTS, removeStamp } from "./dist/fingerprint.ts";
import { acquireLock } from "./dist/lock.ts";
import { gitRevision, latest, type Manifest, renderManifest, renderSha256Sums } from "./dist/release.ts";
import { seaFingerprintParts } from "./dist/node_sea.ts";
import { binaryName, parseTargets, type Target, TARGETS, TRAITS } from "./dist/targets.ts";

/** The repository root, found from this file so the script works from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));

/** What to build and where. */
export interface DistOptions {
  targets: readonly Target[];
  force: boolean;
  outDir: string;
  /** The checkout whose main.ts and sources are built (default: this one); tests point it at a fixture. */
  sourceRoot?: string;
}

/** What a run left in dist/: every current binary (requested or kept from before) and the manifest. */
export interface DistResult {
  results: TargetResult[];
  manifest: Manifest;
}

/** Builds the requested targets and rewrites SHA256SUMS and manifest.json for all current binaries. */
export async function buildDist(options: DistOptions): Promise<DistResult> {
  const outDir = resolve(REPO_ROOT, options.outDir);
  const stampDir = join(outDir, ".build");
  await mkdir(outDir, { recursive: true });
  await using _lock = await acquireLock(join(stampDir, "lock"));
  await removeLeftovers(outDir);
  const sourceRoot = options.sourceRoot ?? REPO_ROOT;
  const bun = resolveBun(REPO_ROOT);
  const base = await inputFingerprint(sourceRoot, [await bunVersion(bun), ...BUILD_FLAGS]);
  // A Node SEA also depends on the pinned Node builds and postject; a Bun binary does not.
  const sea = seaFingerprintParts().join("\0");
  const fingerprintOf = (target: Target) =>
    createHash("sha256").update(
      `${base}\0${target}${TRAITS[target].builder === "node-sea" ? `\0${sea}` : ""}`,
    )
      .digest("hex");
  const entry = join(sourceRoot, "main.ts");
  const context = { bun, entry, outDir, stampDir, version: VERSION, force: options.force };

  const results: TargetResult[] = [];
  for (const target of TARGETS) {
    if (options.targets.includes(target)) {
      results.push(await buildTarget(context, target, fingerprintOf(target)));
      continue;
    }
    const kept = await keepOrRemove(context, target, fingerprintOf(target));
    if (kept) results.push(kept);
  }
  const manifest = await writeReleaseFiles(outDir, results, await gitRevision(sourceRoot, INPUTS));
  return { results, manifest };
}

// An interrupted build (Ctrl-C skips `finally`) leaves its ~100 MB temporary binary behind; holding the lock,
// no other build can be writing one now.
async function removeLeftovers(outDir: string): Promise<void> {
  const leftovers = (await readdir(outDir)).filter((name) => /^\.wifiprov-.+\.tmp-\d+$/.test(name));
  await Promise.all(leftovers.map((name) => rm(join(outDir, name), { force: true })));
}

// A binary of a target not asked for stays if it is current; one built from other sources is removed, so that
// dist/, SHA256SUMS and manifest.json always describe one consistent set of sources.
async function keepOrRemove(
  context: { outDir: string; stampDir: string },
  target: Target,
  fingerprint: string,
): Promise<TargetResult | undefined> {
  const file = binaryName(target);
  const stamp = await currentStamp(context, target, fingerprint);
  if (stamp) return { target, file, stamp, rebuilt: false };
  const path = join(context.outDir, file);
  if (await stat(path).then(() => true, () => false)) {
    console.error(
      `Removing ${relative(REPO_ROOT, path)}: built from other sources (rebuild with --target ${target})`,
    );
  }
  await rm(path, { force: true });
  await removeStamp(context.stampDir, file);
  return undefined;
}

async function writeReleaseFiles(
  outDir: string,
  results: readonly TargetResult[],
  gitRevision: string | null,
): Promise<Manifest> {
  const binaries = results.map(({ target, file, stamp }) => ({
    target,
    file,
    size: stamp.size,
    sha256: stamp.sha256,
    builder: TRAITS[target].builder,
    tested: TRAITS[target].tested,
  }));
  const builtAt = latest(results.map((result) => result.stamp.builtAt));
  const manifest: Manifest = {
    version: VERSION,
    gitRevision,
    ...(builtAt === undefined ? {} : { builtAt }),
    binaries,
  };
  await writeAtomically(join(outDir, "SHA256SUMS"), renderSha256Sums(binaries));
  await writeAtomically(join(outDir, "manifest.json"), renderManifest(manifest));
  return manifest;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

function printSummary({ results, manifest }: DistResult, outDir: string): void {
  for (const { target, file, stamp, rebuilt } of results) {
    const size = `${(stamp.size / 1e6).toFixed(1)} MB`.padStart(9);
    const how = rebuilt ? `built in ${(stamp.buildMs / 1000).toFixed(1)} s` : "up to date";
    console.error(`${target.padEnd(17)} ${size}  ${how.padEnd(16)} ${join(outDir, file)}`);
  }
  console.error(`wifiprov ${manifest.version} (${manifest.gitRevision ?? "no git revision"}): ${outDir}/`);
}

const USAGE = `Usage: deno run -A scripts/dist.ts [options]

Builds dist/wifiprov-<target>, dist/SHA256SUMS and dist/manifest.json from main.ts.

Options:
  --target <list>   targets to build, repeatable or comma-separated (default: all)
                    ${TARGETS.join(", ")}
  --force           rebuild even if the binaries are up to date
  --out-dir <dir>   output folder, relative to the repository (default: dist)
  -h, --help        show this help
`;

async function main(args: string[]): Promise<number> {
  let parsed, targets;
  try {
    parsed = parseArgs({
      args,
      options: {
        target: { type: "string", multiple: true, default: [] },
        force: { type: "boolean", default: false },
        "out-dir": { type: "string", default: "dist" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    targets = parseTargets(parsed.values.target);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const outDir = parsed.values["out-dir"];
  const result = await buildDist({ targets, force: parsed.values.force, outDir });
  printSummary(result, outDir);
  return 0;
}

if (import.meta.main) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    console.error(`dist: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
