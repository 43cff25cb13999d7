// Resolves the run's settings: command line (and its environment variables) over the file over defaults.
import type { FileSettings } from "./plan/plan.ts";

/** Settings as given on the command line or through WIFIPROV_* variables; absent means "not given". */
export interface CliSettings {
  iface?: string;
  outputDir?: string;
  ctrlDir?: string;
  timeoutSec?: number;
  startSupplicant?: boolean;
  wpaCli?: string;
  wpaSupplicant?: string;
  /** Also set the country code on the running supplicant (`set country`). */
  setCountry?: boolean;
  /** Keep the WPS network that connected in the running supplicant (false: `--no-keep-network`). */
  keepNetwork?: boolean;
  /** Skip the check for another network manager owning the interface. */
  ignoreManager?: boolean;
  /** Test-only fault injection (see WriteFaults). */
  pauseBeforeRenameMs?: number;
}

/** Every setting the run uses, resolved. */
export interface Settings {
  iface: string | null;
  country: string | null;
  outputDir: string;
  ctrlDir: string;
  timeoutSec: number;
  startSupplicant: boolean;
  wpaCli: string;
  wpaSupplicant: string;
  setCountry: boolean;
  /** After a WPS success the network that connected stays in the running supplicant (the device is online). */
  keepNetwork: boolean;
  ignoreManager: boolean;
  pauseBeforeRenameMs: number;
}

/** Defaults, matching a stock Debian/Raspberry Pi OS system. */
export const DEFAULTS = {
  outputDir: "/etc/wpa_supplicant",
  ctrlDir: "/var/run/wpa_supplicant",
  /** The WPS walk time: how long a pressed button stays active. */
  timeoutSec: 120,
  startSupplicant: true,
  wpaCli: "wpa_cli",
  wpaSupplicant: "wpa_supplicant",
} as const;

/** Merges the layers; the command line wins. */
export function resolveSettings(cli: CliSettings, file: FileSettings): Settings {
  return {
    iface: cli.iface ?? file.interface ?? null,
    country: file.country ?? null,
    outputDir: cli.outputDir ?? file.outputDir ?? DEFAULTS.outputDir,
    ctrlDir: cli.ctrlDir ?? file.ctrlDir ?? DEFAULTS.ctrlDir,
    timeoutSec: cli.timeoutSec ?? file.timeoutSec ?? DEFAULTS.timeoutSec,
    startSupplicant: cli.startSupplicant ?? file.startSupplicant ?? DEFAULTS.startSupplicant,
    wpaCli: cli.wpaCli ?? DEFAULTS.wpaCli,
    wpaSupplicant: cli.wpaSupplicant ?? DEFAULTS.wpaSupplicant,
    setCountry: cli.setCountry ?? false,
    keepNetwork: cli.keepNetwork ?? file.keepNetwork ?? true,
    ignoreManager: cli.ignoreManager ?? file.ignoreManager ?? false,
    pauseBeforeRenameMs: cli.pauseBeforeRenameMs ?? 0,
  };
}
