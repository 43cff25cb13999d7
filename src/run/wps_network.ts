// Provisions a `wps-pbc` or `wps-pin` network: skip it when a config for it already exists, else run the WPS
// session and turn its outcome into a written file or a failure line of the report.
import { blockFromTrialNetwork } from "../config/network_block.ts";
import { decideTarget, enrolledWanted } from "../config/decide.ts";
import { configPathFor, observeTarget } from "../adapters/disk_facts.ts";
import type { WriteHooks } from "../adapters/atomic_file.ts";
import type { WpsPlannedNetwork } from "../plan/plan.ts";
import { type NetworkReport, ssidFields } from "../report/report.ts";
import type { Settings } from "../plan/settings.ts";
import { runWpsSession, type SessionOutcome, type WpsSessionDeps, type WpsTiming } from "../wps/session.ts";
import { emitWritten, renderFile, writeAndDescribe } from "./write_config.ts";
import { pushButtonStart } from "../wps/start.ts";
import { pinStart } from "../wps/pin_start.ts";

/** How long the trial network may take to connect after WPS-SUCCESS: a first association is sometimes refused for 10 s. */
export const CONNECT_GRACE_MS = 30_000;

/** What the WPS step needs from the run. */
export interface WpsStepDeps extends WpsSessionDeps {
  settings: Settings;
  force: boolean;
  elapsed: () => number;
  /** Test-only steps inside the file write (adapters/atomic_file.ts); the shipped program passes none. */
  writeHooks?: WriteHooks;
}

/**
 * Decides by config/decide.ts, before any button press, whether the network needs WPS (undefined) or is
 * settled by its file: `unchanged` when it holds the network, an error line for a conflict or a refused target.
 */
export async function settledWithoutWps(
  net: { id: string; method: "wps-pbc" | "wps-pin" | "dpp"; ssid?: string | undefined },
  settings: Settings,
  force: boolean,
): Promise<Omit<NetworkReport, "durationMs"> | undefined> {
  const path = configPathFor(settings.outputDir, net.id);
  const wanted = enrolledWanted(net.method, net.ssid);
  const decision = decideTarget(path, wanted, force, await observeTarget(path));
  const base = { id: net.id, method: net.method, configPath: path };
  switch (decision.action) {
    case "keep":
      return { ...base, status: "unchanged" };
    case "conflict": {
      const message =
        `"${path}" exists and does not hold this network; use --force to enrol again and replace it`;
      return { ...base, status: "error", reason: "file-exists", message };
    }
    case "refuse":
      return { ...base, status: "error", reason: decision.reason, message: decision.message };
    default:
      return undefined;
  }
}

/** Runs WPS for one network and writes its config on success. */
export async function provisionWps(net: WpsPlannedNetwork, deps: WpsStepDeps): Promise<NetworkReport> {
  const timing: WpsTiming = {
    timeoutMs: (deps.settings.timeoutOverrideSec ?? net.timeoutSec ?? deps.settings.timeoutSec) * 1000,
    connectGraceMs: CONNECT_GRACE_MS,
    keepNetwork: deps.settings.keepNetwork,
  };
  const start = net.method === "wps-pin" ? pinStart(net) : pushButtonStart(net.bssid);
  const outcome = await runWpsSession(net, timing, deps, start);
  const base = {
    id: net.id,
    method: net.method,
    ...(net.ssid === undefined ? {} : { ssid: net.ssid }),
    // The generated PIN is public (shown to be typed into the router); a printed PIN never comes here.
    ...(start.wpsPin === undefined ? {} : { wpsPin: start.wpsPin }),
  };
  if (outcome.kind !== "success") {
    return { ...base, ...failureFields(outcome, net.method), durationMs: deps.elapsed() };
  }
  const block = blockFromTrialNetwork(outcome.network, outcome.readBack, priorityOf(net));
  const ssid = ssidFields(outcome.network.ssid);
  const bssid = outcome.bssid === undefined ? {} : { bssid: outcome.bssid };
  // One entry per SSID: a mixed-mode router offers the same SSID twice (WPA and WPA2).
  const offeredSsids = [...new Set(outcome.offeredSsids.map((s) => ssidFields(s).ssid))];
  const offered = offeredSsids.length > 1 ? { offeredSsids } : {};
  const text = await renderFile(block, deps.settings);
  const written = await writeAndDescribe(deps.settings, net.id, text, true, deps.writeHooks);
  if (written.status === "error" && deps.settings.keepNetwork) {
    // No file, no trace: the network the attempt kept for the device goes too (nothing the attempt added
    // survives a failure).
    await deps.driver.request(["remove_network", String(outcome.networkId)]).catch(() => undefined);
  }
  emitWritten(deps.emit, net.id, written);
  return { ...base, ...ssid, ...bssid, ...offered, ...written, durationMs: deps.elapsed() };
}

function priorityOf(net: WpsPlannedNetwork): { priority?: number } {
  return net.priority === undefined ? {} : { priority: net.priority };
}

/** Report fields for an enrolment that did not succeed. */
export function failureFields(
  outcome: Exclude<SessionOutcome, { kind: "success" }>,
  method: WpsPlannedNetwork["method"] = "wps-pbc",
): Pick<NetworkReport, "status" | "reason" | "message" | "wps"> {
  switch (outcome.kind) {
    case "timeout": {
      const message = method === "wps-pin"
        ? "the PIN was not entered on an access point in time"
        : "nobody pressed the WPS button in time";
      return { status: "timeout", reason: "timeout", message };
    }
    case "no-wps-ap":
      return { status: "no-wps-ap", reason: "no-wps-ap", message: "no access point offering WPS was seen" };
    case "overlap":
      return {
        status: "overlap",
        reason: "overlap",
        message: `${outcome.detail}; press only one button and retry`,
      };
    case "ssid-mismatch": {
      const got = outcome.receivedSsids.map((s) => JSON.stringify(ssidFields(s).ssid)).join(", ");
      return {
        status: "ssid-mismatch",
        reason: "ssid-mismatch",
        message: `the access point handed over ${got}`,
      };
    }
    case "connect-failed":
      return {
        status: "connect-failed",
        reason: "connect-failed",
        message: `WPS succeeded but ${outcome.detail}`,
      };
    case "interrupted":
      return { status: "interrupted", reason: "interrupted", message: "interrupted by a signal" };
    case "wps-failed": {
      const wps = {
        ...(outcome.msg === undefined ? {} : { msg: outcome.msg }),
        ...(outcome.configError === undefined ? {} : { configError: outcome.configError }),
        ...(outcome.failReason === undefined ? {} : { reason: outcome.failReason }),
      };
      const fields = {
        status: "wps-failed" as const,
        reason: outcome.reason,
        message: failMessage(outcome, method),
      };
      return Object.keys(wps).length > 0 ? { ...fields, wps } : fields;
    }
  }
}

/** WPS_CFG_DEV_PASSWORD_AUTH_FAILURE (hostap `src/wps/wps_defs.h`): the two sides' PINs differ (M4/M6 hashes). */
const CONFIG_ERROR_PIN_MISMATCH = 18;

function failMessage(outcome: Extract<SessionOutcome, { kind: "wps-failed" }>, method: string): string {
  if (method !== "wps-pin" || outcome.configError !== CONFIG_ERROR_PIN_MISMATCH) return outcome.detail;
  return `the access point was given a different PIN (${outcome.detail})`;
}
