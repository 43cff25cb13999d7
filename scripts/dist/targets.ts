// The release targets: their names, the Bun target each maps to, and what the resulting ELF file must be.

/** Every target a release ships, in manifest order. */
export const TARGETS = ["linux-x64", "linux-arm64", "linux-x64-musl", "linux-arm64-musl"] as const;

/** One release target, e.g. `linux-arm64-musl`. */
export type Target = typeof TARGETS[number];

/** CPU as named in the ELF header (`e_machine`). */
export type Machine = "x86-64" | "aarch64";

/** What a correct binary for a target looks like, checked after every build and by the tests. */
export interface TargetTraits {
  machine: Machine;
  libc: "glibc" | "musl";
}

/** The traits each target's binary must have. */
export const TRAITS: Readonly<Record<Target, TargetTraits>> = {
  "linux-x64": { machine: "x86-64", libc: "glibc" },
  "linux-arm64": { machine: "aarch64", libc: "glibc" },
  "linux-x64-musl": { machine: "x86-64", libc: "musl" },
  "linux-arm64-musl": { machine: "aarch64", libc: "musl" },
};

/** The `--target` value `bun build --compile` takes for a target. */
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
  return undefined;
}
