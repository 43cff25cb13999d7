// Parses what wpa_cli and the control interface print: command replies, event lines, scan results, `bss`
// and `status` replies. Pure and total: garbage in gives null, an empty list or absent fields, never a throw.

import { printfDecode, utf8DecodeLossy } from "../bytes.ts";
import { wpsUuidE } from "./wps_ie.ts";

/** Re-exported: scan results and `bss` replies carry SSIDs in wpa_supplicant's printf escaping. */
export { printfDecode };

/** A wpa_cli/ctrl-iface reply, classified. wpa_cli exits 0 even on FAIL, so callers must look at this. */
export type Reply =
  | { kind: "ok" }
  | { kind: "fail"; text: string }
  | { kind: "unknown-command" }
  | { kind: "data"; text: string };

// wpa_cli's own failures ("'PING' command failed.", "'X' command timed out.") are not daemon data.
const CLI_FAILURE = /^'[^']*' command (?:failed|timed out)\.$/;

/** Classifies a reply by its first line; `data` keeps the whole text minus one trailing newline. */
export function classifyReply(raw: string): Reply {
  const text = raw.replace(/\r?\n$/, "");
  const first = (text.split("\n")[0] ?? "").replace(/\s+$/, "");
  if (first === "OK") return { kind: "ok" };
  if (first === "FAIL" || first.startsWith("FAIL-") || CLI_FAILURE.test(first)) {
    return { kind: "fail", text: first };
  }
  if (first === "UNKNOWN COMMAND" || /^Unknown command '.*'$/.test(first)) return { kind: "unknown-command" };
  return { kind: "data", text };
}

/** One event line from an interactive wpa_cli, e.g. "> \r<3>WPS-SUCCESS ". */
export interface WpaEvent {
  /** First token, e.g. "WPS-SUCCESS", "CTRL-EVENT-CONNECTED". */
  name: string;
  /**
   * The rest of the line after the one space that follows the name, without the line end: an argument's own
   * leading and trailing spaces are bytes (DPP-CONFOBJ-SSID " LabNet "), so consumers trim only what they parse.
   */
  args: string;
  /** The `<N>` message level. */
  level: number;
}

// wpa_cli redraws its prompt around events ("> ", "\r", spaces from clearing the line); a global control
// interface adds "IFNAME=wlan0 " before the level.
const EVENT_LINE = /^[> \t\r]*(?:IFNAME=\S+ )?<(\d{1,3})>(\S+)([\s\S]*)$/;

/**
 * Parses one event line; null for anything without a `<N>` level (banner, replies, "Connection ... lost").
 * hostap's wpa_msg writes "NAME args" and wpa_cli ends the line with "\n" (a tty may add "\r"): exactly those
 * are the protocol's separators, everything between them is the event's argument text, never trimmed.
 */
export function parseEventLine(line: string): WpaEvent | null {
  const m = EVENT_LINE.exec(line);
  if (!m) return null;
  const args = (m[3] as string).replace(/[\r\n]+$/, "").replace(/^ /, "");
  return { name: m[2] as string, args, level: Number(m[1]) };
}

function intField(args: string, key: string): number | undefined {
  const m = new RegExp(`(?:^|\\s)${key}=(-?\\d+)`).exec(args);
  return m ? Number(m[1]) : undefined;
}

/** Fields of a WPS-FAIL (or WPS-M2D) event: "msg=8 config_error=18 reason=3 (Authentication failure)". */
export function parseWpsFail(
  args: string,
): { msg?: number; configError?: number; reason?: number; reasonText?: string } {
  const msg = intField(args, "msg");
  const configError = intField(args, "config_error");
  const reason = intField(args, "reason");
  const text = /(?:^|\s)reason=\d+\s+\(([^)]*)\)/.exec(args)?.[1];
  return {
    ...(msg !== undefined && { msg }),
    ...(configError !== undefined && { configError }),
    ...(reason !== undefined && { reason }),
    ...(text !== undefined && { reasonText: text }),
  };
}

/** Fields of CTRL-EVENT-CONNECTED: "- Connection to 02:00:00:00:00:00 completed [id=0 id_str=]". */
export function parseConnected(args: string): { bssid?: string; networkId?: number } {
  const bssid = /Connection to ([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})(?:\s|$)/.exec(args)?.[1];
  const id = /\[id=(\d+)/.exec(args)?.[1];
  return {
    ...(bssid !== undefined && { bssid: bssid.toLowerCase() }),
    ...(id !== undefined && { networkId: Number(id) }),
  };
}

/** Fields of CTRL-EVENT-DISCONNECTED: "bssid=02:00:00:00:00:00 reason=3 locally_generated=1". */
export function parseDisconnected(
  args: string,
): { bssid?: string; reason?: number; locallyGenerated: boolean } {
  const bssid = /(?:^|\s)bssid=([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})(?:\s|$)/.exec(args)?.[1];
  const reason = intField(args, "reason");
  return {
    ...(bssid !== undefined && { bssid: bssid.toLowerCase() }),
    ...(reason !== undefined && { reason }),
    locallyGenerated: intField(args, "locally_generated") === 1,
  };
}

/** Which WPS mode an AP advertises; exactly one WPS flag appears in scan results. */
export type WpsState = "pbc" | "auth" | "pin" | "wps" | "none";

/** One row of scan_results (or a `bss` reply). */
export interface ScanEntry {
  bssid: string;
  frequency: number;
  signal: number;
  flags: string[];
  /** The SSID's raw bytes (printf escapes decoded). */
  ssid: Uint8Array;
  /** The SSID for display: UTF-8 decoded, invalid sequences as U+FFFD. */
  ssidText: string;
  wps: WpsState;
  /** True when any flag mentions SAE (WPA3-Personal or transition mode). */
  sae: boolean;
}

/**
 * A `bss` reply also carries the supplicant's BSS id, used to walk the table with `bss NEXT-<id>`, and the
 * UUID-E of its WPS IE (32 hex digits), which tells two BSSes of one dual-band router apart from two routers.
 */
export type BssEntry = ScanEntry & { id?: number; uuidE?: string };

// A Map, not an object literal: a hostile flag such as "[constructor]" must not hit Object.prototype.
const WPS_FLAGS = new Map<string, WpsState>([
  ["WPS-PBC", "pbc"],
  ["WPS-AUTH", "auth"],
  ["WPS-PIN", "pin"],
  ["WPS", "wps"],
]);
const BSSID = /^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}$/;
// A reply cut at the 4096-byte cap can end inside the flags; such a row must not pass for a hidden network.
const FLAGS = /^(?:\[[^[\]]*\])*$/;

function parseFlags(text: string): string[] {
  return [...text.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] as string);
}

function buildEntry(
  bssid: string,
  freq: string,
  level: string,
  flagText: string,
  ssidRaw: string,
): ScanEntry | null {
  if (!BSSID.test(bssid) || !/^\d+$/.test(freq) || !/^-?\d+$/.test(level) || !FLAGS.test(flagText)) {
    return null;
  }
  const flags = parseFlags(flagText);
  const ssid = printfDecode(ssidRaw);
  return {
    bssid: bssid.toLowerCase(),
    frequency: Number(freq),
    signal: Number(level),
    flags,
    ssid,
    ssidText: utf8DecodeLossy(ssid),
    wps: flags.map((f) => WPS_FLAGS.get(f)).find((w) => w !== undefined) ?? "none",
    sae: flags.some((f) => f.includes("SAE")),
  };
}

/** Parses a scan_results reply; the header and garbled rows are skipped. */
export function parseScanResults(text: string): ScanEntry[] {
  const entries: ScanEntry[] = [];
  for (const rawLine of text.split("\n")) {
    const fields = rawLine.replace(/\r$/, "").split("\t");
    // printf_encode escapes tabs inside SSIDs, so a row has 5 fields; a hidden SSID's may lose its empty tail.
    if (fields.length < 4 || fields.length > 5) continue;
    const [bssid, freq, level, flags, ssid] = fields as [string, string, string, string, string?];
    const entry = buildEntry(bssid, freq, level, flags, ssid ?? "");
    if (entry) entries.push(entry);
  }
  return entries;
}

/** Parses a `bss <id>` reply (key=value lines); null when bssid, freq or level is missing or malformed. */
export function parseBss(text: string): BssEntry | null {
  const kv = parseKeyValues(text);
  const entry = buildEntry(
    kv.get("bssid") ?? "",
    kv.get("freq") ?? "",
    kv.get("level") ?? "",
    kv.get("flags") ?? "",
    kv.get("ssid") ?? "",
  );
  if (!entry) return null;
  const id = kv.get("id");
  const uuidE = wpsUuidE(kv.get("ie") ?? "");
  return {
    ...entry,
    ...(id !== undefined && /^\d+$/.test(id) ? { id: Number(id) } : {}),
    ...(uuidE ? { uuidE } : {}),
  };
}

/** Parses key=value lines (`status`, `bss`); lines without a key are ignored, a repeated key keeps the last. */
export function parseKeyValues(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const rawLine of text.split("\n")) {
    const line = rawLine.replace(/\r$/, "");
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    // Values are not trimmed: an SSID may legitimately end in a space.
    map.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return map;
}

/** One row of `list_networks`: "id / ssid / bssid / flags", e.g. "0\tHome\tany\t[DISABLED]". */
export interface NetworkListEntry {
  id: number;
  /** The SSID as printed (printf-escaped), kept as text to compare snapshots. */
  ssid: string;
  bssid: string;
  flags: string[];
  /** True when the network carries `[DISABLED]` (disabled=1; `[TEMP-DISABLED]` is not disabled). */
  disabled: boolean;
}

/** Parses a `list_networks` reply; the header and garbled rows are skipped. */
export function parseNetworkList(text: string): NetworkListEntry[] {
  const entries: NetworkListEntry[] = [];
  for (const rawLine of text.split("\n")) {
    const fields = rawLine.replace(/\r$/, "").split("\t");
    if (fields.length !== 4 || !/^\d+$/.test(fields[0]!)) continue;
    const [id, ssid, bssid, flagText] = fields as [string, string, string, string];
    const flags = parseFlags(flagText);
    entries.push({ id: Number(id), ssid, bssid, flags, disabled: flags.includes("DISABLED") });
  }
  return entries;
}
