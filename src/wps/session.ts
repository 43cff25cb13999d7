// Drives one WPS push-button enrolment on a connected supplicant: scan, refuse an ambiguous situation,
// `wps_pbc`, feed events to the state machine until an outcome or the deadline, and always clean up.
import { EnvironmentError, type WpaDriver } from "../wpa/driver.ts";
import { parseBss, type ScanEntry } from "../wpa/parse.ts";
import type { WpsPlannedNetwork } from "../plan/plan.ts";
import type { Clock } from "./clock.ts";
import {
  deadline,
  expire,
  initialState,
  step,
  type WpsOutcome,
  type WpsState,
  type WpsWaitConfig,
} from "./state.ts";
import { readScanResults, scanAccessPoints } from "./scan.ts";
import { bytesEqual, utf8Encode } from "../bytes.ts";
import type { EventSink, RunEvent } from "../events.ts";
import { ssidFields } from "../report.ts";

/** What one enrolment needs besides the network itself. */
export interface WpsSessionDeps {
  driver: WpaDriver;
  clock: Clock;
  /** Aborts the wait (SIGINT/SIGTERM); the session still cancels WPS before it returns. */
  signal: AbortSignal;
  emit: EventSink;
}

/** Timing knobs of an enrolment. */
export interface WpsTiming {
  timeoutMs: number;
  connectGraceMs: number;
}

/** How the enrolment ended, plus the APs the scan saw (their flags tell whether the AP also offers SAE). */
export interface WpsSessionResult {
  outcome: WpsOutcome | { kind: "interrupted" };
  aps: ScanEntry[];
}

/** Runs one enrolment; expected failures are outcomes, only a broken environment throws. */
export async function runWpsSession(
  network: WpsPlannedNetwork,
  timing: WpsTiming,
  deps: WpsSessionDeps,
): Promise<WpsSessionResult> {
  const { driver, clock } = deps;
  const expectedSsid = network.ssid === undefined ? undefined : utf8Encode(network.ssid);
  // A named BSSID switches off the supplicant's overlap check, so ours needs a fresh scan. Without one,
  // `wps_pbc` scans by itself, and the supplicant's last results are enough for the progress line.
  const aps = network.bssid ? await scanAccessPoints(driver) : await readScanResults(driver);
  const relevant = aps.filter((ap) => matches(ap, network, expectedSsid));
  const wpsCount = aps.filter((ap) => ap.wps !== "none").length;
  deps.emit({
    type: "scan",
    id: network.id,
    accessPoints: aps.length,
    wpsAccessPoints: wpsCount,
    cached: !network.bssid,
  });
  const refusal = refuseBeforeStart(aps, network);
  if (refusal) return { outcome: refusal, aps };

  const target = network.bssid ? [network.bssid] : [];
  const reply = await driver.request(["wps_pbc", ...target]);
  if (reply.kind === "unknown-command") {
    throw new EnvironmentError("wps-unsupported", "this wpa_supplicant was built without WPS support");
  }
  if (reply.kind !== "ok") {
    const outcome = {
      kind: "wps-failed",
      reason: "wps-pbc-refused",
      detail: "wpa_supplicant refused wps_pbc",
    } as const;
    return { outcome, aps };
  }
  const timeoutSec = Math.round(timing.timeoutMs / 1000);
  deps.emit({
    type: "wps-active",
    id: network.id,
    timeoutSec,
    ...(network.bssid ? { bssid: network.bssid } : {}),
  });
  // The walk time starts at wps_pbc, as it does inside the supplicant; the scan before it does not count.
  const config: WpsWaitConfig = { startedAt: clock.now(), ...timing, allowOpen: network.allowOpen === true };
  if (expectedSsid) config.expectedSsid = expectedSsid;
  const waited = await waitForOutcome(
    network.id,
    initialState(relevant.some((ap) => ap.wps !== "none")),
    config,
    deps,
  );
  if (waited.outcome.kind !== "success") {
    await cleanUp(driver, waited.state);
    return { outcome: waited.outcome, aps };
  }
  return { outcome: waited.outcome, aps: await withEnrolledAp(driver, aps, waited.outcome.bssid) };
}

/** Our own overlap check: naming a BSSID switches off the supplicant's, so another AP in PBC mode is refused here. */
function refuseBeforeStart(aps: ScanEntry[], network: WpsPlannedNetwork): WpsOutcome | undefined {
  if (!network.bssid) return undefined;
  const others = aps.filter((ap) => ap.wps === "pbc" && ap.bssid.toLowerCase() !== network.bssid);
  if (others.length === 0) return undefined;
  return { kind: "overlap", detail: `another access point (${others[0]!.bssid}) is in push-button mode too` };
}

function matches(ap: ScanEntry, network: WpsPlannedNetwork, expectedSsid: Uint8Array | undefined): boolean {
  if (network.bssid && ap.bssid.toLowerCase() !== network.bssid) return false;
  return expectedSsid === undefined || bytesEqual(ap.ssid, expectedSsid);
}

async function waitForOutcome(
  id: string,
  initial: WpsState,
  config: WpsWaitConfig,
  deps: WpsSessionDeps,
): Promise<{ state: WpsState; outcome: WpsOutcome | { kind: "interrupted" } }> {
  let state = initial;
  const aborted = new Promise<"aborted">((resolve) => {
    if (deps.signal.aborted) resolve("aborted");
    deps.signal.addEventListener("abort", () => resolve("aborted"), { once: true });
  });
  for (;;) {
    if (deps.signal.aborted) return { state, outcome: { kind: "interrupted" } };
    const left = deadline(state, config) - deps.clock.now();
    if (left <= 0) return { state, outcome: expire(state) };
    const event = await Promise.race([deps.driver.nextEvent(left), aborted]);
    if (event === "aborted") return { state, outcome: { kind: "interrupted" } };
    if (event === null) continue; // the loop re-reads the clock and expires if the deadline has passed
    const before = state.phase;
    const next = step(state, event, deps.clock.now(), config);
    state = next.state;
    if (next.outcome) {
      if (next.outcome.kind === "success") deps.emit(connectedEvent(id, next.outcome));
      return { state, outcome: next.outcome };
    }
    if (before === "waiting" && state.phase === "succeeded") {
      deps.emit({ type: "credential-received", id, ssid: ssidFields(state.credentials[0]!.ssid).ssid });
    }
  }
}

function connectedEvent(id: string, outcome: Extract<WpsOutcome, { kind: "success" }>): RunEvent {
  const ssid = ssidFields(outcome.credential.ssid).ssid;
  return { type: "connected", id, ssid, ...(outcome.bssid ? { bssid: outcome.bssid } : {}) };
}

/** Adds (or refreshes) the enrolled AP as the supplicant sees it now, so its flags (SAE or not) are current. */
async function withEnrolledAp(
  driver: WpaDriver,
  aps: ScanEntry[],
  bssid: string | undefined,
): Promise<ScanEntry[]> {
  if (!bssid) return aps;
  const reply = await driver.request(["bss", bssid]).catch(() => null);
  const entry = reply?.kind === "data" ? parseBss(reply.text) : null;
  if (!entry) return aps;
  return [entry, ...aps.filter((ap) => ap.bssid.toLowerCase() !== entry.bssid.toLowerCase())];
}

/** Leaves the supplicant as it was: WPS off, and no half-enrolled network left behind. */
async function cleanUp(driver: WpaDriver, state: WpsState): Promise<void> {
  await driver.request(["wps_cancel"]).catch(() => undefined);
  if (state.networkId !== undefined) {
    await driver.request(["remove_network", String(state.networkId)]).catch(() => undefined);
  }
}
