// Renders one network as a wpa_supplicant config file. All quoting decisions live here, made against the
// reading rules of wpa_supplicant's config_file.c/config.c, so no SSID or key can add a line or a key.

import { bytesToHex, isPrintableAscii, utf8DecodeStrict } from "../bytes.ts";

/** The key_mgmt values wifiprov writes. */
export type KeyMgmt = "WPA-PSK" | "SAE" | "WPA-PSK SAE" | "NONE";

/** The secret to write; `derivedPskHex` is required when `needsDerivedPsk(bytes)` (render stays sync). */
export type RenderKey =
  | { kind: "passphrase"; bytes: Uint8Array; derivedPskHex?: string }
  | { kind: "psk"; hex: string }
  | { kind: "none" };

/** One `network={}` block. */
export interface NetworkBlock {
  ssid: Uint8Array;
  key: RenderKey;
  keyMgmt: KeyMgmt;
  proto?: string;
  pairwise?: string;
  priority?: number;
  hidden?: boolean;
  ieee80211w?: 0 | 1 | 2;
}

/** A whole config file: globals, an optional comment and one network. */
export interface ConfigFile {
  ctrlInterface: string;
  country?: string;
  network: NetworkBlock;
  comment?: string;
}

/** A header line callers can pass as `comment`. */
export const SECRET_NOTICE = "written by wifiprov — holds a secret; keep mode 0600";

/** Whether a config's first line is the header wifiprov writes (so wifiprov may replace it). */
export function wifiprovWrote(text: string): boolean {
  return text.split("\n", 1)[0] === `# ${SECRET_NOTICE}`;
}

// Enumerations of cipher/protocol names: capitals, digits and dashes, separated by single spaces.
const NAME_LIST = /^[A-Z0-9-]+(?: [A-Z0-9-]+)*$/;
const HEX64 = /^[0-9a-fA-F]{64}$/;
// Control characters (and Unicode line separators, for human readers) would end or garble a comment line.
// deno-lint-ignore no-control-regex
const COMMENT_UNSAFE = /[\x00-\x1f\x7f\u2028\u2029]/g;
// Global strings are taken raw up to the end of the line, and an unquoted `#` would start a comment.
// deno-lint-ignore no-control-regex
const CTRL_UNSAFE = /[\x00-\x1f\x7f#"]/;

/** Thrown for inputs that validation should have rejected before rendering: a bug, not a user error. */
function bug(message: string): never {
  throw new RangeError(`renderConfig: ${message}`);
}

/**
 * True when a passphrase cannot be written as `psk="..."`: wpa_supplicant wants 8–63 bytes with no control
 * character (< 0x20, 0x7f); a `"` would end the quoted region early; and bytes that are not valid UTF-8
 * cannot be carried in the rendered text. Such passphrases are written as the derived PSK instead.
 */
export function needsDerivedPsk(passphrase: Uint8Array): boolean {
  if (passphrase.length < 8 || passphrase.length > 63) return true;
  if (passphrase.some((b) => b < 0x20 || b === 0x7f || b === 0x22)) return true;
  return utf8DecodeStrict(passphrase) === null;
}

/** `ssid="..."` for plain printable ASCII without quotes, else unquoted hex (any bytes at all). */
function ssidLine(ssid: Uint8Array): string {
  if (ssid.length < 1 || ssid.length > 32) bug(`SSID must be 1–32 bytes, got ${ssid.length}`);
  if (isPrintableAscii(ssid) && !ssid.includes(0x22)) return `ssid="${String.fromCharCode(...ssid)}"`;
  return `ssid=${bytesToHex(ssid)}`;
}

/** The psk/sae_password lines for a key, checked against key_mgmt. */
function keyLines(key: RenderKey, keyMgmt: KeyMgmt): string[] {
  const sae = keyMgmt.includes("SAE");
  if (key.kind === "none") {
    if (keyMgmt !== "NONE") bug(`key_mgmt ${keyMgmt} needs a key`);
    return [];
  }
  if (keyMgmt === "NONE") bug("key_mgmt NONE cannot carry a key");
  if (key.kind === "psk") {
    if (!HEX64.test(key.hex)) bug("a raw PSK must be 64 hex characters");
    if (keyMgmt === "SAE") bug("SAE cannot use a raw PSK");
    return [`psk=${key.hex.toLowerCase()}`];
  }
  if (key.bytes.length === 0) bug("a passphrase cannot be empty");
  if (!needsDerivedPsk(key.bytes)) return [`psk="${utf8DecodeStrict(key.bytes)}"`];
  const derived = key.derivedPskHex;
  if (derived === undefined || !HEX64.test(derived)) bug("this passphrase needs derivedPskHex (64 hex)");
  if (!sae) return [`psk=${derived.toLowerCase()}`];
  // SAE reads sae_password as a C string, so an embedded NUL would silently shorten it.
  if (key.bytes.includes(0)) bug("an SAE passphrase cannot contain a NUL byte");
  // wpa_config_parse_string takes unquoted hex for string fields, so SAE gets the exact bytes.
  return [`psk=${derived.toLowerCase()}`, `sae_password=${bytesToHex(key.bytes)}`];
}

/** ieee80211w: as given, else what SAE needs (2 for SAE only, 1 for the transition mix). */
function pmfValue(n: NetworkBlock): number | undefined {
  if (n.ieee80211w !== undefined) return n.ieee80211w;
  if (n.keyMgmt === "SAE") return 2;
  if (n.keyMgmt === "WPA-PSK SAE") return 1;
  return undefined;
}

/** The optional lines, each an empty or one-line list, after checking they cannot break a line. */
function optionalLines(n: NetworkBlock): Record<"proto" | "pairwise" | "pmf" | "prio", string[]> {
  if (n.proto !== undefined && !NAME_LIST.test(n.proto)) bug(`invalid proto "${n.proto}"`);
  if (n.pairwise !== undefined && !NAME_LIST.test(n.pairwise)) bug(`invalid pairwise "${n.pairwise}"`);
  // wpa_supplicant stores priority in a C int.
  const prio = n.priority;
  if (prio !== undefined && !(Number.isInteger(prio) && prio >= 0 && prio < 2 ** 31)) {
    bug(`invalid priority ${prio}`);
  }
  const pmf = pmfValue(n);
  if (pmf !== undefined && ![0, 1, 2].includes(pmf)) bug(`invalid ieee80211w ${pmf}`);
  return {
    proto: n.proto === undefined ? [] : [`proto=${n.proto}`],
    pairwise: n.pairwise === undefined ? [] : [`pairwise=${n.pairwise}`],
    pmf: pmf === undefined ? [] : [`ieee80211w=${pmf}`],
    prio: n.priority === undefined ? [] : [`priority=${n.priority}`],
  };
}

function networkLines(n: NetworkBlock): string[] {
  const opt = optionalLines(n);
  const body = [
    ssidLine(n.ssid),
    ...(n.hidden ? ["scan_ssid=1"] : []),
    `key_mgmt=${n.keyMgmt}`,
    ...opt.proto,
    ...opt.pairwise,
    ...opt.pmf,
    ...keyLines(n.key, n.keyMgmt),
    ...opt.prio,
  ];
  return ["network={", ...body.map((line) => `\t${line}`), "}"];
}

/** Comment lines: one "# " line per input line, control characters blanked so none can end the line. */
function commentLines(comment: string | undefined): string[] {
  if (comment === undefined) return [];
  return comment.split(/\r\n|\r|\n/).map((line) => `# ${line.replace(COMMENT_UNSAFE, " ")}`.trimEnd());
}

function globalLines(file: ConfigFile): string[] {
  const ctrl = file.ctrlInterface;
  if (ctrl === "" || CTRL_UNSAFE.test(ctrl) || ctrl.trim() !== ctrl) {
    bug(`invalid ctrl_interface "${ctrl}"`);
  }
  if (file.country !== undefined && !/^[A-Z]{2}$/.test(file.country)) {
    bug(`invalid country "${file.country}"`);
  }
  return [
    `ctrl_interface=${ctrl}`,
    "update_config=1",
    ...(file.country === undefined ? [] : [`country=${file.country}`]),
  ];
}

/** Renders the config text (tab-indented block, trailing newline); throws RangeError on invalid input. */
export function renderConfig(file: ConfigFile): string {
  const lines = [...commentLines(file.comment), ...globalLines(file), "", ...networkLines(file.network)];
  return lines.join("\n") + "\n";
}
