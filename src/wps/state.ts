// The WPS push-button wait as a pure state machine: supplicant events in, one outcome out. No I/O and no
// timers: the session feeds it events with their arrival time and asks it what the deadline is. It ends at
// WPS-SUCCESS with every credential of M8 (wps_cred_processing=1: the supplicant connects with none of them).
import { decodeCredentials, type WpsCredential } from "../wpa/credential.ts";
import { parseWpsFail, type WpaEvent } from "../wpa/replies.ts";
import type { WpsFailReason } from "../errors.ts";

/** What the wait knows before it starts. */
export interface WpsWaitConfig {
  startedAt: number;
  /** How long to wait for the button and the exchange (the walk time is 120 s). */
  timeoutMs: number;
}

/** How one WPS enrolment ended. */
export type WpsOutcome =
  | { kind: "enrolled"; credentials: WpsCredential[] }
  | { kind: "overlap"; detail: string }
  | {
    kind: "wps-failed";
    reason: WpsFailReason;
    detail: string;
    msg?: number;
    configError?: number;
    failReason?: number;
  }
  | { kind: "ssid-mismatch"; receivedSsids: Uint8Array[] }
  | { kind: "timeout" }
  | { kind: "no-wps-ap" }
  | { kind: "supplicant-gone"; detail: string };

/** Progress of the wait. */
export interface WpsState {
  /** Every credential of M8 so far, in order (dual-band routers send several). */
  credentials: WpsCredential[];
  /** Network id the supplicant gave the WPS network, so a refused enrolment can be removed again. */
  networkId?: number;
  wpsApSeen: boolean;
}

/** Result of feeding one event. */
export interface Step {
  state: WpsState;
  outcome?: WpsOutcome;
}

/** The state right after `wps_pbc` answered OK. */
export function initialState(wpsApSeen: boolean): WpsState {
  return { credentials: [], wpsApSeen };
}

/** When the wait gives up if nothing decisive happens. */
export function deadline(_state: WpsState, config: WpsWaitConfig): number {
  return config.startedAt + config.timeoutMs;
}

/** The outcome when the deadline passes. */
export function expire(state: WpsState): WpsOutcome {
  return state.wpsApSeen ? { kind: "timeout" } : { kind: "no-wps-ap" };
}

/** Feeds one event. */
export function step(state: WpsState, event: WpaEvent): Step {
  switch (event.name) {
    case "WPS-AP-AVAILABLE":
    case "WPS-AP-AVAILABLE-PBC":
    case "WPS-AP-AVAILABLE-AUTH":
    case "WPS-AP-AVAILABLE-PIN":
      return { state: { ...state, wpsApSeen: true } };
    case "CTRL-EVENT-NETWORK-ADDED": {
      const id = Number.parseInt(event.args, 10);
      return Number.isInteger(id) ? { state: { ...state, networkId: id } } : { state };
    }
    case "WPS-CRED-RECEIVED":
      return onCredential(state, event.args);
    case "WPS-SUCCESS":
      return onSuccess(state);
    case "WPS-OVERLAP-DETECTED":
      return {
        state,
        outcome: { kind: "overlap", detail: "another access point is in push-button mode too" },
      };
    case "WPS-M2D":
      return onM2D(state, event.args);
    case "WPS-FAIL":
      return { state, outcome: wpsFailOutcome(event.args) };
    case "WPS-TIMEOUT":
      return { state, outcome: expire(state) };
    case "CTRL-EVENT-TERMINATING":
      return { state, outcome: { kind: "supplicant-gone", detail: supplicantGoneDetail(event) } };
    case "WPS-CANCEL":
      return {
        state,
        outcome: { kind: "wps-failed", reason: "cancelled", detail: "WPS was cancelled by someone else" },
      };
    default:
      // Everything else, CTRL-EVENT-EAP-FAILURE included, is normal chatter: WPS always ends EAP with a failure.
      return { state };
  }
}

/**
 * What a CTRL-EVENT-TERMINATING says (the supplicant's own, or the one the driver makes of wpa_cli's
 * "Connection to wpa_supplicant lost"): the message of the `supplicant-gone` environment error.
 */
export function supplicantGoneDetail(event: WpaEvent): string {
  // A real CTRL-EVENT-TERMINATING has no arguments; the monitor's "connection lost" does.
  const why = event.args.trim();
  return why === "" ? "wpa_supplicant went away" : `wpa_supplicant went away (${why})`;
}

function onCredential(state: WpsState, hex: string): Step {
  if (hex.trim() === "") return { state }; // credential reporting is off; WPS-SUCCESS will say so
  const decoded = decodeCredentials(hex.trim());
  if (!decoded.ok) {
    return { state, outcome: { kind: "wps-failed", reason: "bad-credential", detail: decoded.error } };
  }
  return { state: { ...state, credentials: [...state.credentials, ...decoded.credentials] } };
}

function onSuccess(state: WpsState): Step {
  if (state.credentials.length === 0) {
    const detail = "WPS succeeded but no credential was reported (wps_cred_processing is not enabled)";
    return { state, outcome: { kind: "wps-failed", reason: "no-credential", detail } };
  }
  return { state, outcome: { kind: "enrolled", credentials: state.credentials } };
}

function onM2D(state: WpsState, args: string): Step {
  // An AP that sees two enrollees answers M2D with config_error 12 (multiple PBC sessions).
  return /config_error=12\b/.test(args)
    ? {
      state,
      outcome: { kind: "overlap", detail: "the access point reported multiple push-button sessions" },
    }
    : { state };
}

function wpsFailOutcome(args: string): WpsOutcome {
  const f = parseWpsFail(args);
  const parts = [`msg=${f.msg ?? "?"}`, `config_error=${f.configError ?? "?"}`];
  if (f.reason !== undefined) parts.push(`reason=${f.reason}${f.reasonText ? ` (${f.reasonText})` : ""}`);
  const outcome: WpsOutcome = {
    kind: "wps-failed",
    reason: "wps-fail",
    detail: `WPS-FAIL ${parts.join(" ")}`,
  };
  if (f.msg !== undefined) outcome.msg = f.msg;
  if (f.configError !== undefined) outcome.configError = f.configError;
  if (f.reason !== undefined) outcome.failReason = f.reason;
  return outcome;
}
