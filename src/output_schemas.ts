// JSON Schemas of what wifiprov prints for machines: the report (stdout) and one --events ndjson line.
// Written as zod schemas so tests can check real output against them; shipped via `wifiprov schema`.
import { z } from "zod";
import { NETWORK_STATUSES } from "./report.ts";

const status = z.enum(NETWORK_STATUSES);
const method = z.enum(["wps-pbc", "psk", "dpp"]);
const isoTime = z.string().describe("ISO 8601 time");

const networkReport = z.strictObject({
  id: z.string(),
  method,
  status,
  ssid: z.string().optional(),
  ssidHex: z.string().regex(/^[0-9a-f]*$/).optional(),
  bssid: z.string().optional(),
  offeredSsids: z.array(z.string()).optional().describe("every SSID the router offered, when several"),
  configPath: z.string().optional(),
  backupPath: z.string().optional(),
  dppUri: z.string().startsWith("DPP:").optional().describe("the DPP bootstrapping URI shown as QR code"),
  durationMs: z.number().int().min(0),
  reason: z.string().optional().describe("machine-readable failure reason"),
  message: z.string().optional().describe("human explanation of a failure"),
  wps: z.strictObject({
    msg: z.number().optional(),
    configError: z.number().optional(),
    reason: z.number().optional(),
  })
    .optional(),
});

/** The report printed on stdout by `provision`. */
export const reportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  tool: z.strictObject({ name: z.literal("wifiprov"), version: z.string() }),
  interface: z.string().nullable(),
  startedAt: isoTime,
  finishedAt: isoTime,
  ok: z.boolean(),
  networks: z.array(networkReport),
  error: z.strictObject({ reason: z.string(), message: z.string() }).optional(),
  interrupted: z.literal(true).optional(),
});

const base = { ts: isoTime, id: z.string() };

/** One line of the `--events ndjson` stream. */
export const eventSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...base, type: z.literal("network-started"), method }),
  z.strictObject({
    ...base,
    type: z.literal("scan"),
    accessPoints: z.number().int(),
    wpsAccessPoints: z.number().int(),
    cached: z.boolean(),
  }),
  z.strictObject({
    ...base,
    type: z.literal("wps-active"),
    timeoutSec: z.number().int(),
    bssid: z.string().optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal("dpp-listening"),
    uri: z.string().startsWith("DPP:"),
    freq: z.number().int(),
    timeoutSec: z.number().int(),
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
    durationMs: z.number().int().min(0),
    reason: z.string().optional(),
  }),
  z.strictObject({ ts: isoTime, id: z.null(), type: z.literal("warning"), message: z.string() }),
]);

/** JSON Schema of the report. */
export function reportJsonSchema(): unknown {
  return z.toJSONSchema(reportSchema, { io: "output" });
}

/** JSON Schema of one event line. */
export function eventJsonSchema(): unknown {
  return z.toJSONSchema(eventSchema, { io: "output" });
}
