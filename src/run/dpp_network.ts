// Provisions a `dpp` network: runs the DPP enrollee session and turns its outcome into a written file or a
// failure line of the report (same file format, atomic 0600 write and clean-up as WPS).
import { blockFromTrialNetwork } from "../config/network_block.ts";
import type { DppPlannedNetwork } from "../plan/plan.ts";
import { type NetworkReport, ssidFields } from "../report/report.ts";
import { type DppOutcome, runDppSession } from "../dpp/session.ts";
import { CONNECT_GRACE_MS, type WpsStepDeps } from "./wps_network.ts";
import { emitWritten, renderFile, writeAndDescribe } from "./write_config.ts";

/** Runs DPP for one network and writes its config on success. */
export async function provisionDpp(net: DppPlannedNetwork, deps: WpsStepDeps): Promise<NetworkReport> {
  const timing = {
    timeoutMs: (deps.settings.timeoutOverrideSec ?? net.timeoutSec ?? deps.settings.timeoutSec) * 1000,
    connectGraceMs: CONNECT_GRACE_MS,
    keepNetwork: deps.settings.keepNetwork,
  };
  const outcome = await runDppSession(net, timing, deps);
  const base = {
    id: net.id,
    method: "dpp" as const,
    ...(net.ssid === undefined ? {} : { ssid: net.ssid }),
    ...(outcome.uri === undefined ? {} : { dppUri: outcome.uri }),
  };
  if (outcome.kind !== "success") {
    return { ...base, ...dppFailureFields(outcome), durationMs: deps.elapsed() };
  }
  const priority = net.priority === undefined ? {} : { priority: net.priority };
  const block = blockFromTrialNetwork(outcome.network, outcome.readBack, priority);
  const text = await renderFile(block, deps.settings);
  const written = await writeAndDescribe(deps.settings, net.id, text, true);
  if (written.status === "error" && deps.settings.keepNetwork) {
    // No file, no trace: the network kept for the device goes too.
    await deps.driver.request(["remove_network", String(outcome.networkId)]).catch(() => undefined);
  }
  emitWritten(deps.emit, net.id, written);
  const bssid = outcome.bssid === undefined ? {} : { bssid: outcome.bssid };
  return { ...base, ...ssidFields(outcome.network.ssid), ...bssid, ...written, durationMs: deps.elapsed() };
}

/** Report fields for a DPP run that did not succeed. */
export function dppFailureFields(
  outcome: Exclude<DppOutcome, { kind: "success" }>,
): Pick<NetworkReport, "status" | "reason" | "message" | "ssid" | "ssidHex"> {
  switch (outcome.kind) {
    case "timeout":
      return {
        status: "timeout",
        reason: "timeout",
        message: "no configurator scanned the DPP QR code in time",
      };
    case "dpp-failed":
      return { status: "dpp-failed", reason: outcome.reason, message: outcome.detail };
    case "ssid-mismatch": {
      const got = outcome.receivedSsids.map((s) => JSON.stringify(ssidFields(s).ssid)).join(", ");
      return {
        status: "ssid-mismatch",
        reason: "ssid-mismatch",
        message: `the configurator handed over ${got}`,
      };
    }
    case "connect-failed":
      return {
        status: "connect-failed",
        reason: "connect-failed",
        message: `the DPP configuration was received but ${outcome.detail}`,
        ...ssidFields(outcome.ssid),
      };
    case "interrupted":
      return { status: "interrupted", reason: "interrupted", message: "interrupted by a signal" };
  }
}
