// The JSON report (one document on stdout) and the exit code it implies. Pure: building and classifying
// only. Never holds a passphrase, PSK or credential hex: only ids, SSIDs, BSSIDs, paths and reasons.
import { TOOL_NAME, VERSION } from "../version.ts";
import type { EnvironmentReason } from "../errors.ts";
import { EXIT, NETWORK_STATUSES, REPORT_SCHEMA_VERSION } from "./codes.ts";
// Type-only: the shapes are declared once, as zod schemas; importing them here loads no zod.
import type { AssembledReport, NetworkReport, Report } from "./schemas.ts";

export { EXIT, NETWORK_STATUSES, REPORT_SCHEMA_VERSION };
export type { AssembledReport, NetworkReport, Report };

/** One network's result. */
export type NetworkStatus = typeof NETWORK_STATUSES[number];

const SUCCESS: ReadonlySet<NetworkStatus> = new Set(["provisioned", "unchanged"]);

/** Assembles the report from the per-network results. */
export function buildReport(input: {
  iface: string | null;
  startedAt: number;
  finishedAt: number;
  networks: NetworkReport[];
  error?: { reason: EnvironmentReason; message: string };
  interrupted?: boolean;
}): Report {
  const ok = input.error === undefined && !input.interrupted &&
    input.networks.every((n) => SUCCESS.has(n.status));
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    interface: input.iface,
    startedAt: new Date(input.startedAt).toISOString(),
    finishedAt: new Date(input.finishedAt).toISOString(),
    ok,
    networks: input.networks,
  };
  if (input.error) report.error = input.error;
  if (input.interrupted) report.interrupted = true;
  return report;
}

/**
 * The report with what became of the assembled file (`provision --assemble`): the run is ok only when it was
 * written or kept as well (a hand-written one kept without --force is a conflict: not ok, exit 1).
 */
export function withAssembled(report: Report, assembled: AssembledReport): Report {
  const done = assembled.status === "provisioned" || assembled.status === "unchanged";
  const { error, interrupted, ...rest } = report;
  return {
    ...rest,
    ok: report.ok && done,
    assembled,
    ...(error ? { error } : {}),
    ...(interrupted ? { interrupted } : {}),
  };
}

/** The process exit code a report stands for. */
export function exitCodeFor(report: Report): number {
  if (report.interrupted) return EXIT.interrupted;
  if (report.error) return EXIT.environment;
  return report.ok ? EXIT.ok : EXIT.networkFailed;
}

/** SSID fields for the report: text, plus hex when the bytes are not clean printable UTF-8. */
export function ssidFields(ssid: Uint8Array): { ssid: string; ssidHex?: string } {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(ssid);
  // Control characters are exactly what we look for here.
  // deno-lint-ignore no-control-regex
  const clean = !text.includes("\uFFFD") && !/[\x00-\x1f\x7f]/.test(text);
  if (clean) return { ssid: text };
  return { ssid: text, ssidHex: Array.from(ssid, (b) => b.toString(16).padStart(2, "0")).join("") };
}
