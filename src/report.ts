// The JSON report (one document on stdout) and the exit code it implies. Pure: building and classifying
// only. Never holds a passphrase, PSK or credential hex: only ids, SSIDs, BSSIDs, paths and reasons.
import { TOOL_NAME, VERSION } from "./version.ts";

/** Version of the report's own shape; bumped on incompatible changes. */
export const REPORT_SCHEMA_VERSION = 1;

/** Per-network results. `provisioned` and `unchanged` are successes; everything else is a failure. */
export const NETWORK_STATUSES = [
  "provisioned",
  "unchanged",
  "timeout",
  "overlap",
  "wps-failed",
  "dpp-failed",
  "ssid-mismatch",
  "no-wps-ap",
  "connect-failed",
  "error",
  "interrupted",
  "not-run",
] as const;

/** One network's result. */
export type NetworkStatus = typeof NETWORK_STATUSES[number];

/** One network's line in the report. */
export interface NetworkReport {
  id: string;
  method: "wps-pbc" | "psk" | "dpp";
  status: NetworkStatus;
  ssid?: string;
  /** Hex of the SSID bytes when they are not printable UTF-8 (so `ssid` alone would be lossy). */
  ssidHex?: string;
  bssid?: string;
  /** Every SSID the router offered in M8 when it offered more than one (never their keys). */
  offeredSsids?: string[];
  configPath?: string;
  backupPath?: string;
  /** The DPP bootstrapping URI shown for the QR code (public: it holds only the public key). */
  dppUri?: string;
  durationMs: number;
  reason?: string;
  message?: string;
  /** WPS-FAIL details from the supplicant, when that is how it failed. */
  wps?: { msg?: number; configError?: number; reason?: number };
}

/** The whole run. */
export interface Report {
  schemaVersion: number;
  tool: { name: string; version: string };
  interface: string | null;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  networks: NetworkReport[];
  /** Set when the run stopped early because of its environment (exit code 3). */
  error?: { reason: string; message: string };
  interrupted?: boolean;
}

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, networkFailed: 1, usage: 2, environment: 3, interrupted: 130 } as const;

const SUCCESS: ReadonlySet<NetworkStatus> = new Set(["provisioned", "unchanged"]);

/** Assembles the report from the per-network results. */
export function buildReport(input: {
  iface: string | null;
  startedAt: number;
  finishedAt: number;
  networks: NetworkReport[];
  error?: { reason: string; message: string };
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
