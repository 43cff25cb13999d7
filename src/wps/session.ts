// Drives one WPS enrolment on a connected supplicant: check the radio, scan, refuse an ambiguous situation,
// start it (`wps_pbc`, or `wps_pin` through WpsStart), feed events to the state machine until M8's credentials
// are in or the deadline passes, then prove the credentials as trial networks. Always cleans up what it started.
import type { WpaDriver } from "../wpa/driver.ts";
import { checkpoint, EnvironmentError, Interrupted } from "../errors.ts";
import { type BssEntry, parseBss, parseKeyValues, type ScanEntry } from "../wpa/replies.ts";
import type { WpsPlannedNetwork } from "../plan/plan.ts";
import type { WpsCredential } from "../wpa/credential.ts";
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
import { freshScanNeeded, readScanResults, scanAccessPoints, type StartedScan } from "./scan.ts";
import { generationOf, type TrialNetwork, trialNetworks } from "./trial_networks.ts";
import { proveTrialNetworks, type ReadBack } from "./trial_session.ts";
import { pbcOverlap } from "./overlap.ts";
import { pushButtonStart, type WpsStart } from "./start.ts";
import { bytesEqual, utf8Encode } from "../bytes.ts";
import type { EventSink, RunEvent } from "../report/events.ts";
import { ssidFields } from "../report/report.ts";

/** What one enrolment needs besides the network itself. */
export interface WpsSessionDeps {
  driver: WpaDriver;
  clock: Clock;
  /** Aborts the wait (SIGINT/SIGTERM/SIGHUP); the session still cancels WPS before it returns. */
  signal: AbortSignal;
  emit: EventSink;
  /** A fresh scan already started for this network (scan.ts startScan), used instead of starting one. */
  scanAhead?: StartedScan | undefined;
}

/** Timing and trace knobs of an enrolment. */
export interface WpsTiming {
  timeoutMs: number;
  /** How long the trial network may take to connect after WPS-SUCCESS. */
  connectGraceMs: number;
  /** Keep the network that connected in the running supplicant after success. */
  keepNetwork: boolean;
}

/** How an enrolment ended. */
export type SessionOutcome =
  | {
    kind: "success";
    network: TrialNetwork;
    readBack: ReadBack;
    networkId: number;
    bssid?: string;
    /** Every SSID M8 offered (dual-band routers offer several). */
    offeredSsids: Uint8Array[];
  }
  | Exclude<WpsOutcome, { kind: "enrolled" | "supplicant-gone" }>
  | { kind: "connect-failed"; detail: string }
  | { kind: "interrupted" };

/**
 * Runs one enrolment; expected failures are outcomes. Once `deps.signal` has fired nothing more is sent
 * that starts something (status, scan, wps_pbc/wps_pin, the trial networks): the outcome is `interrupted`.
 * @throws EnvironmentError when the radio is disabled, or the supplicant or the event monitor goes away.
 */
export async function runWpsSession(
  network: WpsPlannedNetwork,
  timing: WpsTiming,
  deps: WpsSessionDeps,
  start: WpsStart = pushButtonStart(network.bssid),
): Promise<SessionOutcome> {
  try {
    return await enrol(network, timing, deps, start);
  } catch (e) {
    if (e instanceof Interrupted) return { kind: "interrupted" };
    throw e;
  }
}

/** runWpsSession's steps; each begins at a checkpoint of the signal. */
async function enrol(
  network: WpsPlannedNetwork,
  timing: WpsTiming,
  deps: WpsSessionDeps,
  start: WpsStart,
): Promise<SessionOutcome> {
  const { driver, clock } = deps;
  checkpoint(deps.signal);
  await requireUsableRadio(driver);
  const expectedSsid = network.ssid === undefined ? undefined : utf8Encode(network.ssid);
  // A named BSSID switches off the supplicant's PBC overlap check, so ours needs a fresh scan. Otherwise
  // the start command scans by itself, and the supplicant's last results are enough for the progress line.
  const fresh = freshScanNeeded(network);
  checkpoint(deps.signal);
  const aps = fresh
    ? await (deps.scanAhead?.take() ?? scanAccessPoints(driver))
    : await readScanResults(driver);
  if (fresh && aps.length === 0) await requireUsableRadio(driver);
  deps.emit({
    type: "scan",
    id: network.id,
    accessPoints: aps.length,
    wpsAccessPoints: aps.filter((ap) => ap.wps !== "none").length,
    cached: !fresh,
  });
  checkpoint(deps.signal);
  const overlap = fresh ? await namedBssidOverlap(driver, aps, network.bssid!) : undefined;
  if (overlap) return overlap;

  checkpoint(deps.signal);
  let armed;
  try {
    armed = await start.arm(driver, clock, "start");
  } catch (e) {
    // The start may have reached the supplicant before its reply was lost (a signal to the whole process
    // group kills the monitor mid-command): cancel it anyway; wps_cancel is safe to repeat, one-shot.
    await cancelWps(driver, initialState(false));
    throw e;
  }
  if (!armed.ok) return armed.outcome;
  deps.emit({
    type: "wps-active",
    id: network.id,
    timeoutSec: Math.round(timing.timeoutMs / 1000),
    ...(network.bssid ? { bssid: network.bssid } : {}),
    ...(start.wpsPin === undefined ? {} : { wpsPin: start.wpsPin }),
  });
  // The walk time starts at wps_pbc, as it does inside the supplicant; the scan before it does not count.
  const config: WpsWaitConfig = { startedAt: clock.now(), timeoutMs: timing.timeoutMs };
  const relevant = aps.filter((ap) => matches(ap, network, expectedSsid));
  const progress = { state: initialState(relevant.some((ap) => ap.wps !== "none")) };
  let outcome: WpsOutcome | { kind: "interrupted" };
  try {
    outcome = await waitForCredentials(progress, config, deps, start);
  } catch (e) {
    await cancelWps(driver, progress.state); // a dead monitor must not leave the walk running
    throw e;
  }
  if (outcome.kind !== "enrolled") {
    await cancelWps(driver, progress.state);
    if (outcome.kind === "supplicant-gone") throw new EnvironmentError("supplicant-gone", outcome.detail);
    return outcome;
  }
  if (deps.signal.aborted) await cancelWps(driver, progress.state);
  checkpoint(deps.signal); // the credential is in, but no trial network is added after the signal
  return await proveCredentials(network, outcome.credentials, expectedSsid, timing, deps);
}

/** After WPS-SUCCESS: choose the trial networks as the supplicant would add them, and prove them. */
async function proveCredentials(
  network: WpsPlannedNetwork,
  credentials: WpsCredential[],
  expectedSsid: Uint8Array | undefined,
  timing: WpsTiming,
  deps: WpsSessionDeps,
): Promise<SessionOutcome> {
  const offeredSsids = credentials.map((c) => c.ssid);
  // The supplicant's BSS table now: its scans during WPS saw the enrolled AP with its current flags.
  const bss = await readScanResults(deps.driver);
  const chosen = trialNetworks(credentials, {
    generation: generationOf(deps.driver.version),
    bss,
    allowOpen: network.allowOpen === true,
    ...(expectedSsid ? { expectedSsid } : {}),
  });
  if (!chosen.ok) {
    const r = chosen.refusal;
    if (r.kind === "ssid-mismatch") return r;
    return { kind: "wps-failed", reason: r.reason, detail: r.detail };
  }
  const ssids = chosen.networks.map((n) => ssidFields(n.ssid).ssid);
  deps.emit({ type: "credential-received", id: network.id, ssid: ssids[0]! });
  const trial = await proveTrialNetworks(chosen.networks, {
    ...deps,
    graceMs: timing.connectGraceMs,
    keepNetwork: timing.keepNetwork,
  });
  if (trial.kind === "supplicant-gone") throw new EnvironmentError("supplicant-gone", trial.detail);
  if (trial.kind !== "connected") return trial;
  const chosenNetwork = chosen.networks[trial.index]!;
  deps.emit(connectedEvent(network.id, chosenNetwork, trial.bssid));
  return {
    kind: "success",
    network: chosenNetwork,
    readBack: trial.readBack,
    networkId: trial.networkId,
    ...(trial.bssid ? { bssid: trial.bssid } : {}),
    offeredSsids,
  };
}

/**
 * With wpa_state=INTERFACE_DISABLED (radio blocked by rfkill, interface down) `scan` answers FAIL and WPS
 * can never start: stop at once instead of waiting out the walk time.
 */
export async function requireUsableRadio(driver: WpaDriver): Promise<void> {
  const reply = await driver.request(["status"]);
  const state = reply.kind === "data" ? parseKeyValues(reply.text).get("wpa_state") : undefined;
  if (state === "INTERFACE_DISABLED") {
    throw new EnvironmentError(
      "radio-disabled",
      "the radio is disabled (wpa_state=INTERFACE_DISABLED): it is blocked by rfkill or the interface is down; " +
        "unblock it (rfkill unblock wifi) and bring the interface up",
    );
  }
}

/** Our own overlap check for a named BSSID, comparing UUID-E as the supplicant does. */
async function namedBssidOverlap(
  driver: WpaDriver,
  aps: ScanEntry[],
  bssid: string,
): Promise<SessionOutcome | undefined> {
  const others = aps.filter((ap) => ap.wps === "pbc" && ap.bssid.toLowerCase() !== bssid);
  if (others.length === 0) return undefined;
  const selected = await bssDetails(driver, bssid);
  const detailed = await Promise.all(others.map(async (ap) => (await bssDetails(driver, ap.bssid)) ?? ap));
  const other = pbcOverlap(selected, detailed);
  return other
    ? { kind: "overlap", detail: `another access point (${other.bssid}) is in push-button mode too` }
    : undefined;
}

async function bssDetails(driver: WpaDriver, bssid: string): Promise<BssEntry | undefined> {
  const reply = await driver.request(["bss", bssid]);
  return (reply.kind === "data" ? parseBss(reply.text) : null) ?? undefined;
}

function matches(ap: ScanEntry, network: WpsPlannedNetwork, expectedSsid: Uint8Array | undefined): boolean {
  if (network.bssid && ap.bssid.toLowerCase() !== network.bssid) return false;
  return expectedSsid === undefined || bytesEqual(ap.ssid, expectedSsid);
}

/**
 * Waits for M8's credentials, re-arming when `start` says so (a PIN whose walk ends before the timeout);
 * `progress.state` always holds the latest state, for the clean-up.
 */
async function waitForCredentials(
  progress: { state: WpsState },
  config: WpsWaitConfig,
  deps: WpsSessionDeps,
  start: WpsStart,
): Promise<WpsOutcome | { kind: "interrupted" }> {
  const aborted = new Promise<"aborted">((resolve) => {
    if (deps.signal.aborted) resolve("aborted");
    deps.signal.addEventListener("abort", () => resolve("aborted"), { once: true });
  });
  for (;;) {
    if (deps.signal.aborted) return { kind: "interrupted" };
    const end = deadline(progress.state, config);
    const now = deps.clock.now();
    if (end - now <= 0) return expire(progress.state);
    const rearmAt = start.rearmAt(end) ?? Infinity;
    if (now >= rearmAt) {
      if (deps.signal.aborted) return { kind: "interrupted" };
      const armed = await start.arm(deps.driver, deps.clock, "clock");
      if (!armed.ok) return armed.outcome;
      continue;
    }
    const event = await Promise.race([deps.driver.nextEvent(Math.min(end, rearmAt) - now), aborted]);
    if (event === "aborted") return { kind: "interrupted" };
    if (event === null) continue; // the loop re-reads the clock and expires if the deadline has passed
    if (event.name === "WPS-TIMEOUT") {
      const meaning = start.onWalkTimeout(deps.clock.now(), end);
      if (meaning === "ignore") continue;
      if (meaning === "rearm") {
        if (deps.signal.aborted) return { kind: "interrupted" };
        const armed = await start.arm(deps.driver, deps.clock, "event");
        if (!armed.ok) return armed.outcome;
        continue;
      }
    }
    const next = step(progress.state, event);
    progress.state = next.state;
    if (next.outcome) return next.outcome;
  }
}

function connectedEvent(id: string, network: TrialNetwork, bssid: string | undefined): RunEvent {
  const ssid = ssidFields(network.ssid).ssid;
  return { type: "connected", id, ssid, ...(bssid ? { bssid } : {}) };
}

/** Leaves the supplicant as it was: WPS off, and no half-enrolled WPS network left behind. */
async function cancelWps(driver: WpaDriver, state: WpsState): Promise<void> {
  await driver.request(["wps_cancel"]).catch(() => undefined);
  if (state.networkId !== undefined) {
    await driver.request(["remove_network", String(state.networkId)]).catch(() => undefined);
  }
}
