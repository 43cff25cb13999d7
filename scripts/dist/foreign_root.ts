// Prepares running a foreign-CPU glibc binary on an x64 host: qemu-user-static plus a private Debian sysroot
// (the C and C++ runtime packages unpacked into .cache/<arch>-root, never into /). Idempotent and cached.
import { $ } from "dax-sh";
import { lstatSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A Debian architecture whose binaries the tests run under qemu-user. */
export type ForeignArch = "arm64" | "armhf";

/** What running one architecture needs: the emulator, the packages of its sysroot, its dynamic loader. */
export interface ForeignSpec {
  /** The qemu-user-static program (Debian's qemu-user-static package ships both). */
  qemu: string;
  /** Debian packages unpacked into the sysroot: what the shipped binary links dynamically. */
  packages: readonly string[];
  /** The loader's path inside the sysroot; qemu looks it up under -L first, so its presence marks a complete unpack. */
  loader: string;
}

/** Per architecture: Bun (arm64) links libstdc++ and libgcc_s; Node.js (armhf) also libatomic. */
export const FOREIGN: Readonly<Record<ForeignArch, ForeignSpec>> = {
  arm64: {
    qemu: "qemu-aarch64-static",
    packages: ["libc6:arm64", "libgcc-s1:arm64", "libstdc++6:arm64"],
    loader: "lib/ld-linux-aarch64.so.1",
  },
  armhf: {
    qemu: "qemu-arm-static",
    packages: ["libc6:armhf", "libgcc-s1:armhf", "libstdc++6:armhf", "libatomic1:armhf"],
    loader: "lib/ld-linux-armhf.so.3",
  },
};

/** Where an architecture's sysroot goes by default: `.cache/` is git-ignored. */
export function defaultRoot(arch: ForeignArch): string {
  return fileURLToPath(new URL(`../../.cache/${arch}-root`, import.meta.url));
}

const STAMP = ".wifiprov-foreign-root.json";
// Other sessions may run apt at the same time (the lab installs packages too): wait for the lock.
const APT = ["apt-get", "-o", "DPkg::Lock::Timeout=600"];
const APT_ENV = { DEBIAN_FRONTEND: "noninteractive" };

/**
 * Makes sure the emulator and the sysroot exist, and returns the command prefix that runs a glibc program of
 * that architecture, e.g. `["qemu-arm-static", "-L", root]`. Needs root (apt) the first time.
 */
export async function foreignCommandPrefix(arch: ForeignArch, root = defaultRoot(arch)): Promise<string[]> {
  const spec = FOREIGN[arch];
  await ensureQemu(spec.qemu);
  await ensureSysroot(arch, spec, root);
  return [spec.qemu, "-L", root];
}

/** The arm64 prefix, `["qemu-aarch64-static", "-L", root]`. */
export function arm64CommandPrefix(root = defaultRoot("arm64")): Promise<string[]> {
  return foreignCommandPrefix("arm64", root);
}

async function ensureQemu(qemu: string): Promise<void> {
  if (await $.commandExists(qemu)) return;
  requireRoot(`install qemu-user-static (${qemu} is missing)`);
  $.logStep("Installing", "qemu-user-static");
  await $`${APT} update`.env(APT_ENV);
  await $`${APT} install -y --no-install-recommends qemu-user-static`.env(APT_ENV);
  if (!(await $.commandExists(qemu))) {
    throw new Error(`Installed qemu-user-static but "${qemu}" is still not on PATH`);
  }
}

async function ensureSysroot(arch: ForeignArch, spec: ForeignSpec, root: string): Promise<void> {
  if (await isComplete(spec, root)) return;
  requireRoot(`download the ${arch} libraries into "${root}"`);
  await ensureLists(arch, spec.packages[0]!);
  // Unpack next to the final place and rename at the end, so an interrupted run never looks complete.
  const work = `${root}.tmp-${process.pid}`;
  await rm(work, { recursive: true, force: true });
  const debs = join(work, "debs");
  const tree = join(work, "root");
  await mkdir(debs, { recursive: true });
  $.logStep("Downloading", spec.packages.join(" "));
  // apt's sandbox user "_apt" cannot write into a root-owned folder; download as root instead.
  await $`apt-get -o APT::Sandbox::User=root download ${spec.packages}`.cwd(debs).env(APT_ENV);
  for (const deb of (await readdir(debs)).filter((name) => name.endsWith(".deb")).sort()) {
    await $`dpkg -x ${join(debs, deb)} ${tree}`;
  }
  if (!existsPath(join(tree, spec.loader))) {
    throw new Error(`Unpacked the ${arch} packages but "${spec.loader}" is missing in "${tree}"`);
  }
  await writeFile(join(tree, STAMP), JSON.stringify({ packages: spec.packages }) + "\n");
  await rm(root, { recursive: true, force: true });
  await rename(tree, root);
  await rm(work, { recursive: true, force: true });
  $.logStep("Prepared", root);
}

async function isComplete(spec: ForeignSpec, root: string): Promise<boolean> {
  if (!existsPath(join(root, spec.loader))) return false;
  try {
    const stamp = JSON.parse(await readFile(join(root, STAMP), "utf8")) as { packages?: unknown };
    return JSON.stringify(stamp.packages) === JSON.stringify(spec.packages);
  } catch {
    return false;
  }
}

// apt only knows a foreign architecture's packages once it is added and its package lists are fetched.
async function ensureLists(arch: ForeignArch, probe: string): Promise<void> {
  const foreign = await $`dpkg --print-foreign-architectures`.text();
  if (!foreign.split(/\s+/).includes(arch)) {
    $.logStep("Adding", `dpkg architecture ${arch}`);
    await $`dpkg --add-architecture ${arch}`;
  } else if (await knows(probe)) {
    return;
  }
  // `apt-get update` exits 100 when any one index fails (say a security mirror mid-sync) even though the
  // lists that matter arrived; what counts is whether apt now knows the packages.
  const update = await $`${APT} update`.env(APT_ENV).stdout("inherit").stderr("piped").noThrow();
  if (await knows(probe)) return;
  throw new Error(`apt-get update did not make "${probe}" known: ${update.stderr.trim().split("\n").at(-1)}`);
}

async function knows(probe: string): Promise<boolean> {
  return (await $`apt-cache show ${probe}`.quiet().noThrow()).code === 0;
}

// lstat, not exists: the loader is a symlink whose target only makes sense inside the sysroot.
function existsPath(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function requireRoot(what: string): void {
  if (process.getuid?.() !== 0) {
    throw new Error(`Need root to ${what}; run as root or prepare it once with "deno task setup:foreign"`);
  }
}

if (import.meta.main) {
  const wanted = process.argv.slice(2);
  const arches = (wanted.length > 0 ? wanted : Object.keys(FOREIGN)) as ForeignArch[];
  for (const arch of arches) {
    if (!(arch in FOREIGN)) throw new Error(`Unknown architecture "${arch}"; expected arm64 or armhf`);
    console.log(JSON.stringify(await foreignCommandPrefix(arch)));
  }
}
