// When a WPS PIN is armed again: the supplicant's PIN walk ends after 120 s, a longer timeout re-arms it with
// the same PIN until the timeout. Pure: times in, decisions out; the session does the sending.

/**
 * The walk time of a WPS PIN session in the supplicant: hostap `wpa_supplicant/wps_supplicant.c`
 * `wpas_wps_start_dev_pw()` registers `wpas_wps_timeout` (which sends `WPS-TIMEOUT` and clears WPS) after
 * `WPS_PBC_WALK_TIME` (120 s, `src/wps/wps_defs.h`): the PIN method has no timeout constant of its own.
 */
export const WPS_PIN_WALK_MS = 120_000;

/**
 * A `WPS-TIMEOUT` this soon after wifiprov re-armed on its own clock ends the walk that re-arm replaced (the
 * supplicant had already queued it), not the new one.
 */
export const STALE_TIMEOUT_MS = 5_000;

/** The PIN walk as far as wifiprov knows it. Times are the session clock's milliseconds. */
export interface PinWalk {
  /** When the PIN was last armed (the supplicant's reply to `wps_pin` had arrived). */
  armedAt: number;
  /** How that arm came about: the first `wps_pin`, the supplicant's `WPS-TIMEOUT`, or wifiprov's clock. */
  by: "start" | "event" | "clock";
}

/**
 * Offsets (ms after the first arm) at which the PIN is armed when every walk runs its full length: 0, walk,
 * 2·walk, … while before the timeout. A timeout of one walk or less arms once.
 */
export function pinArmSchedule(timeoutMs: number, walkMs: number = WPS_PIN_WALK_MS): number[] {
  const times = [0];
  let walk: PinWalk = { armedAt: 0, by: "start" };
  for (;;) {
    const next = clockRearmAt(walk, timeoutMs, walkMs);
    if (next === undefined) return times;
    times.push(next);
    walk = { armedAt: next, by: "clock" };
  }
}

/**
 * When wifiprov re-arms on its own clock if the supplicant's `WPS-TIMEOUT` has not come first: one walk after
 * the last arm, if that is before the deadline; undefined when the walk outlasts the deadline.
 */
export function clockRearmAt(
  walk: PinWalk,
  deadline: number,
  walkMs: number = WPS_PIN_WALK_MS,
): number | undefined {
  const at = walk.armedAt + walkMs;
  return at < deadline ? at : undefined;
}

/**
 * What the supplicant's `WPS-TIMEOUT` at `now` means: the walk ended with time left (re-arm with the same PIN),
 * the run's time is up (the outcome is `timeout`), or it belongs to a walk already replaced (ignore).
 */
export function onWalkTimeout(walk: PinWalk, now: number, deadline: number): "rearm" | "expire" | "ignore" {
  if (walk.by === "clock" && now - walk.armedAt < STALE_TIMEOUT_MS) return "ignore";
  return now < deadline ? "rearm" : "expire";
}
