// Provisions a `wps-pbc` network: skip it when a config for it already exists, else run the WPS session
// and turn its outcome into a written file or a failure line of the report.
import { blockFromTrialNetwork } from "../config/network_block.ts";
import { decodeConfigValue, parseConfigText } from "../config/parse.ts";
import { configPathFor, readExisting, WriteError } from "../config/writer.ts";
import type { WpsPlannedNetwork } from "../plan/plan.ts";
import { type NetworkReport, ssidFields } from "../report.ts";
import type { Settings } from "../settings.ts";
import { runWpsSession, type SessionOutcome, type WpsSessionDeps, type WpsTiming } from "../wps/session.ts";
import { bytesEqual, utf8Encode } from "../bytes.ts";
import { emitWritten, renderFile, writeAndDescribe } from "./write.ts";

/** How long the trial network may take to connect after WPS-SUCCESS: a first association is sometimes refused for 10 s. */
export const CONNECT_GRACE_MS = 30_000;

/** What the WPS step needs from the run. */
export interface WpsStepDeps extends WpsSessionDeps {
  settings: Settings;
  force: boolean;
  elapsed: () => number;
}

/** What is at a WPS network's target: nothing, a config holding this network (its SSID), or something else. */
export type WpsTargetState = "absent" | "holds-network" | "other";

/** Reads the target once and says which; a re-run over "holds-network" needs no button press. */
export async function wpsTargetState(
  net: Pick<WpsPlannedNetwork, "id" | "ssid">,
  settings: Settings,
): Promise<WpsTargetState> {
  let text: string | null;
  try {
    text = await readExisting(configPathFor(settings.outputDir, net.id));
  } catch (e) {
    if (e instanceof WriteError) return "other"; // not a regular file: the write step reports the problem
    throw e;
  }
  if (text === null) return "absent";
  const ssid = parseConfigText(text).networks[0]?.get("ssid");
  const bytes = ssid === undefined ? null : decodeConfigValue(ssid);
  const holds = bytes !== null && (net.ssid === undefined || bytesEqual(bytes, utf8Encode(net.ssid)));
  return holds ? "holds-network" : "other";
}

/** Runs WPS for one network and writes its config on success. */
export async function provisionWps(net: WpsPlannedNetwork, deps: WpsStepDeps): Promise<NetworkReport> {
  const timing: WpsTiming = {
    timeoutMs: (deps.settings.timeoutOverrideSec ?? net.timeoutSec ?? deps.settings.timeoutSec) * 1000,
    connectGraceMs: CONNECT_GRACE_MS,
    keepNetwork: deps.settings.keepNetwork,
  };
  const outcome = await runWpsSession(net, timing, deps);
  const base = {
    id: net.id,
    method: "wps-pbc" as const,
    ...(net.ssid === undefined ? {} : { ssid: net.ssid }),
  };
  if (outcome.kind !== "success") return { ...base, ...failureFields(outcome), durationMs: deps.elapsed() };
  const block = blockFromTrialNetwork(outcome.network, outcome.readBack, priorityOf(net));
  const ssid = ssidFields(outcome.network.ssid);
  const bssid = outcome.bssid === undefined ? {} : { bssid: outcome.bssid };
  // One entry per SSID: a mixed-mode router offers the same SSID twice (WPA and WPA2).
  const offeredSsids = [...new Set(outcome.offeredSsids.map((s) => ssidFields(s).ssid))];
  const offered = offeredSsids.length > 1 ? { offeredSsids } : {};
  const text = await renderFile(block, deps.settings);
  const written = await writeAndDescribe(deps.settings, net.id, text, true);
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
): Pick<NetworkReport, "status" | "reason" | "message" | "wps"> {
  switch (outcome.kind) {
    case "timeout":
      return { status: "timeout", reason: "timeout", message: "nobody pressed the WPS button in time" };
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
      return { status: "connect-failed", reason: "connect-failed", message: outcome.detail };
    case "interrupted":
      return { status: "interrupted", reason: "interrupted", message: "interrupted by a signal" };
    case "wps-failed": {
      const wps = {
        ...(outcome.msg === undefined ? {} : { msg: outcome.msg }),
        ...(outcome.configError === undefined ? {} : { configError: outcome.configError }),
        ...(outcome.failReason === undefined ? {} : { reason: outcome.failReason }),
      };
      const fields = { status: "wps-failed" as const, reason: outcome.reason, message: outcome.detail };
      return Object.keys(wps).length > 0 ? { ...fields, wps } : fields;
    }
  }
}
