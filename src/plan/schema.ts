// The provisioning file's format (version 1) as a zod schema: the single source of truth for validation,
// for the JSON Schema that `wifiprov schema` prints, and for the typed file the planner consumes.
import { z } from "zod";
import { isCountryCode } from "./country.ts";
import { MAX_TIMEOUT_SECONDS } from "./limits.ts";
import { driverListProblem } from "./driver_list.ts";
import { ctrlDirProblem, INTERFACE_PATTERN, interfaceProblem, pathProblem } from "./names.ts";
import { channelForFreq, DPP_LISTEN_FREQS } from "../dpp/uri.ts";
import { describePinProblem, normaliseFixedPin } from "../wps/pin.ts";

const utf8 = new TextEncoder();
const byteLength = (s: string): number => utf8.encode(s).length;

/** Network ids become file names, so they are restricted to a safe, lower-case alphabet. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const BSSID_PATTERN = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;
const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** WPA passphrases are 8–63 printable ASCII characters (IEEE 802.11i). */
export const PASSPHRASE_PATTERN = /^[\x20-\x7e]{8,63}$/;
/** A raw WPA PSK is 32 bytes written as 64 hex digits. */
export const PSK_HEX_PATTERN = /^[0-9A-Fa-f]{64}$/;

const id = z.string().regex(ID_PATTERN, "must match [a-z0-9][a-z0-9_-]{0,63} (it names the file <id>.conf)");
const ssid = z.string().refine((s) => byteLength(s) >= 1 && byteLength(s) <= 32, "must be 1–32 bytes");
const bssid = z.string().regex(BSSID_PATTERN, "must be a MAC address like 02:00:00:00:00:00");
const timeout = z.number().int("must be a whole number of seconds").min(1, "must be at least 1 second")
  .max(MAX_TIMEOUT_SECONDS, `must be at most ${MAX_TIMEOUT_SECONDS} seconds`);
/** A string field checked by one of the shared rules (names.ts, driver_list.ts): the CLI uses the same ones. */
const ruled = (problem: (value: string) => string | null) =>
  z.string().superRefine((value, ctx) => {
    const found = problem(value);
    if (found !== null) ctx.addIssue({ code: "custom", message: found });
  });
const priority = z.number().int("must be a whole number").min(0, "must be 0 or more")
  .max(1000, "must be at most 1000");

/** A secret given inline, or by reference so it need not sit in the file. */
const secretRef = z.union([
  z.string(),
  z.strictObject({ env: z.string().regex(ENV_NAME_PATTERN, "must be an environment variable name") }),
  z.strictObject({ file: z.string().min(1, "must be a path") }),
], { error: "must be a string, { env: NAME } or { file: PATH }" });

const wpsNetwork = z.strictObject({
  id,
  method: z.literal("wps-pbc"),
  ssid: ssid.optional(),
  bssid: bssid.optional(),
  timeout: timeout.optional(),
  priority: priority.optional(),
  /** Accept a credential for an open (unencrypted) network; refused by default. */
  allowOpen: z.boolean().optional(),
});

/**
 * A PIN given inline is checked here with the supplicant's rule (wps/pin.ts), so a wrong one is reported with
 * the file's other problems; `{ env }`/`{ file }` ones are checked once read (load.ts). The JSON Schema gets
 * the digit count as a pattern (the checksum digit is beyond a pattern). The value is never echoed.
 */
const inlinePin = z.string().superRefine((text, ctx) => {
  const pin = normaliseFixedPin(text);
  if (!pin.ok) ctx.addIssue({ code: "custom", message: describePinProblem(pin.problem, text) });
}).meta({ pattern: "^(?:[ -]*[0-9]){4}[ -]*$|^(?:[ -]*[0-9]){8}[ -]*$" });

/** A WPS PIN: a secret reference like a passphrase; a bare number would lose leading zeros, so it is refused. */
const pinRef = z.union([inlinePin, ...secretRef.options.slice(1)], {
  error: "must be a quoted string of digits, { env: NAME } or { file: PATH }",
});

/** WPS with the enrollee's PIN: the supplicant generates one (shown), or the device's printed `pin` (a secret). */
const wpsPinNetwork = wpsNetwork.extend({ method: z.literal("wps-pin"), pin: pinRef.optional() });

const pskNetwork = z.strictObject({
  id,
  method: z.literal("psk"),
  ssid,
  passphrase: secretRef.optional(),
  psk: secretRef.optional(),
  keyMgmt: z.enum(["WPA-PSK", "SAE", "WPA-PSK SAE"], { error: 'must be "WPA-PSK", "SAE" or "WPA-PSK SAE"' })
    .optional(),
  hidden: z.boolean().optional(),
  priority: priority.optional(),
});

/** Wi-Fi Easy Connect (DPP) enrollee with QR-code bootstrapping (src/dpp/). */
const dppNetwork = z.strictObject({
  id,
  method: z.literal("dpp"),
  ssid: ssid.optional(),
  /** `dpp_listen` frequency in MHz (default 2437, channel 6); the URI's `C:` names its channel. */
  listenFreq: z.number().refine((f) => channelForFreq(f) !== null, {
    error: "must be a 2.4 GHz channel (2412–2472, 2484) or 5 GHz 5180–5240/5745–5805 MHz",
  }).meta({ enum: [...DPP_LISTEN_FREQS] }).optional(),
  /** The bootstrapping private key (hex of a DER ECPrivateKey, mode 0600), so the QR code survives boots. */
  key: z.strictObject({ file: z.string().min(1, "must be a path") }).optional(),
  timeout: timeout.optional(),
  priority: priority.optional(),
});

const network = z.discriminatedUnion("method", [wpsNetwork, wpsPinNetwork, pskNetwork, dppNetwork], {
  error: 'must be "wps-pbc", "wps-pin", "psk" or "dpp"',
});

/** The whole provisioning file. Cross-field rules (unique ids, one secret per psk network) are in load.ts. */
export const provisioningFileSchema = z.strictObject({
  version: z.literal(1, { error: "must be 1 (the only format version this wifiprov reads)" }),
  interface: ruled(interfaceProblem).meta({ pattern: INTERFACE_PATTERN.source }).optional(),
  country: z.string().refine(isCountryCode, "must be an ISO 3166-1 alpha-2 code like DE or US").optional(),
  outputDir: ruled(pathProblem).optional(),
  ctrlDir: ruled(ctrlDirProblem).optional(),
  timeout: timeout.optional(),
  startSupplicant: z.boolean().optional(),
  /** After a WPS success, keep the network that connected in the running supplicant (default true). */
  keepNetwork: z.boolean().optional(),
  /** Go ahead even when NetworkManager, connman, iwd or a D-Bus-only supplicant seems to own the interface. */
  ignoreManager: z.boolean().optional(),
  supplicantDriver: ruled(driverListProblem).optional(),
  networks: z.array(network).min(1, "must list at least one network").max(
    1000,
    "must list at most 1000 networks",
  ),
});

/** The provisioning file as validated by the schema (secrets still unresolved). */
export type ProvisioningFile = z.infer<typeof provisioningFileSchema>;
/** One network entry of the file. */
export type FileNetwork = ProvisioningFile["networks"][number];
/** A secret as written in the file. */
export type SecretRef = z.infer<typeof secretRef>;

/** JSON Schema of the file (input shape), for editors and `wifiprov schema`. */
export function provisioningJsonSchema(): unknown {
  return z.toJSONSchema(provisioningFileSchema, { io: "input", unrepresentable: "any" });
}
