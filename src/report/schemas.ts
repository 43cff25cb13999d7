// What wifiprov prints for machines, as zod schemas: the report (stdout), one --events ndjson line and the
// dry-run document. The single source of that contract: report/report.ts, report/events.ts and report/dry_run.ts take their
// types from here (z.infer), `wifiprov schema` prints them as JSON Schema, tests check real output.
import { z } from "zod";
import { ENVIRONMENT_REASONS, REASON_CODES } from "../errors.ts";
import {
  ASSEMBLED_STATUSES,
  DRY_RUN_ACTIONS,
  DRY_RUN_SCHEMA_VERSION,
  NETWORK_METHODS,
  NETWORK_STATUSES,
  REPORT_SCHEMA_VERSION,
} from "./codes.ts";
import { TOOL_NAME } from "../version.ts";

const status = z.enum(NETWORK_STATUSES);
const method = z.enum(NETWORK_METHODS);
const reason = z.enum(REASON_CODES).describe("machine-readable failure reason");
const isoTime = z.string().describe("ISO 8601 time");
const tool = z.strictObject({ name: z.literal(TOOL_NAME), version: z.string() });
const durationMs = z.number().int().min(0);

const networkReport = z.strictObject({
  id: z.string(),
  method,
  status,
  ssid: z.string().optional(),
  ssidHex: z.string().regex(/^[0-9a-f]*$/).optional()
    .describe("hex of the SSID bytes when they are not printable UTF-8 (so ssid alone would be lossy)"),
  bssid: z.string().optional(),
  wpsPin: z.string().regex(/^\d{8}$/).optional().describe(
    "the WPS PIN the supplicant generated and wifiprov showed",
  ),
  offeredSsids: z.array(z.string()).optional()
    .describe("every SSID the router offered in M8 when it offered more than one (never their keys)"),
  configPath: z.string().optional(),
  backupPath: z.string().optional(),
  dppUri: z.string().regex(/^DPP:/).optional().describe("the DPP bootstrapping URI shown as QR code"),
  durationMs,
  reason: reason.optional(),
  message: z.string().optional().describe("human explanation of a failure"),
  wps: z.strictObject({
    msg: z.number().optional(),
    configError: z.number().optional(),
    reason: z.number().optional(),
  }).optional().describe("WPS-FAIL details from the supplicant, when that is how it failed"),
});

const assembledReport = z.strictObject({
  path: z.string(),
  status: z.enum(ASSEMBLED_STATUSES),
  backupPath: z.string().optional(),
  message: z.string().optional().describe("why it was not written (conflict, error)"),
}).describe(
  "provision --assemble: what became of wpa_supplicant-<interface>.conf; not ok unless written or kept",
);

/** The report printed on stdout by `provision` (and written by --report-file). */
export const reportSchema = z.strictObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  tool,
  interface: z.string().nullable(),
  startedAt: isoTime,
  finishedAt: isoTime,
  ok: z.boolean(),
  networks: z.array(networkReport),
  assembled: assembledReport.optional(),
  error: z.strictObject({ reason: z.enum(ENVIRONMENT_REASONS), message: z.string() }).optional()
    .describe("set when the run stopped early because of its environment (exit code 3)"),
  interrupted: z.literal(true).optional(),
});

const base = { ts: isoTime, id: z.string() };

/** One line of the `--events ndjson` stream: a state change of one network, or a run-wide warning. */
export const eventSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...base, type: z.literal("network-started"), method }),
  z.strictObject({
    ...base,
    type: z.literal("scan"),
    accessPoints: z.number().int(),
    wpsAccessPoints: z.number().int(),
    cached: z.boolean().describe(
      "from the supplicant's last scan (no scan of our own; wps_pbc scans by itself)",
    ),
  }),
  z.strictObject({
    ...base,
    type: z.literal("wps-active"),
    timeoutSec: z.number().int(),
    bssid: z.string().optional(),
    wpsPin: z.string().regex(/^\d{8}$/).optional().describe("the generated WPS PIN to type into the router"),
  }),
  z.strictObject({
    ...base,
    type: z.literal("dpp-listening"),
    uri: z.string().regex(/^DPP:/), // a pattern: "startsWith" emits a format strict validators refuse
    freq: z.number().int(),
    timeoutSec: z.number().int(),
    keyFile: z.boolean().describe(
      "the URI comes from the network's key file (else it holds for this run only)",
    ),
  }),
  z.strictObject({ ...base, type: z.literal("credential-received"), ssid: z.string() }),
  z.strictObject({ ...base, type: z.literal("connected"), ssid: z.string(), bssid: z.string().optional() }),
  z.strictObject({
    ...base,
    type: z.literal("config-written"),
    path: z.string(),
    status: z.enum(["provisioned", "unchanged"]),
  }),
  z.strictObject({
    ...base,
    type: z.literal("network-finished"),
    status,
    durationMs,
    reason: reason.optional(),
  }),
  z.strictObject({ ts: isoTime, id: z.null(), type: z.literal("warning"), message: z.string() }),
  z.strictObject({ ts: isoTime, id: z.null(), type: z.literal("message"), message: z.string() }),
]);

/** The document `provision --dry-run` prints: what would happen to each network, nothing touched. */
export const dryRunSchema = z.strictObject({
  schemaVersion: z.literal(DRY_RUN_SCHEMA_VERSION),
  tool,
  dryRun: z.literal(true),
  interface: z.string().nullable(),
  outputDir: z.string(),
  error: z.strictObject({ reason: z.enum(ENVIRONMENT_REASONS), message: z.string() }).optional()
    .describe("present exactly when the run would stop with exit 3; every network is then not-run"),
  networks: z.array(z.strictObject({
    id: z.string(),
    method,
    ssid: z.string().optional(),
    configPath: z.string(),
    action: z.enum(DRY_RUN_ACTIONS),
    backupPath: z.string().optional().describe("present when a replace keeps the old file there"),
  })),
  assembled: z.strictObject({
    path: z.string(),
    action: z.enum(["write", "replace", "conflict", "not-run"]),
    backupPath: z.string().optional(),
  }).optional().describe("with --assemble: what would become of wpa_supplicant-<interface>.conf"),
});

/** One network's line in the report. */
export type NetworkReport = z.infer<typeof networkReport>;
/** What became of the assembled file in a report. */
export type AssembledReport = z.infer<typeof assembledReport>;
/** The whole run's report. */
export type Report = z.infer<typeof reportSchema>;
/** An event as written to the NDJSON stream: the event plus its time. */
export type TimedEvent = z.infer<typeof eventSchema>;
/** An event as the run emits it (the sink adds `ts`). */
export type RunEvent = TimedEvent extends infer E ? E extends TimedEvent ? Omit<E, "ts"> : never : never;
/** The dry-run document. */
export type DryRunPlan = z.infer<typeof dryRunSchema>;

/** JSON Schema of the report. */
export function reportJsonSchema(): unknown {
  return z.toJSONSchema(reportSchema, { io: "output" });
}

/** JSON Schema of one event line. */
export function eventJsonSchema(): unknown {
  return z.toJSONSchema(eventSchema, { io: "output" });
}

/** JSON Schema of the dry-run document. */
export function dryRunJsonSchema(): unknown {
  return z.toJSONSchema(dryRunSchema, { io: "output" });
}
