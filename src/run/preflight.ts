// Before anything is touched: renders the psk networks, observes the output folder, every target, the
// assembled file (--assemble) and --report-file once (adapters/disk_facts.ts), and asks config/decide.ts what
// the run will do. `provision` and `provision --dry-run` both start here, so they cannot disagree about the disk.
import { blockFromPsk } from "../config/network_block.ts";
import { assembledId, decideRun, type RunDecision, type RunQuestion } from "../config/decide.ts";
import { configPathFor, observeDisk } from "../adapters/disk_facts.ts";
import type { Plan } from "../plan/plan.ts";
import type { Settings } from "../plan/settings.ts";
import { renderFile } from "./write_config.ts";
import { heldRunLock } from "../adapters/lock.ts";
import type { EnvironmentReason } from "../errors.ts";

/** The decision for the disk, or the run stopping at a lock a live agent holds (exit 3, as the run would). */
export type PreflightDecision = RunDecision | {
  kind: "environment";
  reason: EnvironmentReason;
  message: string;
};

/** The question asked and the decision taken for a run. */
export interface Preflight {
  question: RunQuestion;
  decision: PreflightDecision;
}

/** What of the request the disk decision needs: --force, --assemble, the plan's path, --report-file. */
export interface PreflightOptions {
  force: boolean;
  assemble?: boolean;
  planFile?: string;
  reportFile?: string;
  eventsFile?: string;
}

/**
 * Observes the disk and the run's locks for `plan` and decides; reads only (plus one probe file, created
 * and removed). A run that would start but finds its output folder's or interface's lock held by a live
 * agent stops with `locked`: `provision --dry-run` says so, and the run stops before creating anything.
 */
export async function preflight(plan: Plan, settings: Settings, opts: PreflightOptions): Promise<Preflight> {
  const networks: Array<RunQuestion["networks"][number]> = [];
  for (const net of plan.networks) {
    const path = configPathFor(settings.outputDir, net.id);
    const ssid = net.ssid === undefined ? {} : { ssid: net.ssid };
    const text = net.method === "psk" ? { text: await renderFile(blockFromPsk(net), settings) } : {};
    networks.push({ id: net.id, method: net.method, path, ...ssid, ...text });
  }
  const assembled = opts.assemble && settings.iface !== null ? assembledId(settings.iface) : undefined;
  const question: RunQuestion = {
    outputDir: settings.outputDir,
    iface: settings.iface,
    force: opts.force,
    networks,
    ...(assembled ? { assembled: { path: configPathFor(settings.outputDir, assembled) } } : {}),
    ...(opts.reportFile === undefined ? {} : { reportFile: opts.reportFile }),
    ...(opts.eventsFile === undefined ? {} : { eventsFile: opts.eventsFile }),
  };
  const ids = [...plan.networks.map((n) => n.id), ...(assembled ? [assembled] : [])];
  const paths = {
    ...(opts.planFile === undefined ? {} : { planFile: opts.planFile }),
    ...(opts.reportFile === undefined ? {} : { reportFile: opts.reportFile }),
    ...(opts.eventsFile === undefined ? {} : { eventsFile: opts.eventsFile }),
  };
  const facts = await observeDisk(settings.outputDir, ids, paths);
  const decision = decideRun(question, facts);
  if (decision.kind !== "go") return { question, decision };
  const held = await heldRunLock(settings);
  return {
    question,
    decision: held ? { kind: "environment", reason: held.reason, message: held.message } : decision,
  };
}
