// How a WPS exchange is started and kept armed, as the session sees it: the push button here (`wps_pbc`),
// the enrollee PIN in pin_start.ts (`wps_pin`, re-armed across the supplicant's walks).
import { EnvironmentError, type WpaDriver } from "../wpa/driver.ts";
import type { Reply } from "../wpa/replies.ts";
import type { Clock } from "./clock.ts";
import type { WpsOutcome } from "./state.ts";

/** What arming WPS gave: armed, or the outcome to stop with (the supplicant refused). */
export type ArmResult = { ok: true } | { ok: false; outcome: Extract<WpsOutcome, { kind: "wps-failed" }> };

/** How the exchange is started and kept armed: push-button here, the enrollee PIN in pin_start.ts. */
export interface WpsStart {
  /** Sends the start command; `by` says why: the first start, the supplicant's WPS-TIMEOUT, or the clock. */
  arm(driver: WpaDriver, clock: Clock, by: "start" | "event" | "clock"): Promise<ArmResult>;
  /** When to arm again on the clock before `deadline`; undefined: not (push-button is never re-pressed). */
  rearmAt(deadline: number): number | undefined;
  /** What the supplicant's WPS-TIMEOUT at `now` means: re-arm, the end of the wait, or a replaced walk's. */
  onWalkTimeout(now: number, deadline: number): "rearm" | "expire" | "ignore";
  /** The PIN the supplicant generated (public), once armed: shown in the event and the report. */
  readonly wpsPin: string | undefined;
}

/** `wps_pbc [BSSID]`: the push button, pressed once for the whole wait. */
export function pushButtonStart(bssid: string | undefined): WpsStart {
  return {
    wpsPin: undefined,
    arm: async (driver) => armReply(await driver.request(["wps_pbc", ...(bssid ? [bssid] : [])]), "wps_pbc"),
    rearmAt: () => undefined,
    onWalkTimeout: () => "expire",
  };
}

/**
 * Classifies the reply to a start command: `wps_pbc` answers OK, `wps_pin` the PIN (hostap
 * `wpa_supplicant/ctrl_iface.c`); anything else is a refusal. The reply's text is never repeated (a fixed
 * PIN's reply is the PIN).
 * @throws EnvironmentError (`wps-unsupported`) when the supplicant was built without WPS.
 */
export function armReply(reply: Reply, command: "wps_pbc" | "wps_pin"): ArmResult {
  if (reply.kind === "unknown-command") {
    throw new EnvironmentError("wps-unsupported", "this wpa_supplicant was built without WPS support");
  }
  if (reply.kind !== (command === "wps_pbc" ? "ok" : "data")) {
    const reason = command === "wps_pbc" ? "wps-pbc-refused" as const : "wps-pin-refused" as const;
    return {
      ok: false,
      outcome: { kind: "wps-failed", reason, detail: `wpa_supplicant refused ${command}` },
    };
  }
  return { ok: true };
}
