// The wait for a DPP configuration as a pure state machine: the supplicant's DPP events in, a received
// configuration object or a failure out. Mirrors what hostap wpa_supplicant/dpp_supplicant.c
// `wpas_dpp_handle_config_obj` sends, in this order: DPP-CONF-RECEIVED, DPP-CONFOBJ-AKM <akm>,
// DPP-CONFOBJ-SSID <printf-escaped ssid>, [DPP-CONFOBJ-SSID-CHARSET], [DPP-CONNECTOR <connector>],
// DPP-CONFOBJ-PASS <hex of the passphrase> or DPP-CONFOBJ-PSK <64 hex>, then connector keys. With
// dpp_config_processing=0 (wifiprov's setting for the run) the supplicant adds no network itself.
import { hexToBytes, printfDecode } from "../bytes.ts";
import type { WpaEvent } from "../wpa/replies.ts";
import type { DppFailReason } from "../errors.ts";

/** A received configuration object. `passphrase`/`pskHex` are secrets. */
export interface DppConfigObject {
  /** `dpp_akm_str`: psk, sae, psk+sae, dpp, dpp+sae, dpp+psk+sae, dot1x (or ?? for an unknown one). */
  akm: string;
  ssid?: Uint8Array;
  passphrase?: Uint8Array;
  pskHex?: string;
  /** A DPP-CONNECTOR was sent (a connector-based network). */
  connector: boolean;
}

/** What the wait knows: the object being received, if one has started. */
export interface DppWaitState {
  receiving?: DppConfigObject;
  /** DPP-AUTH-SUCCESS seen (for the failure message when nothing followed). */
  authenticated: boolean;
}

/** How the wait ended. */
export type DppWaitOutcome =
  | { kind: "received"; config: DppConfigObject }
  | { kind: "dpp-failed"; reason: DppFailReason; detail: string }
  | { kind: "supplicant-gone"; detail: string };

/**
 * Whether a `wpa_cli vX.Y` build's supplicant reports the configuration object's AKM and key as events: the
 * enrollee side of DPP-CONFOBJ-AKM/-PASS/-PSK came with 2.10 (hostap commits 1029f16a9 and 7e823d4df, "DPP:
 * Expose config object AKM/PSK/passphrase in wpa_supplicant", 2021-02); 2.9 sends only DPP-CONF-RECEIVED and
 * DPP-CONFOBJ-SSID (seen in the lab), so nothing could be written. Unknown versions are taken as current.
 */
export function reportsDppConfig(wpaCliVersion: string | undefined): boolean {
  const m = /^(\d+)\.(\d+)/.exec(wpaCliVersion ?? "");
  return !m || Number(m[1]) > 2 || (Number(m[1]) === 2 && Number(m[2]) >= 10);
}

/** The state before any event. */
export function initialDppState(): DppWaitState {
  return { authenticated: false };
}

/** AKMs whose object carries everything wifiprov writes (a passphrase or PSK, no connector needed). */
const KEY_AKMS = new Set(["psk", "sae", "psk+sae"]);

/**
 * Feeds one event. The object is complete at its key event (PASS/PSK); an object whose AKM needs the
 * connector (dpp, dpp+…) or 802.1X ends the wait at its AKM line, refused: wifiprov cannot yet write the
 * connector, C-sign key and network access key completely.
 */
export function dppStep(
  state: DppWaitState,
  event: WpaEvent,
): { state: DppWaitState; outcome?: DppWaitOutcome } {
  const obj = state.receiving;
  switch (event.name) {
    case "DPP-AUTH-SUCCESS":
      return { state: { ...state, authenticated: true } };
    case "DPP-CONF-RECEIVED":
      return { state: { ...state, receiving: { akm: "", connector: false } } };
    case "DPP-CONFOBJ-AKM": {
      if (!obj) return { state };
      const akm = event.args.trim();
      if (!KEY_AKMS.has(akm)) {
        const detail =
          `the configurator sent a network with AKM "${akm.slice(0, 20)}" (connector or 802.1X), ` +
          "which wifiprov cannot write completely; configure a PSK or SAE network instead";
        return { state, outcome: { kind: "dpp-failed", reason: "dpp-unsupported-akm", detail } };
      }
      return { state: { ...state, receiving: { ...obj, akm } } };
    }
    case "DPP-CONFOBJ-SSID":
      return obj ? { state: { ...state, receiving: { ...obj, ssid: printfDecode(event.args) } } } : { state };
    case "DPP-CONNECTOR":
      return obj ? { state: { ...state, receiving: { ...obj, connector: true } } } : { state };
    case "DPP-CONFOBJ-PASS": {
      const bytes = hexToBytes(event.args.trim());
      if (!obj || bytes === null) return { state };
      return complete(state, { ...obj, passphrase: bytes });
    }
    case "DPP-CONFOBJ-PSK": {
      const hex = event.args.trim();
      if (!obj || !/^[0-9a-fA-F]{64}$/.test(hex)) return { state };
      return complete(state, { ...obj, pskHex: hex.toLowerCase() });
    }
    case "DPP-FAIL":
    case "DPP-CONF-FAILED":
    case "DPP-NOT-COMPATIBLE":
      return { state, outcome: failed(event) };
    case "CTRL-EVENT-TERMINATING":
      return {
        state,
        outcome: { kind: "supplicant-gone", detail: `wpa_supplicant went away (${event.args})` },
      };
    default:
      return { state };
  }
}

function complete(
  state: DppWaitState,
  config: DppConfigObject,
): { state: DppWaitState; outcome: DppWaitOutcome } {
  return { state: { ...state, receiving: config }, outcome: { kind: "received", config } };
}

/** The report reason of each failure event (the event's own name, lower-cased; DPP-FAIL is `dpp-failed`). */
const FAIL_REASON: Readonly<Record<string, DppFailReason>> = {
  "DPP-FAIL": "dpp-failed",
  "DPP-CONF-FAILED": "dpp-conf-failed",
  "DPP-NOT-COMPATIBLE": "dpp-not-compatible",
};

function failed(event: WpaEvent): DppWaitOutcome {
  // The supplicant's reason is protocol text (no key material); kept to one printable line.
  // deno-lint-ignore no-control-regex -- control characters are exactly what we drop
  const said = event.args.replace(/[\x00-\x1f\x7f]/g, " ").trim().slice(0, 200);
  const reason = FAIL_REASON[event.name] ?? "dpp-failed";
  return { kind: "dpp-failed", reason, detail: `${event.name}${said ? `: ${said}` : ""}` };
}

/** The outcome when the listen time is over: a timeout, or an object that never got its key. */
export function dppExpired(state: DppWaitState): DppWaitOutcome | { kind: "timeout" } {
  if (state.receiving) {
    return {
      kind: "dpp-failed",
      reason: "dpp-incomplete",
      detail: "a configuration object arrived without a passphrase or PSK",
    };
  }
  return { kind: "timeout" };
}
