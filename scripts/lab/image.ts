// Builds (or reuses) the lab image of one wpa_supplicant generation: a Debian kernel plus a small initramfs
// with busybox, wpa_supplicant, hostapd, iw, their libraries and only the kernel modules the guest loads.
// Cached per generation under a key of package versions.
import $ from "dax-sh";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import { downloadDebs, ensureHostTools, extractDebs } from "./fetch.ts";
import { checkStagedVersion, installOverlay } from "./overlay.ts";
import { downloadSuitePackages, resolveSuitePackages, type SuiteApt, updateSuite } from "./suite_apt.ts";
import { debianMirror } from "./suite_apt.ts";
import { DEFAULT_VERSION, findVersion, GUEST_SUITE, type SupplicantVersion } from "./versions.ts";
import { progress } from "./log.ts";
import { GUEST_MODULES, moduleClosure, parseBuiltin, parseModulesDep, trimmedModulesDep } from "./modules.ts";
import { kernelRelease, type PinnedPackage, resolvePackages } from "./packages.ts";

/** Bump when the image layout changes in a way the package versions do not capture. */
const IMAGE_FORMAT = 2;
const INIT_SCRIPT = fileURLToPath(new URL("./guest/init.sh", import.meta.url));

/** The folder of the repository this script belongs to. */
export const REPO_ROOT: string = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
/** Where everything the lab downloads or builds lives (git-ignored via `.cache/`). */
export const LAB_CACHE: string = join(REPO_ROOT, ".cache", "lab");

/** A built image, ready to boot. */
export interface LabImage {
  dir: string;
  kernel: string;
  initramfs: string;
  kernelRelease: string;
  packages: PinnedPackage[];
  /** The wpa_supplicant generation inside. */
  supplicant: SupplicantVersion;
  /** Packages of that generation from its own suite (empty for the guest's suite). */
  versionPackages: PinnedPackage[];
}

/** Programs the guest runs; each is checked against the staged libraries before packing. */
const GUEST_PROGRAMS = [
  "sbin/wpa_supplicant",
  "sbin/wpa_cli",
  "usr/sbin/hostapd",
  "usr/sbin/hostapd_cli",
  "sbin/iw",
];
/** Parts of the unpacked packages the guest never needs. */
const PRUNE = [
  "boot",
  "lib/modules",
  "usr/share",
  "usr/lib/x86_64-linux-gnu/gconv",
  "etc",
  "lib/systemd",
  "var",
];

/** The cache key: package versions, module list, the /init script and the format version. */
export function imageKey(
  packages: readonly PinnedPackage[],
  initScript: string,
  versionPackages: readonly PinnedPackage[] = [],
): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ IMAGE_FORMAT, packages, GUEST_MODULES, initScript, versionPackages }));
  return hash.digest("hex").slice(0, 12);
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** The private apt of a generation from another suite, or undefined for the guest's own suite. */
function suiteApt(v: SupplicantVersion): SuiteApt | undefined {
  if (v.suite === GUEST_SUITE) return undefined;
  return { suite: v.suite, dir: join(LAB_CACHE, "apt", v.suite), mirror: debianMirror() };
}

/** What `wpasupplicant` of a version needs from its suite. */
function versionPackageNames(v: SupplicantVersion): string[] {
  return ["wpasupplicant", ...v.libraries];
}

/** Returns the cached image for a wpa_supplicant generation, building it first when missing. */
export async function ensureImage(version: string = DEFAULT_VERSION): Promise<LabImage> {
  const supplicant = findVersion(version);
  await ensureHostTools();
  progress(`resolving guest package versions with apt-cache (wpa_supplicant ${version})`);
  const packages = await resolvePackages();
  const apt = suiteApt(supplicant);
  const forWhat = `wpa_supplicant ${version}`;
  if (apt !== undefined) await updateSuite(apt, forWhat);
  const resolveVersion = async () =>
    apt === undefined ? [] : await resolveSuitePackages(apt, versionPackageNames(supplicant), forWhat);
  let image = await describeImage(packages, supplicant, await resolveVersion());
  // manifest.json is written last, so its presence means a complete build.
  if (await exists(join(image.dir, "manifest.json"))) {
    progress(`using cached image ${image.dir} (kernel ${image.kernelRelease}, wpa_supplicant ${version})`);
    return image;
  }
  const debDir = join(LAB_CACHE, "debs");
  if (apt !== undefined) {
    await Deno.mkdir(debDir, { recursive: true });
    const fetchVersion = (pinned: readonly PinnedPackage[]) =>
      downloadDebs(pinned, debDir, (missing) => downloadSuitePackages(apt, missing, debDir, forWhat));
    // Cached lists go stale (sid moves daily and old versions leave the archive): refresh once and retry.
    await fetchVersion(image.versionPackages).catch(async (e) => {
      progress(`${(e as Error).message}; fetching the ${apt.suite} lists again`);
      await updateSuite(apt, forWhat, true);
      image = await describeImage(packages, supplicant, await resolveVersion());
      await fetchVersion(image.versionPackages);
    });
  }
  if (await exists(join(image.dir, "manifest.json"))) return image;
  await buildImage(image);
  return image;
}

async function describeImage(
  packages: PinnedPackage[],
  supplicant: SupplicantVersion,
  versionPackages: PinnedPackage[],
): Promise<LabImage> {
  const key = imageKey(packages, await Deno.readTextFile(INIT_SCRIPT), versionPackages);
  const dir = join(LAB_CACHE, `image-${supplicant.version}-${key}`);
  return {
    dir,
    kernel: join(dir, "vmlinuz"),
    initramfs: join(dir, "initramfs.cpio.gz"),
    kernelRelease: kernelRelease(packages),
    packages,
    supplicant,
    versionPackages,
  };
}

/** Builds in private folders and renames the result into place, so concurrent runs (lab, bench) cannot mix. */
async function buildImage(image: LabImage): Promise<void> {
  const key = image.dir.slice(image.dir.lastIndexOf("-") + 1);
  const work = join(LAB_CACHE, `build-${image.supplicant.version}-${key}-${Deno.pid}`);
  const staged = `${image.dir}.tmp-${Deno.pid}`;
  try {
    await Deno.mkdir(staged, { recursive: true });
    await stageImage(image, key, work, staged);
    await Deno.rename(staged, image.dir).catch(async (e) => {
      // Another run finished the same image first: theirs is as good as ours.
      if (!await exists(join(image.dir, "manifest.json"))) throw e;
    });
  } finally {
    await Deno.remove(work, { recursive: true }).catch(() => {});
    await Deno.remove(staged, { recursive: true }).catch(() => {});
  }
}

async function stageImage(image: LabImage, key: string, work: string, out: string): Promise<void> {
  // The kernel package (400 MB unpacked) is staged apart, so only its chosen modules reach the root.
  const kernelStaging = join(work, "kernel");
  const root = join(work, "root");
  const debs = await downloadDebs(image.packages, join(LAB_CACHE, "debs"));
  const isKernel = (deb: string) => deb.includes("/linux-image-");
  await extractDebs(debs.filter(isKernel), kernelStaging);
  await extractDebs(debs.filter((deb) => !isKernel(deb)), root);
  progress("building the initramfs");
  for (const path of PRUNE) await Deno.remove(join(root, path), { recursive: true }).catch(() => {});
  if (image.versionPackages.length > 0) {
    const tree = join(work, "version");
    await extractDebs(await downloadDebs(image.versionPackages, join(LAB_CACHE, "debs")), tree);
    await installOverlay(image.supplicant, tree, root);
  }
  await checkLibraries(root, image.supplicant);
  const reported = await checkStagedVersion(image.supplicant, root, image.supplicant.ownLoader);
  progress(`staged ${reported}`);
  await packModules(kernelStaging, root, image.kernelRelease);
  await addInit(root);
  await checkKernelConfig(kernelStaging, image.kernelRelease);
  await Deno.copyFile(join(kernelStaging, "boot", `vmlinuz-${image.kernelRelease}`), join(out, "vmlinuz"));
  const initramfs = join(out, "initramfs.cpio.gz");
  await $`find . | cpio -o -H newc -R 0:0 --quiet | gzip -6 > ${$.path(initramfs)}`.cwd(root);
  const size = (await Deno.stat(initramfs)).size;
  progress(`initramfs ${(size / 1e6).toFixed(1)} MB built for ${image.dir}`);
  const manifest = {
    key,
    kernelRelease: image.kernelRelease,
    packages: image.packages,
    supplicant: { version: image.supplicant.version, suite: image.supplicant.suite, reported },
    versionPackages: image.versionPackages,
    modules: GUEST_MODULES,
  };
  await Deno.writeTextFile(join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
}

/** Fails early, on the host, when a guest program links a library no staged package provides. */
async function checkLibraries(root: string, v: SupplicantVersion): Promise<void> {
  const overlay = `opt/wpa_supplicant-${v.version}/lib`;
  const libPath = [overlay, "lib/x86_64-linux-gnu", "usr/lib/x86_64-linux-gnu"].map((p) => join(root, p))
    .join(":");
  for (const program of GUEST_PROGRAMS) {
    const own = v.ownLoader && program.includes("wpa_");
    const loader = join(root, own ? overlay : "lib/x86_64-linux-gnu", "ld-linux-x86-64.so.2");
    const listing = await $`${loader} --inhibit-cache --library-path ${libPath} --list ${join(root, program)}`
      .noThrow().stderr("piped").text();
    if (/not found/.test(listing)) {
      throw new Error(`${program} links a library missing from the guest:\n${listing}`);
    }
  }
}

/** Kernel options the scenarios rely on: cfg80211's wireless-extensions layer for `-D wext`. */
const KERNEL_OPTIONS = ["CONFIG_CFG80211_WEXT=y", "CONFIG_MAC80211_HWSIM=m"];

/** Fails on the host, naming the option, when the kernel lacks something a scenario needs. */
async function checkKernelConfig(staging: string, release: string): Promise<void> {
  const config = await Deno.readTextFile(join(staging, "boot", `config-${release}`));
  const lines = new Set(config.split("\n"));
  const missing = KERNEL_OPTIONS.filter((option) => !lines.has(option));
  if (missing.length > 0) {
    throw new Error(`Kernel ${release} lacks ${missing.join(", ")} (the wext scenarios need it)`);
  }
}

/** Copies the module closure with a trimmed modules.dep made by busybox depmod (the host has no kmod). */
async function packModules(staging: string, root: string, release: string): Promise<void> {
  await $`${join(root, "bin/busybox")} depmod -b ${staging} ${release}`;
  const from = join(staging, "lib/modules", release);
  const to = join(root, "lib/modules", release);
  const deps = parseModulesDep(await Deno.readTextFile(join(from, "modules.dep")));
  const builtinText = await Deno.readTextFile(join(from, "modules.builtin"));
  const chosen = moduleClosure(deps, GUEST_MODULES, parseBuiltin(builtinText));
  for (const path of chosen) {
    await Deno.mkdir(dirname(join(to, path)), { recursive: true });
    await Deno.copyFile(join(from, path), join(to, path));
  }
  await Deno.writeTextFile(join(to, "modules.dep"), trimmedModulesDep(deps, chosen));
  await Deno.writeTextFile(join(to, "modules.builtin"), builtinText);
  progress(`packed ${chosen.length} kernel modules for ${release}`);
}

/** Installs /init and the mount points; /dev/console lets the kernel give /init a console before devtmpfs. */
async function addInit(root: string): Promise<void> {
  await Deno.copyFile(INIT_SCRIPT, join(root, "init"));
  await Deno.chmod(join(root, "init"), 0o755);
  for (const dir of ["proc", "sys", "dev", "tmp", "run", "repo", "out", "agent", "root", "opt", "etc"]) {
    await Deno.mkdir(join(root, dir), { recursive: true });
  }
  await $`mknod -m 600 ${join(root, "dev/console")} c 5 1`.noThrow();
  await Deno.writeTextFile(join(root, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
  await Deno.writeTextFile(join(root, "etc/group"), "root:x:0:\n");
}
