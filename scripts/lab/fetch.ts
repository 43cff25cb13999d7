// Host side of the lab's inputs: QEMU and cpio from apt, guest packages downloaded and unpacked.
// Nothing is installed into the guest's view of `/`: packages are only `dpkg -x`-ed into a staging folder.
import $ from "dax-sh";
import { progress } from "./log.ts";
import type { PinnedPackage } from "./packages.ts";

/** Host programs the lab needs, and the apt package providing each. */
const HOST_TOOLS: ReadonlyArray<readonly [program: string, aptPackage: string]> = [
  ["qemu-system-x86_64", "qemu-system-x86"],
  ["cpio", "cpio"],
  // Points other wpa_supplicant generations at their own libraries (and loader) inside the guest.
  ["patchelf", "patchelf"],
];

/** Installs QEMU, cpio and patchelf with apt when they are missing (needs root). */
export async function ensureHostTools(): Promise<void> {
  const missing: string[] = [];
  for (const [program, pkg] of HOST_TOOLS) {
    if (await $.which(program) === undefined) missing.push(pkg);
  }
  if (missing.length === 0) return;
  progress(`installing host packages: ${missing.join(" ")} (apt-get, --no-install-recommends)`);
  await $`apt-get update -qq`;
  await $`apt-get install -y -qq --no-install-recommends ${missing}`.env({
    DEBIAN_FRONTEND: "noninteractive",
  });
}

/** The file name `apt-get download` gives a package (the epoch's colon is URL-encoded). */
export function debFileName(pkg: PinnedPackage, arch: string): string {
  return `${pkg.name}_${pkg.version.replace(":", "%3a")}_${arch}.deb`;
}

/** Fetches missing packages into a folder: the host's apt by default, another suite's apt for other versions. */
export type Downloader = (missing: readonly PinnedPackage[], debDir: string) => Promise<void>;

/** `apt-get download` with the host's own apt (the guest's suite is the host's). */
export const hostDownloader: Downloader = async (missing, debDir) => {
  const specs = missing.map((pkg) => `${pkg.name}=${pkg.version}`);
  // Without the sandbox option the `_apt` user cannot write into a folder owned by root.
  await $`apt-get -q -o APT::Sandbox::User=root download ${specs}`.cwd(debDir).stdout("null");
};

/** Downloads the pinned packages into `debDir` unless already there; returns their paths. */
export async function downloadDebs(
  packages: readonly PinnedPackage[],
  debDir: string,
  download: Downloader = hostDownloader,
): Promise<string[]> {
  await Deno.mkdir(debDir, { recursive: true });
  const present = new Set<string>();
  for await (const entry of Deno.readDir(debDir)) present.add(entry.name);
  const find = (pkg: PinnedPackage) =>
    ["amd64", "all"].map((arch) => debFileName(pkg, arch)).find((name) => present.has(name));
  const missing = packages.filter((pkg) => find(pkg) === undefined);
  if (missing.length > 0) {
    progress(`downloading ${missing.length} guest packages with apt-get download`);
    await download(missing, debDir);
    for await (const entry of Deno.readDir(debDir)) present.add(entry.name);
  }
  return packages.map((pkg) => {
    const name = find(pkg);
    if (name === undefined) {
      throw new Error(`apt-get download did not produce a .deb for ${pkg.name}=${pkg.version}`);
    }
    return `${debDir}/${name}`;
  });
}

/** Unpacks every .deb into `stagingDir` with `dpkg -x` (no maintainer scripts, no dpkg database). */
export async function extractDebs(debs: readonly string[], stagingDir: string): Promise<void> {
  progress(`extracting ${debs.length} packages into ${stagingDir}`);
  await Deno.mkdir(stagingDir, { recursive: true });
  for (const deb of debs) await $`dpkg -x ${deb} ${stagingDir}`;
}
