// Builds one target into dist/ unless its stamp says the binary there is current, and checks every new binary
// (ELF machine, loader, and `--version` when it runs on this host) before it replaces the old one.
import { $ } from "dax-sh";
import { rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { compile } from "./bun.ts";
import { readElfInfo } from "./elf.ts";
import { buildArmv7lSea } from "./node_sea.ts";
import { readStamp, sha256File, type Stamp, writeStamp } from "./fingerprint.ts";
import { binaryName, hostTarget, type Target, TRAITS } from "./targets.ts";

/** What a build step needs to know; the same for every target of one run. */
export interface BuildContext {
  bun: string;
  entry: string;
  outDir: string;
  stampDir: string;
  version: string;
  force: boolean;
}

/** The outcome for one target: its stamp, and whether this run compiled it. */
export interface TargetResult {
  target: Target;
  file: string;
  stamp: Stamp;
  rebuilt: boolean;
}

/** Returns the target's current binary, compiling it first if it is missing, stale or `force` is set. */
export async function buildTarget(
  context: BuildContext,
  target: Target,
  fingerprint: string,
): Promise<TargetResult> {
  const file = binaryName(target);
  const current = context.force ? undefined : await currentStamp(context, target, fingerprint);
  if (current) return { target, file, stamp: current, rebuilt: false };
  // Build beside the final file and rename: a failed or interrupted build never leaves a half binary.
  const temporary = join(context.outDir, `.${file}.tmp-${process.pid}`);
  try {
    const buildMs = TRAITS[target].builder === "node-sea"
      ? await buildArmv7lSea(context.bun, context.entry, temporary)
      : await compile(context.bun, context.entry, target, temporary);
    await verifyBinary(temporary, target, context.version);
    const stamp: Stamp = {
      fingerprint,
      sha256: await sha256File(temporary),
      size: (await stat(temporary)).size,
      builtAt: new Date().toISOString(),
      buildMs: Math.round(buildMs),
    };
    await rename(temporary, join(context.outDir, file));
    await writeStamp(context.stampDir, file, stamp);
    return { target, file, stamp, rebuilt: true };
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * The stamp of the binary in dist/ if it was built from exactly these inputs and is unchanged since (its
 * SHA-256 still matches); undefined otherwise.
 */
export async function currentStamp(
  context: Pick<BuildContext, "outDir" | "stampDir">,
  target: Target,
  fingerprint: string,
): Promise<Stamp | undefined> {
  const file = binaryName(target);
  const stamp = await readStamp(context.stampDir, file);
  if (stamp?.fingerprint !== fingerprint) return undefined;
  const sha256 = await sha256File(join(context.outDir, file)).catch(() => undefined);
  return sha256 === stamp.sha256 ? stamp : undefined;
}

/** Throws unless the binary is an ELF file for the target's CPU and libc, and prints `version` if runnable. */
export async function verifyBinary(path: string, target: Target, version: string): Promise<void> {
  const traits = TRAITS[target];
  const elf = await readElfInfo(path);
  if (elf.machine !== traits.machine || elf.bits !== traits.bits) {
    throw new Error(`Built "${path}" for ${elf.machine} (${elf.bits}-bit), expected ${traits.machine}`);
  }
  const musl = elf.interpreter?.includes("musl") ?? false;
  if (musl !== (traits.libc === "musl")) {
    throw new Error(`Built "${path}" with loader "${elf.interpreter}", expected a ${traits.libc} one`);
  }
  if (target !== hostTarget()) return;
  const printed = (await $`${path} --version`.env({ NO_COLOR: "1" }).timeout("30s").text()).trim();
  if (printed !== version) {
    throw new Error(`"${path} --version" printed "${printed}", expected "${version}" from src/version.ts`);
  }
}
