// The two binaries every comparison needs: the agent as shipped (dist/wifiprov-linux-x64, built through the
// project's own dist script) and a Bun-compiled hello world built with the same Bun and the same flags.
import { $ } from "dax-sh";
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { currentStamp } from "../dist/build.ts";
import { BUILD_FLAGS, bunVersion, compile, resolveBun } from "../dist/bun.ts";
import { inputFingerprint } from "../dist/fingerprint.ts";

/** The repository this script belongs to. */
export const REPO_ROOT: string = fileURLToPath(new URL("../..", import.meta.url));
/** Git-ignored scratch space of the benchmark (the hello world, temp plans). */
export const BENCH_CACHE: string = join(REPO_ROOT, ".cache", "bench");
/** The shipped x64 binary the lab and the comparisons run. */
export const AGENT_BINARY: string = join(REPO_ROOT, "dist", "wifiprov-linux-x64");

const HELLO_SOURCE = fileURLToPath(new URL("./hello.ts", import.meta.url));

/** What was measured, so the table can say which build it is about. */
export interface Binaries {
  agent: string;
  hello: string;
  bunVersion: string;
  /** False when dist/ holds a binary built from other sources than the working tree's. */
  agentCurrent: boolean;
}

async function exists(path: string): Promise<boolean> {
  return await stat(path).then(() => true, () => false);
}

/**
 * Makes sure dist/wifiprov-linux-x64 exists, building it with the dist script when it is missing or when
 * `rebuild` is set (the dist script then also drops other targets' binaries that are stale, its own rule,
 * which is why that is not the default while others may be testing those binaries).
 */
export async function ensureAgent(rebuild: boolean): Promise<string> {
  if (rebuild || !(await exists(AGENT_BINARY))) {
    console.error("bench: building dist/wifiprov-linux-x64 (no-op when it is up to date)");
    await $`deno run -A ${join(REPO_ROOT, "scripts/dist.ts")} --target linux-x64`.cwd(REPO_ROOT)
      .env("DENO_NO_UPDATE_CHECK", "1");
  }
  return AGENT_BINARY;
}

/**
 * Whether dist/wifiprov-linux-x64 was built from the sources as they are now, by the dist script's own
 * fingerprint (the same inputs and formula as scripts/dist.ts), so the table can flag a stale binary.
 */
export async function agentIsCurrent(): Promise<boolean> {
  const base = await inputFingerprint(REPO_ROOT, [await bunVersion(resolveBun(REPO_ROOT)), ...BUILD_FLAGS]);
  const fingerprint = createHash("sha256").update(`${base}\0linux-x64`).digest("hex");
  const outDir = join(REPO_ROOT, "dist");
  return (await currentStamp({ outDir, stampDir: join(outDir, ".build") }, "linux-x64", fingerprint)) !==
    undefined;
}

/**
 * A build output in the bench cache, rebuilt only when `keyParts` (its inputs: toolchain, flags, source)
 * changed: `build(temporaryPath)` writes it, then it is renamed into place and its key stamped.
 */
export async function cachedBuild(
  name: string,
  keyParts: unknown,
  what: string,
  build: (temporaryPath: string) => Promise<unknown>,
): Promise<string> {
  const key = createHash("sha256").update(JSON.stringify(keyParts)).digest("hex");
  const path = join(BENCH_CACHE, name);
  const stampPath = `${path}.key`;
  const cached = await readFile(stampPath, "utf8").catch(() => "");
  if (cached === key && (await exists(path))) return path;
  console.error(`bench: building ${what}`);
  await mkdir(BENCH_CACHE, { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    await build(temporary);
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
  await writeFile(stampPath, key);
  return path;
}

/** dist/wifiprov-<target>, built with `deno task dist --target` when it is missing. */
export async function ensureDistBinary(target: string): Promise<string> {
  const path = join(REPO_ROOT, "dist", `wifiprov-${target}`);
  if (!(await exists(path))) {
    console.error(`bench: building dist/wifiprov-${target}`);
    await $`deno run -A ${join(REPO_ROOT, "scripts/dist.ts")} --target ${target}`.cwd(REPO_ROOT)
      .env("DENO_NO_UPDATE_CHECK", "1");
  }
  return path;
}

/** Builds the hello world unless the cached one was built from the same source, Bun and flags. */
export async function ensureHello(): Promise<{ path: string; bunVersion: string }> {
  const bun = resolveBun(REPO_ROOT);
  const version = await bunVersion(bun);
  const keyParts = [version, BUILD_FLAGS, await readFile(HELLO_SOURCE, "utf8")];
  const path = await cachedBuild(
    "hello-linux-x64",
    keyParts,
    `the hello world with Bun ${version}`,
    (out) => compile(bun, HELLO_SOURCE, "linux-x64", out),
  );
  return { path, bunVersion: version };
}

/** Both binaries, built as needed. */
export async function ensureBinaries(rebuild: boolean): Promise<Binaries> {
  const agent = await ensureAgent(rebuild);
  const hello = await ensureHello();
  return { agent, hello: hello.path, bunVersion: hello.bunVersion, agentCurrent: await agentIsCurrent() };
}
