// The release targets: their names, how each is built (Bun, or a Node.js single executable where Bun has no
// runtime), what the resulting ELF file must be, and how honestly each is tested here.

/** Every target a release ships, in manifest order. */
export const TARGETS = [
  "linux-x64",
  "linux-arm64",
  "linux-armv7l",
  "linux-x64-musl",
  "linux-arm64-musl",
] as const;

/** One release target, e.g. `linux-arm64-musl`. */
export type Target = typeof TARGETS[number];

/** CPU as named in the ELF header (`e_machine`); `arm` is 32-bit ARM. */
export type Machine = "x86-64" | "aarch64" | "arm";

/** What a correct binary for a target looks like and how it is made, checked after every build and by the tests. */
export interface TargetTraits {
  machine: Machine;
  /** 64 or 32: the ELF class. */
  bits: 64 | 32;
  libc: "glibc" | "musl";
  /** `bun`: `bun build --compile`; `node-sea`: a Node.js 20 single executable application (scripts/dist/node_sea.ts). */
  builder: "bun" | "node-sea";
  /** Whether the test suite runs the binary as shipped, and how (or why not). Copied into manifest.json. */
  tested: { ran: boolean; how: string };
}

// Why the musl binaries are never run: checked with readelf and Debian's musl 1.2.3 loader (README: Release).
const MUSL_UNTESTED =
  "built but never run: it needs libstdc++.so.6 and libgcc_s built for musl, which neither Debian (its musl " +
  "package is the C library alone) nor the npm registry provides; the tests check its ELF header only";

/** The traits each target's binary must have. */
export const TRAITS: Readonly<Record<Target, TargetTraits>> = {
  "linux-x64": {
    machine: "x86-64",
    bits: 64,
    libc: "glibc",
    builder: "bun",
    tested: { ran: true, how: "natively: CLI contract and a replayed provisioning run" },
  },
  "linux-arm64": {
    machine: "aarch64",
    bits: 64,
    libc: "glibc",
    builder: "bun",
    tested: {
      ran: true,
      how: "under qemu-aarch64-static with a Debian arm64 sysroot: CLI and a replayed run",
    },
  },
  "linux-armv7l": {
    machine: "arm",
    bits: 32,
    libc: "glibc",
    builder: "node-sea",
    tested: { ran: true, how: "under qemu-arm-static with a Debian armhf sysroot: CLI and a replayed run" },
  },
  "linux-x64-musl": {
    machine: "x86-64",
    bits: 64,
    libc: "musl",
    builder: "bun",
    tested: { ran: false, how: MUSL_UNTESTED },
  },
  "linux-arm64-musl": {
    machine: "aarch64",
    bits: 64,
    libc: "musl",
    builder: "bun",
    tested: { ran: false, how: MUSL_UNTESTED },
  },
};

/** The `--target` value `bun build --compile` takes for a Bun-built target. */
export function bunTarget(target: Target): string {
  return `bun-${target}`;
}

/** The file name of a target's binary inside dist/. */
export function binaryName(target: Target): string {
  return `wifiprov-${target}`;
}

/** Whether a string names a target. */
export function isTarget(value: string): value is Target {
  return (TARGETS as readonly string[]).includes(value);
}

/**
 * Turns `--target` values (repeatable, comma-separated allowed) into targets in manifest order;
 * no values means all targets.
 */
export function parseTargets(values: readonly string[]): Target[] {
  const wanted = values.flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean);
  for (const value of wanted) {
    if (!isTarget(value)) {
      throw new Error(`Unknown target "${value}"; expected one of: ${TARGETS.join(", ")}`);
    }
  }
  return wanted.length === 0 ? [...TARGETS] : TARGETS.filter((target) => wanted.includes(target));
}

/** The target whose binary runs natively on this machine, if any (a glibc host is assumed). */
export function hostTarget(): Target | undefined {
  if (process.platform !== "linux") return undefined;
  if (process.arch === "x64") return "linux-x64";
  if (process.arch === "arm64") return "linux-arm64";
  if (process.arch === "arm") return "linux-armv7l";
  return undefined;
}
