// Prepares running the arm64 glibc binary on an x64 host: qemu-user-static plus a private arm64 sysroot
// (libc6, libgcc-s1, libstdc++6 unpacked into .cache/arm64-root, never into /). Idempotent and cached.
import { $ } from "dax-sh";
import { lstatSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The Debian arm64 packages the Bun runtime needs to start (it links libstdc++ and libgcc_s dynamically). */
export const ARM64_PACKAGES = ["libc6:arm64", "libgcc-s1:arm64", "libstdc++6:arm64"] as const;

/** Where the sysroot goes by default: `.cache/` is git-ignored. */
export const DEFAULT_ARM64_ROOT = fileURLToPath(new URL("../../.cache/arm64-root", import.meta.url));

const QEMU = "qemu-aarch64-static";
// The dynamic loader is what qemu looks up under -L first; if it is there, the unpack completed.
const LOADER = "lib/ld-linux-aarch64.so.1";
const STAMP = ".wifiprov-arm64-root.json";
// Other sessions may run apt at the same time (the lab installs packages too): wait for the lock.
const APT = ["apt-get", "-o", "DPkg::Lock::Timeout=600"];
const APT_ENV = { DEBIAN_FRONTEND: "noninteractive" };

/**
 * Makes sure qemu-aarch64-static and the arm64 sysroot exist, and returns the command prefix that runs an
 * arm64 glibc program: `["qemu-aarch64-static", "-L", root]`.
 */
export async function arm64CommandPrefix(root: string = DEFAULT_ARM64_ROOT): Promise<string[]> {
  await ensureQemu();
  await ensureSysroot(root);
  return [QEMU, "-L", root];
}

async function ensureQemu(): Promise<void> {
  if (await $.commandExists(QEMU)) return;
  requireRoot(`install qemu-user-static (${QEMU} is missing)`);
  $.logStep("Installing", "qemu-user-static");
  await $`${APT} update`.env(APT_ENV);
  await $`${APT} install -y --no-install-recommends qemu-user-static`.env(APT_ENV);
  if (!(await $.commandExists(QEMU))) {
    throw new Error(`Installed qemu-user-static but "${QEMU}" is still not on PATH`);
  }
}

async function ensureSysroot(root: string): Promise<void> {
  if (await isComplete(root)) return;
  requireRoot(`download the arm64 libraries into "${root}"`);
  await ensureArm64Lists();
  // Unpack next to the final place and rename at the end, so an interrupted run never looks complete.
  const work = `${root}.tmp-${process.pid}`;
  await rm(work, { recursive: true, force: true });
  const debs = join(work, "debs");
  const tree = join(work, "root");
  await mkdir(debs, { recursive: true });
  $.logStep("Downloading", ARM64_PACKAGES.join(" "));
  // apt's sandbox user "_apt" cannot write into a root-owned folder; download as root instead.
  await $`apt-get -o APT::Sandbox::User=root download ${ARM64_PACKAGES}`.cwd(debs).env(APT_ENV);
  for (const deb of (await readdir(debs)).filter((name) => name.endsWith(".deb")).sort()) {
    await $`dpkg -x ${join(debs, deb)} ${tree}`;
  }
  if (!existsPath(join(tree, LOADER))) {
    throw new Error(`Unpacked the arm64 packages but "${LOADER}" is missing in "${tree}"`);
  }
  await writeFile(join(tree, STAMP), JSON.stringify({ packages: ARM64_PACKAGES }) + "\n");
  await rm(root, { recursive: true, force: true });
  await rename(tree, root);
  await rm(work, { recursive: true, force: true });
  $.logStep("Prepared", root);
}

async function isComplete(root: string): Promise<boolean> {
  if (!existsPath(join(root, LOADER))) return false;
  try {
    const stamp = JSON.parse(await readFile(join(root, STAMP), "utf8")) as { packages?: unknown };
    return JSON.stringify(stamp.packages) === JSON.stringify(ARM64_PACKAGES);
  } catch {
    return false;
  }
}

// apt only knows arm64 packages once the architecture is added and its package lists are fetched.
async function ensureArm64Lists(): Promise<void> {
  const foreign = await $`dpkg --print-foreign-architectures`.text();
  if (!foreign.split(/\s+/).includes("arm64")) {
    $.logStep("Adding", "dpkg architecture arm64");
    await $`dpkg --add-architecture arm64`;
    await $`${APT} update`.env(APT_ENV);
    return;
  }
  const known = await $`apt-cache show libc6:arm64`.quiet().noThrow();
  if (known.code !== 0) await $`${APT} update`.env(APT_ENV);
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
    throw new Error(`Need root to ${what}; run as root or prepare it once with "deno task setup:arm64"`);
  }
}

if (import.meta.main) {
  console.log(JSON.stringify(await arm64CommandPrefix()));
}
