// Provisioning file text → validated Plan, or every problem at once with its path. Parsing and validation
// are pure; reading `{ env }` / `{ file }` secrets goes through the small SecretReader port.
import {
  type FileNetwork,
  PASSPHRASE_PATTERN,
  type ProvisioningFile,
  provisioningFileSchema,
  PSK_HEX_PATTERN,
  type SecretRef,
} from "./schema.ts";
import type { Plan, PlannedKey, PlannedNetwork, Problem } from "./plan.ts";
import { formatPath } from "./path.ts";
import { MAX_FILE_BYTES } from "./limits.ts";
import { parseYamlDocument, placeIn } from "./document.ts";
import { firstInvalidUtf8 } from "./text.ts";
import { FIELD_NAMES, unknownKeyProblem } from "./keys.ts";
import { issueMessage, type RawIssue } from "./issues.ts";
import { describePinProblem, FixedPin, normaliseFixedPin } from "../wps/pin.ts";
import { describeKeyProblem, parseDppKey } from "../dpp/key.ts";
import { DEFAULT_LISTEN_FREQ_MHZ } from "../dpp/listen.ts";

export { MAX_FILE_BYTES };

/** An environment variable whose bytes are not UTF-8 (Deno refuses to read it; Bun would make U+FFFD of it). */
export const NOT_UTF8 = { notUtf8: true } as const;

/** Where `{ env }` and `{ file }` secrets come from (the process environment and the filesystem in production). */
export interface SecretReader {
  /** The variable's value, undefined when unset, NOT_UTF8 when its bytes are not UTF-8. */
  env(name: string): string | undefined | typeof NOT_UTF8;
  /**
   * Reads a secret file; `mode` is its permission bits, used to refuse files others can read. `reason`
   * must not quote the path (it is text from the provisioning file, maybe a mistyped passphrase).
   */
  readFile(path: string): Promise<{ ok: true; text: string; mode: number } | { ok: false; reason: string }>;
}

/** Result of loading: a plan, or all problems found. */
export type LoadResult = { ok: true; plan: Plan } | { ok: false; problems: Problem[] };

/**
 * The provisioning file's bytes as text, or the place of the first byte that is not UTF-8 (line, column
 * and field; never the bytes). A leading byte-order mark is dropped.
 */
export function decodeProvisioningBytes(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; problems: Problem[] } {
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  const lossy = new TextDecoder("utf-8", { fatal: false });
  const text = lossy.decode(bytes);
  const at = placeIn(text, lossy.decode(bytes.subarray(0, bad)).length, FIELD_NAMES);
  const message = `not valid UTF-8 at line ${at.line}, column ${at.column}; save the file as UTF-8`;
  return { ok: false, problems: [{ path: at.path, message }] };
}

/** Parses YAML or JSON text (JSON is YAML 1.2) and validates it against the schema. */
export function parseProvisioningText(
  text: string,
): { ok: true; file: ProvisioningFile } | { ok: false; problems: Problem[] } {
  if (text.length > MAX_FILE_BYTES) {
    return { ok: false, problems: [{ path: "", message: `file is larger than ${MAX_FILE_BYTES} bytes` }] };
  }
  const doc = parseYamlDocument(text, FIELD_NAMES);
  if (!doc.ok) return doc;
  const data = doc.data;
  // Messages of ours win; issueMessage words only those zod would word (schema-level errors take precedence).
  const parsed = provisioningFileSchema.safeParse(data, {
    error: (issue) => issueMessage(issue as RawIssue),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) =>
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => unknownKeyProblem(issue.path, key, doc.keyPlace(issue.path, key)))
        : [{ path: formatPath(issue.path), message: issue.message }]
    );
    return { ok: false, problems };
  }
  const problems = crossFieldProblems(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, file: parsed.data };
}

/** Loads text into a Plan: parse, validate, then resolve secrets, collecting every problem. */
export async function loadPlan(text: string, secrets: SecretReader): Promise<LoadResult> {
  const parsed = parseProvisioningText(text);
  if (!parsed.ok) return parsed;
  const problems: Problem[] = [];
  const networks: PlannedNetwork[] = [];
  for (const [index, net] of parsed.file.networks.entries()) {
    const planned = await planNetwork(net, `networks[${index}]`, secrets, problems);
    if (planned) networks.push(planned);
  }
  if (problems.length > 0) return { ok: false, problems };
  const f = parsed.file;
  const settings = dropUndefined({
    interface: f.interface,
    country: f.country,
    outputDir: f.outputDir,
    ctrlDir: f.ctrlDir,
    timeoutSec: f.timeout,
    startSupplicant: f.startSupplicant,
    keepNetwork: f.keepNetwork,
    ignoreManager: f.ignoreManager,
    supplicantDriver: f.supplicantDriver,
  });
  return { ok: true, plan: { settings, networks, secretEnvNames: secretEnvNames(parsed.file) } };
}

function crossFieldProblems(file: ProvisioningFile): Problem[] {
  const problems: Problem[] = [];
  const firstIndex = new Map<string, number>();
  file.networks.forEach((net, i) => {
    const seen = firstIndex.get(net.id);
    if (seen === undefined) firstIndex.set(net.id, i);
    else {problems.push({
        path: `networks[${i}].id`,
        message: `duplicate id "${net.id}" (also networks[${seen}])`,
      });}
    if (net.method === "psk") {
      if ((net.passphrase === undefined) === (net.psk === undefined)) {
        problems.push({ path: `networks[${i}]`, message: "give exactly one of passphrase or psk" });
      } else if (net.psk !== undefined && net.keyMgmt === "SAE") {
        problems.push({
          path: `networks[${i}].psk`,
          message: "SAE (WPA3) needs a passphrase, not a raw psk",
        });
      }
    }
  });
  return problems;
}

async function planNetwork(
  net: FileNetwork,
  path: string,
  secrets: SecretReader,
  problems: Problem[],
): Promise<PlannedNetwork | undefined> {
  if (net.method === "wps-pbc" || net.method === "wps-pin") {
    const pin = net.method === "wps-pin" && net.pin !== undefined
      ? await resolvePin(net.pin, `${path}.pin`, secrets, problems)
      : undefined;
    if (pin === null) return undefined;
    return dropUndefined({
      id: net.id,
      method: net.method,
      ssid: net.ssid,
      bssid: net.bssid?.toLowerCase(),
      timeoutSec: net.timeout,
      priority: net.priority,
      allowOpen: net.allowOpen,
      pin,
    });
  }
  if (net.method === "dpp") return await planDpp(net, path, secrets, problems);
  const field = net.passphrase !== undefined ? "passphrase" : "psk";
  const ref = (net.passphrase ?? net.psk) as SecretRef;
  const key = await resolveKey(field, ref, `${path}.${field}`, secrets, problems);
  if (!key) return undefined;
  return dropUndefined({
    id: net.id,
    method: net.method,
    ssid: net.ssid,
    key,
    keyMgmt: net.keyMgmt ?? "WPA-PSK",
    hidden: net.hidden ?? false,
    priority: net.priority,
  });
}

/** A `dpp` network; its key file is a `{ file }` secret (owner-only mode) holding a P-256 key. */
async function planDpp(
  net: Extract<FileNetwork, { method: "dpp" }>,
  path: string,
  secrets: SecretReader,
  problems: Problem[],
): Promise<PlannedNetwork | undefined> {
  let key;
  if (net.key) {
    const text = await readSecret(net.key, `${path}.key`, secrets, problems);
    if (text === undefined) return undefined;
    const parsed = parseDppKey(text);
    if (!parsed.ok) {
      problems.push({ path: `${path}.key`, message: describeKeyProblem(parsed.problem) });
      return undefined;
    }
    key = { path: net.key.file, ...parsed.key };
  }
  return dropUndefined({
    id: net.id,
    method: net.method,
    ssid: net.ssid,
    listenFreq: net.listenFreq ?? DEFAULT_LISTEN_FREQ_MHZ,
    key,
    timeoutSec: net.timeout,
    priority: net.priority,
  });
}

async function resolveKey(
  field: "passphrase" | "psk",
  ref: SecretRef,
  path: string,
  secrets: SecretReader,
  problems: Problem[],
): Promise<PlannedKey | undefined> {
  const text = await readSecret(ref, path, secrets, problems);
  if (text === undefined) return undefined;
  // The value itself is never echoed: it is a secret even when it is wrong.
  if (field === "passphrase") {
    if (PASSPHRASE_PATTERN.test(text)) return { kind: "passphrase", bytes: new TextEncoder().encode(text) };
    problems.push({ path, message: `must be 8–63 bytes of printable ASCII (got ${describeLength(text)})` });
    return undefined;
  }
  if (PSK_HEX_PATTERN.test(text)) return { kind: "psk", hex: text.toLowerCase() };
  problems.push({ path, message: `must be exactly 64 hex digits (got ${describeLength(text)})` });
  return undefined;
}

/** A fixed WPS PIN, checked with the supplicant's rule (wps/pin.ts); null when refused (never echoed). */
async function resolvePin(
  ref: SecretRef,
  path: string,
  secrets: SecretReader,
  problems: Problem[],
): Promise<FixedPin | null> {
  const text = await readSecret(ref, path, secrets, problems);
  if (text === undefined) return null;
  const pin = normaliseFixedPin(text);
  if (pin.ok) return new FixedPin(pin.digits);
  problems.push({ path, message: describePinProblem(pin.problem, text) });
  return null;
}

/**
 * The text a `{ env }` / `{ file }` reference points at. A reference's name or path is text from the file
 * (an anchor, or a passphrase typed into the wrong place), so problems name the field, never the reference.
 */
async function readSecret(
  ref: SecretRef,
  path: string,
  secrets: SecretReader,
  problems: Problem[],
): Promise<string | undefined> {
  if (typeof ref === "string") return ref;
  if ("env" in ref) {
    const value = secrets.env(ref.env);
    if (typeof value === "string") return value;
    const why = value === undefined ? "is not set" : "is not valid UTF-8";
    problems.push({ path, message: `the environment variable it names ${why}` });
    return undefined;
  }
  const read = await secrets.readFile(ref.file);
  if (!read.ok) {
    problems.push({ path, message: `the file it names cannot be read: ${read.reason}` });
    return undefined;
  }
  if ((read.mode & 0o077) !== 0) {
    const mode = (read.mode & 0o777).toString(8).padStart(4, "0");
    problems.push({
      path,
      message: `the file it names has mode ${mode}; make it readable by its owner only`,
    });
    return undefined;
  }
  // Editors add a final newline; it is never part of a passphrase.
  return read.text.replace(/\r?\n$/, "");
}

/**
 * The length of a refused secret as wpa_supplicant counts it: bytes (hostap wpa_supplicant/config.c
 * wpa_config_parse_psk: `len = os_strlen(value)`, refused unless 8..63), with a note when some are not
 * printable ASCII. Never the value.
 */
function describeLength(text: string): string {
  const bytes = new TextEncoder().encode(text).length;
  // deno-lint-ignore no-control-regex -- control characters are exactly what we look for
  const controls = /[\x00-\x1f\x7f-\x9f]/.test(text) ? ", with control characters" : "";
  const other = [...text].some((c) => c.charCodeAt(0) > 0x7f) ? ", some not ASCII" : "";
  return `${bytes} bytes${controls}${other}`;
}

/** Removes undefined properties, so optional fields stay absent under exactOptionalPropertyTypes. */
function dropUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

function secretEnvNames(file: ProvisioningFile): string[] {
  const names = file.networks.flatMap((n) =>
    (n.method === "psk" ? [n.passphrase, n.psk] : n.method === "wps-pin" ? [n.pin] : [])
      .flatMap((r) => (typeof r === "object" && "env" in r ? [r.env] : []))
  );
  return [...new Set(names)];
}
