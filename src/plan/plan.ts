// The validated, secret-resolved plan: what the run will do, network by network. Produced by load.ts,
// consumed by run/app.ts. Secrets live here as bytes and never leave through the report or the logs.
import type { FixedPin } from "../wps/pin.ts";

/** Key management a PSK network may ask for. */
export type PskKeyMgmt = "WPA-PSK" | "SAE" | "WPA-PSK SAE";

/** A resolved pre-shared secret: a passphrase, or a raw 32-byte PSK as hex. */
export type PlannedKey = { kind: "passphrase"; bytes: Uint8Array } | { kind: "psk"; hex: string };

/** A network to enrol with WPS: push-button (`wps-pbc`) or the enrollee PIN (`wps-pin`). */
export interface WpsPlannedNetwork {
  id: string;
  method: "wps-pbc" | "wps-pin";
  /** The SSID the AP is expected to hand over; any other credential is refused. */
  ssid?: string;
  /** Restricts the enrolment to one AP (this disables wpa_supplicant's own overlap check). */
  bssid?: string;
  timeoutSec?: number;
  priority?: number;
  /** Whether a credential for an open network is acceptable (it is refused otherwise). */
  allowOpen?: boolean;
  /** `wps-pin` only: the device's printed PIN (a secret, checksum-checked); absent: the supplicant makes one. */
  pin?: FixedPin;
}

/** A network whose credential is given in the file. */
export interface PskPlannedNetwork {
  id: string;
  method: "psk";
  ssid: string;
  key: PlannedKey;
  keyMgmt: PskKeyMgmt;
  hidden: boolean;
  priority?: number;
}

/** A network to enrol with Wi-Fi Easy Connect (DPP) as enrollee; see src/dpp/. */
export interface DppPlannedNetwork {
  id: string;
  method: "dpp";
  /** The SSID the configurator is expected to hand over; any other is refused. */
  ssid?: string;
  /** `dpp_listen` frequency in MHz. */
  listenFreq: number;
  /** The bootstrapping key from the file's `key: { file }` (secret), absent for a key made for this run. */
  key?: { path: string; der: Uint8Array; publicKeyDer: Uint8Array };
  timeoutSec?: number;
  priority?: number;
}

/** One network of the plan. */
export type PlannedNetwork = WpsPlannedNetwork | PskPlannedNetwork | DppPlannedNetwork;

/** Settings the file may carry; the command line and environment override them. */
export interface FileSettings {
  interface?: string;
  country?: string;
  outputDir?: string;
  ctrlDir?: string;
  timeoutSec?: number;
  startSupplicant?: boolean;
  keepNetwork?: boolean;
  ignoreManager?: boolean;
  /** `-D` driver list for a supplicant wifiprov starts (see plan/driver_list.ts). */
  supplicantDriver?: string;
}

/** The validated provisioning file. */
export interface Plan {
  settings: FileSettings;
  networks: PlannedNetwork[];
  /** Names of the environment variables `{ env: NAME }` secrets came from; children never inherit them. */
  secretEnvNames: string[];
}

/** One validation problem: where (`networks[2].ssid`) and what. */
export interface Problem {
  path: string;
  message: string;
}

/** Formats a problem as the one line users see. */
export function formatProblem(p: Problem): string {
  return p.path === "" ? p.message : `${p.path}: ${p.message}`;
}
