// The release metadata next to the binaries: SHA256SUMS (sha256sum's format) and manifest.json. Rendering is
// pure; only gitRevision() looks outside.
import { $ } from "dax-sh";
import type { Target, TargetTraits } from "./targets.ts";

/** One binary as listed in manifest.json. */
export interface BinaryEntry {
  target: Target;
  file: string;
  size: number;
  sha256: string;
  /** How it was built: `bun` (bun build --compile) or `node-sea` (a Node.js single executable application). */
  builder?: TargetTraits["builder"];
  /** Whether the test suite runs this binary as shipped, and how; or, when it does not, why not. */
  tested?: TargetTraits["tested"];
}

/** The shape of dist/manifest.json. */
export interface Manifest {
  version: string;
  /** The commit the inputs match, with `-dirty` when they differ from it; null outside a git checkout. */
  gitRevision: string | null;
  /** When the newest of the listed binaries was built (ISO 8601). */
  builtAt?: string;
  binaries: BinaryEntry[];
}

/** Renders the lines `sha256sum -c` checks: `<hex>  <file>` (two spaces: binary-safe text mode). */
export function renderSha256Sums(binaries: readonly BinaryEntry[]): string {
  return binaries.map((binary) => `${binary.sha256}  ${binary.file}\n`).join("");
}

/** Renders manifest.json with a trailing newline. */
export function renderManifest(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + "\n";
}

/** The latest of some ISO timestamps, or undefined when there are none. */
export function latest(timestamps: readonly string[]): string | undefined {
  return [...timestamps].sort().at(-1);
}

/**
 * HEAD's commit, marked `-dirty` if any of `inputs` differ from it; null when git or the repository is
 * missing (e.g. a source tarball). Only inputs count, because others edit unrelated files at the same time.
 */
export async function gitRevision(repoRoot: string, inputs: readonly string[]): Promise<string | null> {
  const head = await $`git rev-parse HEAD`.cwd(repoRoot).quiet().noThrow();
  if (head.code !== 0) return null;
  const status = await $`git status --porcelain -- ${inputs}`.cwd(repoRoot).quiet().noThrow();
  const dirty = status.code !== 0 || status.stdout.trim() !== "";
  return `${head.stdout.trim()}${dirty ? "-dirty" : ""}`;
}
