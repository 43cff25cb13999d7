// Finds the real Bun executable that `deno install` put under node_modules and runs `bun build --compile`.
// node_modules/.bin/bun is unusable: Deno skips the postinstall script that replaces Bun's placeholder.
import { $ } from "dax-sh";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { dirname, join } from "node:path";
import { bunTarget, type Target } from "./targets.ts";

/**
 * Flags every release build uses. A shipped agent must not pick up `.env` or `bunfig.toml` from whatever
 * directory it is started in, hence the two `--no-compile-autoload-*`. `--bytecode` (which needs
 * `--format=esm` here) ships JavaScriptCore bytecode beside the source, so a start skips parsing: +5.6 MB
 * for about a quarter of the start of `validate`/`provision` under emulation and half natively (README,
 * "Start-up switches", issue 13).
 */
export const BUILD_FLAGS = [
  "--compile",
  "--minify",
  "--sourcemap=none",
  "--bytecode",
  "--format=esm",
  "--no-compile-autoload-dotenv",
  "--no-compile-autoload-bunfig",
] as const;

/** Returns the path of a runnable Bun for this host, or throws an error that says how to get one. */
export function resolveBun(repoRoot: string): string {
  const nodeModules = join(repoRoot, "node_modules");
  const arch = process.arch === "arm64" ? "aarch64" : process.arch;
  const version = readBunVersion(nodeModules);
  // The baseline and musl builds also run on a glibc host, so they are fallbacks, in this order.
  const packages = [`bun-linux-${arch}`, `bun-linux-${arch}-baseline`, `bun-linux-${arch}-musl`];
  const candidates = packages.flatMap((name) => [
    ...denoStoreDirs(nodeModules, name, version).map((dir) =>
      join(dir, "node_modules/@oven", name, "bin/bun")
    ),
    join(nodeModules, "@oven", name, "bin/bun"),
  ]);
  const found = candidates.find(isElfFile);
  if (found) return found;
  throw new Error(
    `Cannot find Bun's executable for linux-${arch} under "${nodeModules}". It comes with the "bun" ` +
      `dev dependency (as @oven/bun-linux-${arch}); run "deno install" in the repository first.`,
  );
}

/**
 * The command bundles main.ts imports at run time (its ENTRY_MODULES), present beside `entry`: embedded as
 * modules of their own, so each is parsed only when a command needs it (issue 13: `--version` went from
 * 40.9 to about 26 MiB peak RSS). A source tree without them (a test fixture, the hello world) adds none.
 */
export function entryModules(entry: string): string[] {
  const root = dirname(entry);
  return ["src/entry/files.ts", "src/entry/supplicant.ts"].map((p) => join(root, p)).filter(existsSync);
}

/** Compiles `entry` for one target into `outfile`; returns how long it took in milliseconds. */
export async function compile(bun: string, entry: string, target: Target, outfile: string): Promise<number> {
  const started = performance.now();
  const entries = [entry, ...entryModules(entry)];
  await $`${bun} build ${entries} ${BUILD_FLAGS} --target=${bunTarget(target)} --outfile=${outfile}`;
  return performance.now() - started;
}

/** The version string the given Bun reports, part of the build fingerprint. */
export async function bunVersion(bun: string): Promise<string> {
  return (await $`${bun} --version`.text()).trim();
}

function readBunVersion(nodeModules: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(nodeModules, "bun/package.json"), "utf8")) as {
      version?: unknown;
    };
    return typeof manifest.version === "string" ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

// Deno keeps packages in node_modules/.deno/<scope>+<name>@<version>; prefer the version package.json pins.
function denoStoreDirs(nodeModules: string, name: string, version: string | undefined): string[] {
  const store = join(nodeModules, ".deno");
  const prefix = `@oven+${name}@`;
  let entries: string[];
  try {
    entries = readdirSync(store).filter((entry) => entry.startsWith(prefix)).sort().reverse();
  } catch {
    return [];
  }
  const pinned = entries.filter((entry) => entry === `${prefix}${version}`);
  return [...pinned, ...entries.filter((entry) => !pinned.includes(entry))].map((entry) =>
    join(store, entry)
  );
}

// The placeholder Bun ships before its postinstall runs is a script, not an ELF executable.
function isElfFile(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.toString("latin1") === "\x7fELF";
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
