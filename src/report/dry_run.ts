// `provision --dry-run`: what the run would do, network by network, as JSON, from the same decision the run
// takes (run/preflight.ts → config/decide.ts); it writes nothing and contacts no supplicant.
import type { RunDecision, RunQuestion } from "../config/decide.ts";
import type { Settings } from "../plan/settings.ts";
import type { EnvironmentReason } from "../errors.ts";
import { DRY_RUN_SCHEMA_VERSION, EXIT } from "./codes.ts";
// The document's shape is declared once, as a zod schema (published by `wifiprov schema --dry-run`).
import type { DryRunPlan } from "./schemas.ts";
import { TOOL_NAME, VERSION } from "../version.ts";

export type { DryRunPlan };
/**
 * What would happen to one network: enrol (WPS), write, keep (identical or already enrolled), replace
 * (--force), conflict (refused without --force), or not-run (the run would stop first, see `error`).
 */
export type DryRunAction = DryRunPlan["networks"][number]["action"];

/** The dry-run document for a run that would start (`go`) or stop at its output folder (`environment`). */
export function dryRunPlan(
  question: RunQuestion,
  settings: Settings,
  decision: Exclude<RunDecision, { kind: "invalid" }> | {
    kind: "environment";
    reason: EnvironmentReason;
    message: string;
  },
): DryRunPlan {
  const go = decision.kind === "go" ? decision : undefined;
  const networks = question.networks.map((net, i) => ({
    id: net.id,
    method: net.method,
    ...(net.ssid ? { ssid: net.ssid } : {}),
    configPath: net.path,
    action: go ? go.actions[i]! : "not-run" as const,
    ...(go?.backups[i] ? { backupPath: `${net.path}.bak` } : {}),
  }));
  const assembled = question.assembled ? { assembled: assembledEntry(question.assembled.path, go) } : {};
  const error = decision.kind === "environment"
    ? { error: { reason: decision.reason, message: decision.message } }
    : {};
  return {
    schemaVersion: DRY_RUN_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    dryRun: true,
    interface: settings.iface,
    outputDir: settings.outputDir,
    ...error,
    networks,
    ...assembled,
  };
}

function assembledEntry(path: string, go: Extract<RunDecision, { kind: "go" }> | undefined) {
  const planned = go?.assembled;
  // Before the run nothing is identical (its text is built from what the run writes): keep is not an option.
  const action = !planned
    ? "not-run" as const
    : planned.action === "conflict" || planned.action === "replace"
    ? planned.action
    : "write" as const;
  return { path, action, ...(planned?.backup ? { backupPath: `${path}.bak` } : {}) };
}

/** The exit code the run would end with as far as the disk decides: 3 when it would stop, 1 for a conflict. */
export function dryRunExitCode(plan: DryRunPlan): number {
  if (plan.error) return EXIT.environment;
  const conflict = plan.networks.some((n) => n.action === "conflict") ||
    plan.assembled?.action === "conflict";
  return conflict ? EXIT.networkFailed : EXIT.ok;
}

const ACTION_WORDS: Record<DryRunAction, string> = {
  "enrol-wps": "enrol by WPS push-button and write",
  "enrol-dpp": "enrol by DPP (QR code) and write",
  write: "write",
  keep: "keep",
  replace: "replace",
  conflict: "refuse to overwrite (use --force)",
  "not-run": "not run, so not touch",
};

/** One human line per network of a dry run, for stderr (the reason the run would stop is printed as the run prints it). */
export function describeDryRun(plan: DryRunPlan): string[] {
  const lines = plan.networks.map((n) => {
    const words = n.action === "enrol-wps" && n.method === "wps-pin"
      ? "enrol by WPS PIN and write"
      : ACTION_WORDS[n.action];
    return `${n.id}: would ${words} ${n.configPath}${backupWords(n)}`;
  });
  const a = plan.assembled;
  if (a) {
    lines.push(
      `--assemble: would ${ACTION_WORDS[a.action]} ${a.path}${backupWords({ ...a, configPath: a.path })}`,
    );
  }
  return lines;
}

/** The words the backup decision (config/decide.ts decideBackup) gives a replace: which .bak, or none. */
function backupWords(n: { action: string; configPath: string; backupPath?: string | undefined }): string {
  if (n.action !== "replace") return "";
  return n.backupPath
    ? ` (keeping it as ${n.backupPath})`
    : ` (no .bak: ${n.configPath}.bak is kept, it holds a file wifiprov did not write)`;
}
