// The wait for a trial network to connect, as a pure state machine: after WPS-SUCCESS wifiprov adds the
// credentials as trial networks and only a CTRL-EVENT-CONNECTED naming one of them proves a credential.
import { parseConnected, type WpaEvent } from "../wpa/replies.ts";

/** What the trial wait knows. */
export interface TrialState {
  /** The network ids wifiprov added for this enrolment. */
  ids: readonly number[];
  /** When the trial started (ms on the session's clock). */
  startedAt: number;
  /** How long a connection may take: a first association after WPS is sometimes refused for 10 s. */
  graceMs: number;
  /** Failed connection attempts seen (temporarily disabled, disconnected). */
  setbacks: number;
}

/** How the trial ended. */
export type TrialOutcome =
  | { kind: "connected"; networkId: number; bssid?: string }
  | { kind: "connect-failed"; detail: string }
  | { kind: "supplicant-gone"; detail: string };

/** The deadline of the trial. */
export function trialDeadline(state: TrialState): number {
  return state.startedAt + state.graceMs;
}

/** The outcome when the deadline passes. */
export function trialExpired(state: TrialState): TrialOutcome {
  return {
    kind: "connect-failed",
    detail: `the handed-over network did not connect (${state.setbacks} failed attempts)`,
  };
}

/** Feeds one event; a connection to a network that is not ours (the user's own) does not count. */
export function trialStep(state: TrialState, event: WpaEvent): { state: TrialState; outcome?: TrialOutcome } {
  switch (event.name) {
    case "CTRL-EVENT-CONNECTED": {
      const { networkId, bssid } = parseConnected(event.args);
      if (networkId === undefined || !state.ids.includes(networkId)) return { state };
      return { state, outcome: { kind: "connected", networkId, ...(bssid ? { bssid } : {}) } };
    }
    case "CTRL-EVENT-SSID-TEMP-DISABLED":
    case "CTRL-EVENT-ASSOC-REJECT":
      return { state: { ...state, setbacks: state.setbacks + 1 } };
    case "CTRL-EVENT-TERMINATING":
      return {
        state,
        outcome: { kind: "supplicant-gone", detail: `wpa_supplicant went away (${event.args})` },
      };
    default:
      return { state };
  }
}
