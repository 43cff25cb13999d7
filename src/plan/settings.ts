// Resolves the run's settings: command line (and its environment variables) over the file over defaults.
import type { FileSettings } from "./plan.ts";
import { DEFAULT_SUPPLICANT_DRIVER } from "./driver_list.ts";

/** Settings as given on the command line or through WIFIPROV_* variables; absent means "not given". */
export interface CliSettings {
  iface?: string;
  outputDir?: string;
  ctrlDir?: string;
  /** Where the per-interface lock goes (`--lock-dir`/WIFIPROV_LOCK_DIR); no fallback when given. */
  lockDir?: string;
  timeoutSec?: number;
  startSupplicant?: boolean;
  wpaCli?: string;
  wpaSupplicant?: string;
  /** `-D` driver list for a supplicant we start, already validated (plan/driver_list.ts). */
  supplicantDriver?: string;
  /** Also set the country code on the running supplicant (`set country`). */
  setCountry?: boolean;
  /** Keep the WPS network that connected in the running supplicant (false: `--no-keep-network`). */
  keepNetwork?: boolean;
  /** Skip the check for another network manager owning the interface. */
  ignoreManager?: boolean;
}

/** Every setting the run uses, resolved. */
export interface Settings {
  iface: string | null;
  country: string | null;
  outputDir: string;
  ctrlDir: string;
  /** The per-interface lock's folder as given, or null for the default chain (adapters/lock.ts `interfaceLockDirs`). */
  lockDir: string | null;
  timeoutSec: number;
  /** `--timeout`/WIFIPROV_TIMEOUT when given: the command line wins over a network's own `timeout:` too. */
  timeoutOverrideSec: number | null;
  startSupplicant: boolean;
  wpaCli: string;
  wpaSupplicant: string;
  /** `-D` driver list for a supplicant we start, e.g. `nl80211,wext`. */
  supplicantDriver: string;
  setCountry: boolean;
  /** After a WPS success the network that connected stays in the running supplicant (the device is online). */
  keepNetwork: boolean;
  ignoreManager: boolean;
}

/** Defaults, matching a stock Debian/Raspberry Pi OS system. */
export const DEFAULTS = {
  outputDir: "/etc/wpa_supplicant",
  ctrlDir: "/var/run/wpa_supplicant",
  /** The per-interface lock's folder: run-time state, gone after a reboot (FHS /run). */
  lockDir: "/run/wifiprov",
  /** The WPS walk time: how long a pressed button stays active. */
  timeoutSec: 120,
  startSupplicant: true,
  wpaCli: "wpa_cli",
  wpaSupplicant: "wpa_supplicant",
  supplicantDriver: DEFAULT_SUPPLICANT_DRIVER,
} as const;

/** Merges the layers; the command line wins. */
export function resolveSettings(cli: CliSettings, file: FileSettings): Settings {
  return {
    iface: cli.iface ?? file.interface ?? null,
    country: file.country ?? null,
    outputDir: cli.outputDir ?? file.outputDir ?? DEFAULTS.outputDir,
    ctrlDir: cli.ctrlDir ?? file.ctrlDir ?? DEFAULTS.ctrlDir,
    lockDir: cli.lockDir ?? null,
    timeoutSec: cli.timeoutSec ?? file.timeoutSec ?? DEFAULTS.timeoutSec,
    timeoutOverrideSec: cli.timeoutSec ?? null,
    startSupplicant: cli.startSupplicant ?? file.startSupplicant ?? DEFAULTS.startSupplicant,
    wpaCli: cli.wpaCli ?? DEFAULTS.wpaCli,
    wpaSupplicant: cli.wpaSupplicant ?? DEFAULTS.wpaSupplicant,
    supplicantDriver: cli.supplicantDriver ?? file.supplicantDriver ?? DEFAULTS.supplicantDriver,
    setCountry: cli.setCountry ?? false,
    keepNetwork: cli.keepNetwork ?? file.keepNetwork ?? true,
    ignoreManager: cli.ignoreManager ?? file.ignoreManager ?? false,
  };
}
