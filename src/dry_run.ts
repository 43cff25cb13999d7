// `provision --dry-run`: what the run would do, network by network, as JSON, touching nothing.
import type { Plan } from "./plan/plan.ts";
import type { Settings } from "./settings.ts";
import { configPathFor, readExisting, WriteError } from "./config/writer.ts";
import { blockFromPsk } from "./config/network_block.ts";
import { renderFile } from "./provision/write.ts";
import { wpsTargetState } from "./provision/wps.ts";
import { REPORT_SCHEMA_VERSION } from "./report.ts";
import { TOOL_NAME, VERSION } from "./version.ts";

/** What would happen to one network: enrol (WPS), write, keep (identical or already enrolled), replace (--force), conflict. */
export type DryRunAction = "enrol-wps" | "enrol-dpp" | "write" | "keep" | "replace" | "conflict";

/** The dry-run document. */
export interface DryRunPlan {
  schemaVersion: number;
  tool: { name: string; version: string };
  dryRun: true;
  interface: string | null;
  outputDir: string;
  networks: Array<{ id: string; method: string; ssid?: string; configPath: string; action: DryRunAction }>;
}

/** Works out the action for every network without writing or contacting the supplicant. */
export async function planDryRun(plan: Plan, settings: Settings, force: boolean): Promise<DryRunPlan> {
  const networks: DryRunPlan["networks"] = [];
  for (const net of plan.networks) {
    const configPath = configPathFor(settings.outputDir, net.id);
    const existing = await readExisting(configPath).catch((
      e,
    ) => (e instanceof WriteError ? "" : Promise.reject(e)));
    let action: DryRunAction;
    if (net.method === "psk") {
      const text = await renderFile(blockFromPsk(net), settings);
      action = existing === null ? "write" : existing === text ? "keep" : force ? "replace" : "conflict";
    } else {
      const state = await wpsTargetState(net, settings);
      const kept = !force && state === "holds-network";
      const enrol = net.method === "dpp" ? "enrol-dpp" : "enrol-wps";
      action = kept ? "keep" : state === "absent" ? enrol : force ? "replace" : "conflict";
    }
    networks.push({
      id: net.id,
      method: net.method,
      ...(net.ssid ? { ssid: net.ssid } : {}),
      configPath,
      action,
    });
  }
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    dryRun: true,
    interface: settings.iface,
    outputDir: settings.outputDir,
    networks,
  };
}

const ACTION_WORDS: Record<DryRunAction, string> = {
  "enrol-wps": "enrol by WPS push-button and write",
  "enrol-dpp": "enrol by DPP (QR code) and write",
  write: "write",
  keep: "keep",
  replace: "replace (keeping a .bak of)",
  conflict: "refuse to overwrite (use --force)",
};

/** One human line per network of a dry run, for stderr. */
export function describeDryRun(plan: DryRunPlan): string[] {
  return plan.networks.map((n) => `${n.id}: would ${ACTION_WORDS[n.action]} ${n.configPath}`);
}
