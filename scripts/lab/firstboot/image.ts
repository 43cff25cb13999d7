// Builds (or reuses) the first-boot lab's base: a Debian kernel, a tiny initramfs that loads the modules and
// switches to the root disk, and a staged root tree (systemd, D-Bus, wpasupplicant, hostapd) for disk.ts.
import $ from "dax-sh";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import { downloadDebs, ensureHostTools, extractDebs } from "../fetch.ts";
import { LAB_CACHE } from "../image.ts";
import { progress } from "../log.ts";
import {
  GUEST_MODULES,
  moduleClosure,
  parseBuiltin,
  parseModulesDep,
  trimmedModulesDep,
} from "../modules.ts";
import { kernelRelease, type PinnedPackage } from "../packages.ts";
import { resolveFirstbootPackages } from "./packages.ts";
import { configureRoot } from "./root.ts";

/** Bump when the layout changes in a way the package versions and the guest files do not capture. */
const FORMAT = 1;
const GUEST_DIR = fileURLToPath(new URL("./guest/", import.meta.url));
/** The initramfs /init: loads modules, mounts the root disk and the evidence share, runs systemd. */
const INIT_SCRIPT = join(GUEST_DIR, "initramfs-init.sh");
/** Besides the lab's modules: the root disk's block driver and file system. */
export const FIRSTBOOT_MODULES: readonly string[] = [
  ...GUEST_MODULES,
  "virtio_blk",
  "ext4",
  "crc32c_generic",
];

/** A built base: kernel, initramfs and the staged root tree. */
export interface FirstbootImage {
  dir: string;
  kernel: string;
  initramfs: string;
  /** The root tree every run's disk starts from (read it, never change it). */
  root: string;
  kernelRelease: string;
  packages: PinnedPackage[];
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** Returns the cached base for the current package versions, building it first when missing. */
export async function ensureFirstbootImage(): Promise<FirstbootImage> {
  await ensureHostTools();
  if (await $.which("mkfs.ext4") === undefined) {
    progress("installing e2fsprogs (mkfs.ext4) with apt-get");
    await $`apt-get install -y -qq --no-install-recommends e2fsprogs`.env({
      DEBIAN_FRONTEND: "noninteractive",
    });
  }
  progress("resolving first-boot guest package versions with apt-cache");
  const packages = await resolveFirstbootPackages();
  const hash = createHash("sha256");
  const rootScript = await Deno.readTextFile(fileURLToPath(new URL("./root.ts", import.meta.url)));
  hash.update(JSON.stringify({ FORMAT, packages, FIRSTBOOT_MODULES, rootScript }));
  hash.update(await Deno.readTextFile(INIT_SCRIPT));
  const key = hash.digest("hex").slice(0, 12);
  const dir = join(LAB_CACHE, `firstboot-${key}`);
  const image: FirstbootImage = {
    dir,
    kernel: join(dir, "vmlinuz"),
    initramfs: join(dir, "initramfs.cpio.gz"),
    root: join(dir, "root"),
    kernelRelease: kernelRelease(packages),
    packages,
  };
  if (await exists(join(dir, "manifest.json"))) {
    progress(`using cached first-boot base ${dir}`);
    return image;
  }
  const staged = `${dir}.tmp-${Deno.pid}`;
  try {
    await build(image, staged);
    await Deno.writeTextFile(
      join(staged, "manifest.json"),
      JSON.stringify({ key, packages }, null, 2) + "\n",
    );
    await Deno.rename(staged, dir).catch(async (e) => {
      if (!await exists(join(dir, "manifest.json"))) throw e;
    });
  } finally {
    await $`rm -rf ${staged}`.noThrow();
  }
  return image;
}

async function build(image: FirstbootImage, out: string): Promise<void> {
  const debs = await downloadDebs(image.packages, join(LAB_CACHE, "debs"));
  const isKernel = (deb: string) => deb.includes("/linux-image-");
  const kernelStaging = join(out, "kernel-staging");
  const root = join(out, "root");
  await extractDebs(debs.filter(isKernel), kernelStaging);
  await extractDebs(debs.filter((deb) => !isKernel(deb)), root);
  await configureRoot(root);
  await checkLibraries(root);
  await Deno.copyFile(join(kernelStaging, "boot", `vmlinuz-${image.kernelRelease}`), join(out, "vmlinuz"));
  await buildInitramfs(kernelStaging, root, image.kernelRelease, join(out, "initramfs.cpio.gz"));
  await $`rm -rf ${kernelStaging}`;
}

/** Every ELF program of the root must find its libraries among the staged packages. */
async function checkLibraries(root: string): Promise<void> {
  const loader = join(root, "lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
  const libPath = ["lib/x86_64-linux-gnu", "usr/lib/x86_64-linux-gnu", "lib/systemd", "usr/lib/systemd"]
    .map((p) => join(root, p)).join(":");
  const programs = (await $`find ${root}/bin ${root}/sbin ${root}/usr/bin ${root}/usr/sbin ${root}/lib/systemd
    -maxdepth 1 -type f -perm -u+x`.text()).split("\n").filter((p) => p !== "");
  const broken: string[] = [];
  for (const program of programs) {
    const head = await Deno.open(program).then(async (f) => {
      const buf = new Uint8Array(4);
      await f.read(buf);
      f.close();
      return buf;
    });
    if (head[0] !== 0x7f || head[1] !== 0x45) continue;
    const listing = await $`${loader} --inhibit-cache --library-path ${libPath} --list ${program}`
      .noThrow().stderr("piped").text();
    if (/not found/.test(listing)) broken.push(`${program}:\n${listing}`);
  }
  if (broken.length > 0) throw new Error(`Root-disk programs link missing libraries:\n${broken.join("\n")}`);
  progress(`checked the libraries of ${programs.length} root-disk programs`);
}

/** busybox, the module closure and /init; the root disk itself carries no kernel modules. */
async function buildInitramfs(kernelStaging: string, root: string, release: string, out: string) {
  const ird = join(dirname(out), "initramfs-staging");
  await $`${join(root, "bin/busybox")} depmod -b ${kernelStaging} ${release}`;
  const from = join(kernelStaging, "lib/modules", release);
  const to = join(ird, "lib/modules", release);
  const deps = parseModulesDep(await Deno.readTextFile(join(from, "modules.dep")));
  const builtinText = await Deno.readTextFile(join(from, "modules.builtin"));
  const chosen = moduleClosure(deps, FIRSTBOOT_MODULES, parseBuiltin(builtinText));
  for (const path of chosen) {
    await Deno.mkdir(dirname(join(to, path)), { recursive: true });
    await Deno.copyFile(join(from, path), join(to, path));
  }
  await Deno.writeTextFile(join(to, "modules.dep"), trimmedModulesDep(deps, chosen));
  await Deno.writeTextFile(join(to, "modules.builtin"), builtinText);
  for (const d of ["bin", "dev", "proc", "sys", "newroot"]) {
    await Deno.mkdir(join(ird, d), { recursive: true });
  }
  await Deno.copyFile(join(root, "bin/busybox"), join(ird, "bin/busybox"));
  await Deno.copyFile(INIT_SCRIPT, join(ird, "init"));
  await Deno.chmod(join(ird, "init"), 0o755);
  await $`mknod -m 600 ${join(ird, "dev/console")} c 5 1`.noThrow();
  await $`find . | cpio -o -H newc -R 0:0 --quiet | gzip -6 > ${$.path(out)}`.cwd(ird);
  await $`rm -rf ${ird}`;
  progress(
    `initramfs with ${chosen.length} modules built (${((await Deno.stat(out)).size / 1e6).toFixed(1)} MB)`,
  );
}
