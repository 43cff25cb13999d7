// apt for another Debian suite (bullseye, sid) with its own sources list, package lists and cache under
// .cache/lab/apt/<suite>/, so the host's apt state is never touched (lab-notes). Fails loudly, naming the suite.
import $ from "dax-sh";
import { join } from "node:path";
import { progress } from "./log.ts";
import { parseAptShow, type PinnedPackage } from "./packages.ts";

/** The archive other suites come from; WIFIPROV_LAB_DEBIAN_MIRROR points elsewhere (e.g. a local mirror). */
export function debianMirror(): string {
  return Deno.env.get("WIFIPROV_LAB_DEBIAN_MIRROR") ?? "http://deb.debian.org/debian";
}

/** A private apt configuration for one suite. */
export interface SuiteApt {
  suite: string;
  dir: string;
  mirror: string;
}

/** The apt options that swap every piece of apt's state for the suite's own folders. */
export function suiteAptOptions(apt: SuiteApt): string[] {
  const d = apt.dir;
  return [
    ["Dir::Etc::SourceList", join(d, "sources.list")],
    ["Dir::Etc::SourceParts", join(d, "sources.list.d")],
    ["Dir::Etc::Preferences", join(d, "preferences")],
    ["Dir::Etc::PreferencesParts", join(d, "preferences.d")],
    ["Dir::State::Lists", join(d, "lists")],
    // An empty dpkg status: a package the host has installed in a newer version (e.g. bookworm's
    // wpasupplicant) would otherwise be apt's candidate instead of the suite's own.
    ["Dir::State::status", join(d, "status")],
    ["Dir::Cache", join(d, "cache")],
    ["APT::Sandbox::User", "root"],
  ].flatMap(([key, value]) => ["-o", `${key}=${value}`]);
}

/** The one-line sources.list of a suite (amd64 only, signed by the host's Debian archive keyring). */
export function sourcesLine(apt: SuiteApt): string {
  return `deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${apt.mirror} ${apt.suite} main\n`;
}

async function hasLists(apt: SuiteApt): Promise<boolean> {
  for await (const entry of Deno.readDir(join(apt.dir, "lists"))) {
    // apt may keep the lists compressed (`_Packages.lz4`).
    if (/_Packages(\.\w+)?$/.test(entry.name)) return true;
  }
  return false;
}

/** Creates the folders and fetches the suite's package lists; `force` fetches them again. */
export async function updateSuite(apt: SuiteApt, forWhat: string, force = false): Promise<void> {
  for (const sub of ["sources.list.d", "preferences.d", "lists/partial", "cache/archives/partial"]) {
    await Deno.mkdir(join(apt.dir, sub), { recursive: true });
  }
  await Deno.writeTextFile(join(apt.dir, "sources.list"), sourcesLine(apt));
  await Deno.writeTextFile(join(apt.dir, "preferences"), "");
  await Deno.writeTextFile(join(apt.dir, "status"), "");
  if (!force && await hasLists(apt)) return;
  progress(`fetching the Debian ${apt.suite} package lists for ${forWhat} from ${apt.mirror}`);
  const r = await $`apt-get -q ${suiteAptOptions(apt)} update`.noThrow().stdout("piped").stderr("piped");
  // apt-get update exits 0 even when nothing could be fetched ("W: Failed to fetch ..."): read its lines.
  const lines = `${r.stdout}\n${r.stderr}`.split("\n").map((l) => l.trim());
  const errors = lines.filter((l) =>
    /^(E:|W: Failed to fetch|Err:)/.test(l) || /^(Could not|Unable to)/.test(l)
  );
  if (r.code !== 0 || errors.length > 0 || !(await hasLists(apt))) {
    throw new Error(
      `Cannot fetch the Debian "${apt.suite}" package lists for ${forWhat} from ${apt.mirror} ` +
        `(apt-get update exit ${r.code}): ${[...new Set(errors)].join(" | ") || "no package list arrived"}`,
    );
  }
}

/** Resolves packages to the versions the suite's lists offer; throws naming any the suite lacks. */
export async function resolveSuitePackages(
  apt: SuiteApt,
  names: readonly string[],
  forWhat: string,
): Promise<PinnedPackage[]> {
  const r = await $`apt-cache ${suiteAptOptions(apt)} show --no-all-versions ${[...names]}`.noThrow()
    .stdout("piped").stderr("piped");
  const pinned = parseAptShow(r.stdout);
  const missing = names.filter((name) => !pinned.some((p) => p.name === name));
  if (missing.length > 0) {
    throw new Error(`Debian "${apt.suite}" (${apt.mirror}) has no ${missing.join(", ")} for ${forWhat}`);
  }
  return names.map((name) => pinned.find((p) => p.name === name)!);
}

/** Downloads exact versions into `debDir` with the suite's apt; throws with apt's own error lines. */
export async function downloadSuitePackages(
  apt: SuiteApt,
  packages: readonly PinnedPackage[],
  debDir: string,
  forWhat: string,
): Promise<void> {
  const specs = packages.map((p) => `${p.name}=${p.version}`);
  const r = await $`apt-get -q ${suiteAptOptions(apt)} download ${specs}`.cwd(debDir).noThrow()
    .stdout("null").stderr("piped");
  if (r.code !== 0) {
    const errors = r.stderr.split("\n").filter((l) => /^(E|Err):?/.test(l.trim()));
    throw new Error(
      `Cannot download ${forWhat} from Debian "${apt.suite}" (${apt.mirror}): ${
        errors.join(" | ") || r.stderr.trim()
      }`,
    );
  }
}
