// The Debian packages the guest is made of, resolved to exact versions through apt-cache.
// The resolved list is the cache key of the lab image: a point release of any package rebuilds it.
import $ from "dax-sh";

/** Programs and the libraries they link (lab-notes: libdbus pulls libsystemd, which pulls the rest). */
export const GUEST_PACKAGES: readonly string[] = [
  "busybox-static",
  "wpasupplicant",
  "hostapd",
  "iw",
  "libc6",
  "libgcc-s1",
  "libstdc++6",
  "libssl3",
  "libnl-3-200",
  "libnl-genl-3-200",
  "libnl-route-3-200",
  "libpcsclite1",
  "libreadline8",
  "libtinfo6",
  "libdbus-1-3",
  "libsystemd0",
  "libcap2",
  "libgcrypt20",
  "libgpg-error0",
  "liblzma5",
  "libzstd1",
  "liblz4-1",
];

/** A package pinned to the version apt would install now. */
export interface PinnedPackage {
  name: string;
  version: string;
}

/** Parses `apt-cache show` output into name/version pairs, first stanza per name wins. */
export function parseAptShow(text: string): PinnedPackage[] {
  const pinned = new Map<string, string>();
  for (const stanza of text.split(/\n\s*\n/)) {
    const name = /^Package: (\S+)$/m.exec(stanza)?.[1];
    const version = /^Version: (\S+)$/m.exec(stanza)?.[1];
    if (name !== undefined && version !== undefined && !pinned.has(name)) pinned.set(name, version);
  }
  return [...pinned].map(([name, version]) => ({ name, version }));
}

/** Finds the versioned kernel package that `linux-image-amd64` currently points to. */
export function parseKernelDepends(text: string): string | undefined {
  return /Depends: (linux-image-[0-9][^\s]*-amd64)/.exec(text)?.[1];
}

let resolved: Promise<PinnedPackage[]> | undefined;

/**
 * Resolves the kernel and all guest packages to exact versions; runs `apt-get update` once if apt knows none.
 * Resolved once per process: a matrix run builds several images on the same base.
 */
export function resolvePackages(): Promise<PinnedPackage[]> {
  resolved ??= resolveNow().catch((e) => {
    resolved = undefined;
    throw e;
  });
  return resolved;
}

async function resolveNow(): Promise<PinnedPackage[]> {
  return await resolveWithKernel(GUEST_PACKAGES);
}

/**
 * The current bookworm kernel plus `names`, pinned to the versions apt would install now; runs `apt-get
 * update` once when apt knows no kernel. Throws naming the packages apt has no candidate for.
 */
export async function resolveWithKernel(names: readonly string[]): Promise<PinnedPackage[]> {
  let kernel = parseKernelDepends(await $`apt-cache depends linux-image-amd64`.noThrow().text());
  if (kernel === undefined) {
    await $`apt-get update -qq`;
    kernel = parseKernelDepends(await $`apt-cache depends linux-image-amd64`.text());
  }
  if (kernel === undefined) {
    throw new Error('Cannot find the kernel package: "linux-image-amd64" has no candidate');
  }
  const all = [kernel, ...names];
  const pinned = parseAptShow(await $`apt-cache show --no-all-versions ${all}`.text());
  const missing = all.filter((name) => !pinned.some((p) => p.name === name));
  if (missing.length > 0) throw new Error(`apt knows no candidate for: ${missing.join(", ")}`);
  return all.map((name) => pinned.find((p) => p.name === name)!);
}

/** The kernel release (e.g. `6.1.0-56-amd64`) carried by a `linux-image-<release>` package name. */
export function kernelRelease(packages: readonly PinnedPackage[]): string {
  const kernel = packages.find((p) => p.name.startsWith("linux-image-"));
  if (kernel === undefined) throw new Error("No linux-image package among the guest packages");
  return kernel.name.slice("linux-image-".length);
}
