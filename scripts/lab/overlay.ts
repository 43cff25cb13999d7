// Puts another wpa_supplicant generation into the staged guest root: its programs replace bookworm's, its
// libraries go to /opt/wpa_supplicant-<version>/lib, and patchelf points the programs there (lab-notes).
import $ from "dax-sh";
import { join } from "node:path";
import { progress } from "./log.ts";
import { reportedVersion, type SupplicantVersion } from "./versions.ts";

/** The supplicant's programs, as the guest calls them (bookworm's paths, which are first on PATH). */
export const SUPPLICANT_PROGRAMS: readonly string[] = [
  "sbin/wpa_supplicant",
  "sbin/wpa_cli",
  "usr/bin/wpa_passphrase",
];

/** Library folders of an unpacked Debian package tree (bookworm keeps both; newer suites are usr-merged). */
const LIB_DIRS = ["lib/x86_64-linux-gnu", "usr/lib/x86_64-linux-gnu"];
/** Parts of the copied library folders the supplicant never loads. */
const LIB_PRUNE = ["gconv", "audit", "engines-1.1", "engines-3", "ossl-modules"];
const LOADER = "ld-linux-x86-64.so.2";

/** Where a version's libraries live inside the guest. */
export function overlayLibDir(v: SupplicantVersion): string {
  return `/opt/wpa_supplicant-${v.version}/lib`;
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** Finds a program in an unpacked tree whatever its usr-merge state (`sbin/x` or `usr/sbin/x`). */
async function findProgram(tree: string, program: string): Promise<string> {
  const base = program.slice(program.lastIndexOf("/") + 1);
  for (const dir of ["sbin", "usr/sbin", "bin", "usr/bin"]) {
    if (await exists(join(tree, dir, base))) return join(tree, dir, base);
  }
  throw new Error(
    `The unpacked wpasupplicant has no ${base} (looked in sbin, usr/sbin, bin, usr/bin of ${tree})`,
  );
}

/** Installs the version unpacked in `versionTree` into the guest `root`, replacing bookworm's programs. */
export async function installOverlay(v: SupplicantVersion, versionTree: string, root: string): Promise<void> {
  const libDir = join(root, overlayLibDir(v));
  await Deno.mkdir(libDir, { recursive: true });
  for (const dir of LIB_DIRS) {
    // dax has its own `cp` without -a; symlinks (libfoo.so.1 → libfoo.so.1.2) must stay links.
    if (await exists(join(versionTree, dir))) await $`/bin/cp -a ${join(versionTree, dir)}/. ${libDir}/`;
  }
  for (const name of LIB_PRUNE) await Deno.remove(join(libDir, name), { recursive: true }).catch(() => {});
  if (v.ownLoader && !(await exists(join(libDir, LOADER)))) {
    throw new Error(
      `wpa_supplicant ${v.version} needs ${v.suite}'s ${LOADER}, but libc6 from ${v.suite} has none`,
    );
  }
  for (const program of SUPPLICANT_PROGRAMS) {
    const target = join(root, program);
    await Deno.remove(target).catch(() => {});
    await Deno.copyFile(await findProgram(versionTree, program), target);
    await Deno.chmod(target, 0o755);
    // DT_RPATH, not DT_RUNPATH: it also applies to the libraries' own dependencies (e.g. sid's libz).
    const interp = v.ownLoader ? ["--set-interpreter", `${overlayLibDir(v)}/${LOADER}`] : [];
    await $`patchelf --force-rpath --set-rpath ${overlayLibDir(v)} ${interp} ${target}`;
  }
  progress(`installed wpa_supplicant ${v.version} from ${v.suite} with its libraries in ${overlayLibDir(v)}`);
}

/**
 * Runs the staged `wpa_supplicant -v` on the host through the loader the guest will use, with the staged
 * folders standing in for the guest's, and fails unless it reports the expected version. This also proves
 * that every library it links is in the image.
 */
export async function checkStagedVersion(
  v: SupplicantVersion,
  root: string,
  ownLoader: boolean,
): Promise<string> {
  const libs = [overlayLibDir(v), ...LIB_DIRS.map((d) => `/${d}`)].map((d) => join(root, d));
  const loader = ownLoader
    ? join(root, overlayLibDir(v), LOADER)
    : join(root, "lib/x86_64-linux-gnu", LOADER);
  const bin = join(root, "sbin/wpa_supplicant");
  const r = await $`${loader} --inhibit-cache --library-path ${libs.join(":")} ${bin} -v`.noThrow()
    .stdout("piped").stderr("piped");
  const text = (r.stdout + r.stderr).trim();
  if (reportedVersion(text) !== v.version) {
    throw new Error(
      `The staged wpa_supplicant should be ${v.version} (from ${v.suite}) but "-v" said: ${
        text.split("\n")[0]
      }`,
    );
  }
  return text.split("\n")[0] ?? "";
}
