// Shared setup of the dist tests: building (or reusing) dist/, paths of binaries and fixtures, and
// temporary directories that remove themselves.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDist, type DistResult, REPO_ROOT } from "../../scripts/dist.ts";
import { binaryName, type Target, TARGETS } from "../../scripts/dist/targets.ts";

/** The folder the tests build into and check: the real dist/, so the shipped files are what is tested. */
export const DIST_DIR = join(REPO_ROOT, "dist");

/** Fixture files of the dist tests. */
export const FIXTURES = fileURLToPath(new URL("../fixtures/dist/", import.meta.url));

/**
 * Builds every target that is missing or stale (all four: the musl checks need theirs too) and returns what
 * dist/ holds. Cheap when nothing changed: the build compares input hashes first.
 */
export function ensureDist(): Promise<DistResult> {
  return buildDist({ targets: TARGETS, force: false, outDir: DIST_DIR });
}

/** The path of a target's binary in dist/. */
export function binaryPath(target: Target): string {
  return join(DIST_DIR, binaryName(target));
}

/** Creates an empty temporary directory, removed again on dispose. */
export async function tempDir(): Promise<AsyncDisposable & { path: string }> {
  const path = await mkdtemp(join(tmpdir(), "wifiprov-dist-test-"));
  return { path, [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }) };
}
