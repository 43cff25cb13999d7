// Readers for the evidence the issue 10 field scenarios leave (scripts/lab/guest/field.sh): list_networks
// snapshots, WPS Credential hex (extra_cred files and what a witness enrollee received), written network blocks.
import { join } from "node:path";
import type { Evidence, Report } from "./evidence.ts";

/** One row of `wpa_cli list_networks`, with only the flag the checks compare. */
export interface NetworkRow {
  id: string;
  ssid: string;
  bssid: string;
  disabled: boolean;
  flags: string;
}

/** The report fields the field checks need beyond evidence.ts's `Report`. */
export interface FieldReport extends Report {
  error?: { reason: string; message: string };
  interrupted?: boolean;
}

/** Parses `<tag>-networks.txt` (header `network id / ssid / bssid / flags`, then tab-separated rows). */
export function networkRows(e: Evidence, tag: string): NetworkRow[] {
  const text = e.text(`${tag}-networks.txt`);
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (!/^network id \/ ssid/.test(lines[0] ?? "")) {
    throw new Error(`${tag}-networks.txt is not a list_networks reply:\n${text}`);
  }
  return lines.slice(1).map((line) => {
    const [id = "", ssid = "", bssid = "", flags = ""] = line.split("\t");
    return { id, ssid, bssid, flags, disabled: flags.includes("[DISABLED]") };
  });
}

/** What the checks compare of a network: id, SSID, BSSID and the DISABLED flag (not CURRENT/TEMP-DISABLED). */
export function comparable(rows: readonly NetworkRow[]): string[] {
  return rows.map((r) => `${r.id}\t${r.ssid}\t${r.bssid}\t${r.disabled ? "DISABLED" : "enabled"}`);
}

/** The raw bytes of an evidence file. */
export function bytes(e: Evidence, name: string): Uint8Array {
  return Deno.readFileSync(join(e.dir, name));
}

/** `key=value` lines of an evidence file as a map (first occurrence wins). */
export function keyValues(e: Evidence, name: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of e.text(name).split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0 && !map.has(line.slice(0, eq))) map.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return map;
}

/** The report with its optional environment error and interruption flag. */
export function fieldReport(e: Evidence): FieldReport {
  return e.report() as FieldReport;
}

/** One WPS attribute: type and value bytes. */
export interface Attribute {
  type: number;
  value: Uint8Array;
}

function hexBytes(hex: string): Uint8Array {
  const clean = hex.trim();
  if (!/^([0-9a-f]{2})*$/i.test(clean)) throw new Error(`Not hex: ${clean.slice(0, 40)}…`);
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** Splits big-endian type(2)/length(2)/value attributes; throws on a truncated one. */
export function attributes(data: Uint8Array): Attribute[] {
  const out: Attribute[] = [];
  for (let i = 0; i < data.length;) {
    if (i + 4 > data.length) throw new Error(`Truncated attribute header at byte ${i}`);
    const type = (data[i]! << 8) | data[i + 1]!;
    const length = (data[i + 2]! << 8) | data[i + 3]!;
    if (i + 4 + length > data.length) throw new Error(`Attribute 0x${type.toString(16)} overruns the data`);
    out.push({ type, value: data.slice(i + 4, i + 4 + length) });
    i += 4 + length;
  }
  return out;
}

/** A decoded Credential (0x100e): SSID bytes, auth and encryption types, MAC (no key: it is a secret). */
export interface Credential {
  ssid: Uint8Array;
  authType: number;
  encrType: number;
  mac: string;
}

function u16(a: Attribute | undefined): number {
  return a === undefined ? -1 : (a.value[0]! << 8) | a.value[1]!;
}

/** Decodes every Credential attribute in hex (an extra_cred file or WPS-CRED-RECEIVED payloads). */
export function credentials(hex: string): Credential[] {
  return attributes(hexBytes(hex)).map((outer) => {
    if (outer.type !== 0x100e) {
      throw new Error(`Expected a Credential (0x100e), got 0x${outer.type.toString(16)}`);
    }
    const inner = attributes(outer.value);
    const find = (t: number) => inner.find((a) => a.type === t);
    const mac = find(0x1020)?.value ?? new Uint8Array();
    return {
      ssid: find(0x1045)?.value ?? new Uint8Array(),
      authType: u16(find(0x1003)),
      encrType: u16(find(0x100f)),
      mac: Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join(":"),
    };
  });
}

/** The `key=value` settings of the single network block of a written config. */
export function networkBlock(text: string): Map<string, string> {
  const block = text.match(/^network=\{\n([\s\S]*?)^\}/m)?.[1];
  if (block === undefined) throw new Error(`No network block in:\n${text}`);
  const map = new Map<string, string>();
  for (const line of block.split("\n")) {
    const m = line.match(/^\s*([a-z_0-9]+)=(.*)$/);
    if (m) map.set(m[1]!, m[2]!);
  }
  return map;
}

/** The SSID bytes of a config value: `"text"` or unquoted hex. */
export function ssidValue(value: string | undefined): Uint8Array {
  if (value === undefined) return new Uint8Array();
  if (value.startsWith('"') && value.endsWith('"')) return new TextEncoder().encode(value.slice(1, -1));
  return hexBytes(value);
}

/** wpa_supplicant's defaults for fields a network block leaves out (config.h DEFAULT_PROTO etc.). */
const DEFAULTS: Record<string, string> = {
  proto: "WPA RSN",
  pairwise: "CCMP TKIP",
  key_mgmt: "WPA-PSK WPA-EAP",
};

/** A field's value as the supplicant would use it: sorted tokens, the default when the block omits it. */
export function effective(block: Map<string, string>, field: "proto" | "pairwise" | "key_mgmt"): string {
  return tokens(block.get(field) ?? DEFAULTS[field] ?? "");
}

/** Space-separated tokens, sorted, so `TKIP CCMP` equals `CCMP TKIP`. */
export function tokens(value: string): string {
  return value.trim().split(/\s+/).filter((t) => t !== "").sort().join(" ");
}
