// The WPS push-button wait as a pure state machine: supplicant events in, one outcome out. No I/O and no
// timers: the session feeds it events with their arrival time and asks it what the deadline is.
import {
  credentialKey,
  credentialSecurity,
  decodeCredentials,
  type WpsCredential,
} from "../wpa/credential.ts";
import { parseConnected, parseWpsFail, type WpaEvent } from "../wpa/parse.ts";
import { bytesEqual } from "../bytes.ts";

/** What the wait knows before it starts. */
export interface WpsWaitConfig {
  startedAt: number;
  /** How long to wait for the button and the exchange (the walk time is 120 s). */
  timeoutMs: number;
  /** How long to wait for CTRL-EVENT-CONNECTED after WPS-SUCCESS (a first association is sometimes refused). */
  connectGraceMs: number;
  /** The SSID the AP is expected to hand over; any other credential is refused before it is used. */
  expectedSsid?: Uint8Array;
  /** Whether a credential for an open network is acceptable. */
  allowOpen: boolean;
}

/** How one WPS enrolment ended. */
export type WpsOutcome =
  | { kind: "success"; credential: WpsCredential; bssid?: string }
  | { kind: "overlap"; detail: string }
  | {
    kind: "wps-failed";
    reason: string;
    detail: string;
    msg?: number;
    configError?: number;
    failReason?: number;
  }
  | { kind: "ssid-mismatch"; receivedSsids: Uint8Array[] }
  | { kind: "timeout" }
  | { kind: "no-wps-ap" }
  | { kind: "connect-failed"; detail: string };

/** Progress of the wait. */
export interface WpsState {
  phase: "waiting" | "succeeded";
  credentials: WpsCredential[];
  /** Network id the supplicant gave the WPS network, so a refused enrolment can be removed again. */
  networkId?: number;
  wpsApSeen: boolean;
  successAt?: number;
  disconnects: number;
}

/** Result of feeding one event. */
export interface Step {
  state: WpsState;
  outcome?: WpsOutcome;
}

/** The state right after `wps_pbc` answered OK. */
export function initialState(wpsApSeen: boolean): WpsState {
  return { phase: "waiting", credentials: [], wpsApSeen, disconnects: 0 };
}

/** When the wait gives up if nothing decisive happens. */
export function deadline(state: WpsState, config: WpsWaitConfig): number {
  if (state.phase === "succeeded" && state.successAt !== undefined) {
    return state.successAt + config.connectGraceMs;
  }
  return config.startedAt + config.timeoutMs;
}

/** The outcome when the deadline passes. */
export function expire(state: WpsState): WpsOutcome {
  if (state.phase === "succeeded") {
    return {
      kind: "connect-failed",
      detail: `WPS succeeded but no connection followed (${state.disconnects} disconnects)`,
    };
  }
  return state.wpsApSeen ? { kind: "timeout" } : { kind: "no-wps-ap" };
}

/** Feeds one event that arrived at `now`. */
export function step(state: WpsState, event: WpaEvent, now: number, config: WpsWaitConfig): Step {
  switch (event.name) {
    case "WPS-AP-AVAILABLE":
    case "WPS-AP-AVAILABLE-PBC":
    case "WPS-AP-AVAILABLE-AUTH":
    case "WPS-AP-AVAILABLE-PIN":
      return { state: { ...state, wpsApSeen: true } };
    case "CTRL-EVENT-NETWORK-ADDED": {
      const id = Number.parseInt(event.args, 10);
      return state.phase === "waiting" && Number.isInteger(id)
        ? { state: { ...state, networkId: id } }
        : { state };
    }
    case "WPS-CRED-RECEIVED":
      return onCredential(state, event.args, config);
    case "WPS-SUCCESS":
      return onSuccess(state, now);
    case "CTRL-EVENT-CONNECTED":
      return onConnected(state, event.args);
    case "CTRL-EVENT-DISCONNECTED":
      return { state: { ...state, disconnects: state.disconnects + 1 } };
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
      return state.phase === "waiting" ? { state, outcome: expire(state) } : { state };
    case "CTRL-EVENT-TERMINATING":
      return {
        state,
        outcome: { kind: "wps-failed", reason: "supplicant-gone", detail: "wpa_supplicant went away" },
      };
    case "WPS-CANCEL":
      return state.phase === "waiting"
        ? {
          state,
          outcome: { kind: "wps-failed", reason: "cancelled", detail: "WPS was cancelled by someone else" },
        }
        : { state };
    default:
      // Everything else, CTRL-EVENT-EAP-FAILURE included, is normal chatter: WPS always ends EAP with a failure.
      return { state };
  }
}

function onCredential(state: WpsState, hex: string, config: WpsWaitConfig): Step {
  if (hex.trim() === "") return { state }; // credential reporting is off; WPS-SUCCESS will say so
  const decoded = decodeCredentials(hex.trim());
  if (!decoded.ok) {
    return { state, outcome: { kind: "wps-failed", reason: "bad-credential", detail: decoded.error } };
  }
  const wanted = config.expectedSsid;
  const matching = wanted
    ? decoded.credentials.filter((c) => bytesEqual(c.ssid, wanted))
    : decoded.credentials;
  if (matching.length === 0) {
    return {
      state,
      outcome: { kind: "ssid-mismatch", receivedSsids: decoded.credentials.map((c) => c.ssid) },
    };
  }
  const usable = matching.filter((c) => securityAllowed(c, config));
  if (usable.length === 0) {
    const first = matching[0]!;
    const kind = credentialSecurity(first).kind;
    if (kind === "wpa-psk") {
      const detail =
        "the access point handed over an unusable network key (not 8–63 characters or 64 hex digits)";
      return { state, outcome: { kind: "wps-failed", reason: "bad-credential", detail } };
    }
    return { state, outcome: { kind: "wps-failed", reason: `refused-${kind}`, detail: refusalText(kind) } };
  }
  return { state: { ...state, credentials: [...state.credentials, ...usable] } };
}

function securityAllowed(c: WpsCredential, config: WpsWaitConfig): boolean {
  const kind = credentialSecurity(c).kind;
  if (kind === "open") return config.allowOpen;
  return kind === "wpa-psk" && usableKey(c);
}

/** A WPA key must be a passphrase of 8–63 bytes or a 64-hex PSK; anything else cannot be written or used. */
function usableKey(c: WpsCredential): boolean {
  const key = credentialKey(c);
  return key.kind === "psk" || (key.kind === "passphrase" && key.bytes.length >= 8 && key.bytes.length <= 63);
}

function refusalText(kind: string): string {
  if (kind === "wep") return "the access point handed over a WEP credential; WEP is broken and refused";
  if (kind === "open") {
    return "the access point handed over an open-network credential, which this network does not allow";
  }
  return "the access point handed over a credential of an unsupported security type";
}

function onSuccess(state: WpsState, now: number): Step {
  if (state.phase === "succeeded") return { state };
  if (state.credentials.length === 0) {
    const detail = "WPS succeeded but no credential was reported (wps_cred_processing is not enabled)";
    return { state, outcome: { kind: "wps-failed", reason: "no-credential", detail } };
  }
  return { state: { ...state, phase: "succeeded", successAt: now } };
}

function onConnected(state: WpsState, args: string): Step {
  if (state.phase !== "succeeded") return { state };
  const credential = state.credentials[0]!;
  const { bssid } = parseConnected(args);
  return { state, outcome: bssid ? { kind: "success", credential, bssid } : { kind: "success", credential } };
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
