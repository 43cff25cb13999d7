// The supplicant version matrix as data: which Debian suite gives each wpa_supplicant generation, what it needs
// beside the bookworm guest, and which lab scenarios run against it. Add a scenario to a version with one line.

/** Every scenario the guest knows (scripts/lab/guest/scenarios/<name>.sh), in the order they run. */
export const ALL_SCENARIOS: readonly string[] = [
  "happy",
  "overlap",
  "timeout",
  "ssid-mismatch",
  "mixed",
  "transition",
  "hostile",
  "own-supplicant",
  "rerun",
  "wext",
  "wext-own",
  // Issue 10 field kinds (guest/field.sh; checks in tests/lab/field_checks.ts).
  "system-config",
  "system-config-nokeep",
  "system-config-timeout",
  "system-config-overlap",
  "system-config-mismatch",
  "system-config-sigterm",
  "multi-cred",
  "multi-cred-nossid",
  "tkip-mixed",
  "tkip-only",
  "nul-ssid",
  "same-uuid",
  "diff-uuid",
  "rfkill",
  // Issue 14: WPS PIN (guest/pin.sh).
  "wps-pin",
  "wps-pin-wrong",
  // Issue 14: DPP enrollee (guest/dpp.sh; checks in tests/lab/dpp_checks.ts).
  "dpp-psk",
  "dpp-sae",
  "dpp-mismatch",
  "dpp-timeout",
];

/** One wpa_supplicant generation of the matrix. */
export interface SupplicantVersion {
  /** What `wpa_supplicant -v` reports (`wpa_supplicant v2.9`), and the name used on the command line. */
  version: string;
  /** The Debian suite its `wpasupplicant` comes from. */
  suite: string;
  /**
   * Packages taken from that suite besides `wpasupplicant`: the libraries the bookworm guest lacks or has
   * too old. Empty for the guest's own suite. (lab-notes: 2.9 needs only libssl1.1; 2.11 needs sid's glibc.)
   */
  libraries: readonly string[];
  /** Whether its binaries need the suite's own dynamic loader (a newer glibc than bookworm's). */
  ownLoader: boolean;
  /** The scenarios run against it, in ALL_SCENARIOS order. */
  scenarios: readonly string[];
}

/** The scenarios every version runs at least (issue 12), in ALL_SCENARIOS order. */
const CORE = [
  "happy",
  "overlap",
  "timeout",
  "hostile",
  "own-supplicant",
  "wext",
  "system-config",
  "multi-cred",
];

/** The matrix. The default version (the guest's own, bookworm) runs everything. */
export const VERSIONS: readonly SupplicantVersion[] = [
  {
    version: "2.9",
    suite: "bullseye",
    libraries: ["libssl1.1"],
    ownLoader: false,
    scenarios: CORE,
  },
  { version: "2.10", suite: "bookworm", libraries: [], ownLoader: false, scenarios: ALL_SCENARIOS },
  {
    version: "2.11",
    suite: "sid",
    libraries: [
      "libc6",
      "libgcc-s1",
      "libssl3t64",
      "zlib1g",
      "libzstd1",
      "libnl-3-200",
      "libnl-genl-3-200",
      "libnl-route-3-200",
      "libpcsclite1",
      "libreadline8t64",
      "libtinfo6",
      "libdbus-1-3",
      "libsystemd0",
    ],
    ownLoader: true,
    scenarios: CORE,
  },
];

/** The guest's own generation (bookworm's): the one every lab command uses unless told otherwise. */
export const DEFAULT_VERSION = "2.10";

/** The suite of the guest itself: its kernel, hostapd, busybox and the default supplicant come from here. */
export const GUEST_SUITE = "bookworm";

/** Looks a version up by its name; throws naming the known ones. */
export function findVersion(name: string): SupplicantVersion {
  const found = VERSIONS.find((v) => v.version === name);
  if (found === undefined) {
    throw new Error(
      `Unknown wpa_supplicant version "${name}"; known: ${VERSIONS.map((v) => v.version).join(", ")}`,
    );
  }
  return found;
}

/** The first `wpa_supplicant vX.Y[.Z]` version a text shows (`wpa_supplicant -v` output), or undefined. */
export function reportedVersion(text: string): string | undefined {
  return /wpa_supplicant v(\d+\.\d+(?:\.\d+)?)/.exec(text)?.[1];
}
