// The fake supplicant's configuration semantics: parsing a wpa_supplicant.conf into globals and networks,
// network field values as `set_network`/`get_network` take and give them, and wpa_config_write's text.
// Facts from hostap wpa_supplicant/config_file.c (wpa_config_write, wpa_config_write_global/_network) and
// config.c (defaults: proto WPA RSN, key_mgmt WPA-PSK WPA-EAP, pairwise/group CCMP TKIP, auth_alg unset).
import { pbkdf2Sync } from "node:crypto";

/** Canonical token order of each set-valued network field, as wpa_config_get prints it. */
const ORDER = {
  proto: ["WPA", "RSN", "OSEN"],
  key_mgmt: [
    "WPA-PSK",
    "WPA-EAP",
    "IEEE8021X",
    "NONE",
    "WPA-NONE",
    "FT-PSK",
    "FT-EAP",
    "FT-EAP-SHA384",
    "WPA-EAP-SHA384",
    "WPA-PSK-SHA256",
    "WPA-EAP-SHA256",
    "WPS",
    "SAE",
    "SAE-EXT-KEY",
    "FT-SAE",
    "FT-SAE-EXT-KEY",
    "OWE",
    "DPP",
  ],
  pairwise: ["CCMP-256", "GCMP-256", "CCMP", "GCMP", "TKIP", "NONE"],
  group: ["CCMP-256", "GCMP-256", "CCMP", "GCMP", "TKIP", "WEP104", "WEP40"],
  auth_alg: ["OPEN", "SHARED", "LEAP"],
};
const DEFAULTS = { proto: "WPA RSN", key_mgmt: "WPA-PSK WPA-EAP", pairwise: "CCMP TKIP", group: "CCMP TKIP" };
/** Plain network fields the fake accepts (set_network answers FAIL for others), in wpa_config_write order. */
const PLAIN = ["scan_ssid", "bssid", "priority", "mode", "ieee80211w", "id_str"];
/** Global fields in wpa_config_write_global order (a subset); others are kept and written after them. */
const GLOBAL_ORDER = [
  "ctrl_interface",
  "ctrl_interface_group",
  "eapol_version",
  "ap_scan",
  "fast_reauth",
  "update_config",
  "uuid",
  "device_name",
  "config_methods",
  "wps_cred_processing",
  "wps_cred_add_sae",
  "p2p_disabled",
  "country",
  "pmf",
  "sae_pwe",
];
/** Integer globals written only when not 0 (update_config, wps_cred_processing, …). */
const ZERO_DEFAULT = new Set(["update_config", "wps_cred_processing", "wps_cred_add_sae", "p2p_disabled"]);

/** Sorts a token list into wpa_supplicant's order; throws on a token the field does not know. */
export function canonicalTokens(field, text) {
  const tokens = text.trim().split(/\s+/).filter(Boolean).map((
    t,
  ) => (field === "proto" && t === "WPA2" ? "RSN" : t));
  for (const t of tokens) if (!ORDER[field].includes(t)) throw new Error(`bad ${field} token ${t}`);
  if (tokens.length === 0) throw new Error(`empty ${field}`);
  return ORDER[field].filter((t) => tokens.includes(t)).join(" ");
}

/** A new network as wpa_config_set_network_defaults leaves it (ssid/psk unset, enabled unless told). */
export function newNetwork(id) {
  return {
    id,
    ssidHex: null,
    psk: null,
    ...DEFAULTS,
    auth_alg: "",
    plain: {},
    disabled: 0,
    disabledForConnect: false,
    tempDisabled: false,
    temporary: false,
    wps: false,
    wpsRun: 0,
  };
}

/**
 * Applies one `set_network` (or config-file) assignment; throws when wpa_supplicant would answer FAIL.
 * `value` is a byte string (one character per byte, latin1), as are the passphrases kept in the state.
 */
export function setField(net, name, value) {
  if (name === "ssid") net.ssidHex = parseSsid(value);
  else if (name === "psk") net.psk = parsePsk(value);
  else if (name in ORDER) net[name] = canonicalTokens(name, value);
  else if (name === "disabled") net.disabled = Number(value) === 1 ? 1 : 0;
  else if (PLAIN.includes(name)) net.plain[name] = value;
  else throw new Error(`unknown network field ${name}`);
}

/** `get_network` value: quoted text or hex for the SSID, `*` for a key (wpa_config_get_no_key). */
export function getField(net, name) {
  if (name === "ssid") return net.ssidHex === null ? null : quoteOrHex(net.ssidHex);
  if (name === "psk") return net.psk === null ? null : "*";
  if (name in ORDER) return net[name] || null;
  if (name === "disabled") return String(net.disabled);
  return net.plain[name] ?? null;
}

/** Bytes (hex) of a config SSID value: "text" or an even-length hex string. */
function parseSsid(value) {
  if (/^".*"$/s.test(value)) return Buffer.from(value.slice(1, -1), "latin1").toString("hex");
  if (/^([0-9a-fA-F]{2}){1,32}$/.test(value)) return value.toLowerCase();
  throw new Error("bad ssid");
}

function parsePsk(value) {
  if (/^".*"$/s.test(value)) {
    const pass = value.slice(1, -1);
    if (pass.length < 8 || pass.length > 63) throw new Error("bad passphrase length");
    return { passphrase: pass };
  }
  if (/^[0-9a-fA-F]{64}$/.test(value)) return { hex: value.toLowerCase() };
  throw new Error("bad psk");
}

/** The 32-byte PMK (hex) a network's psk stands for, given the network's SSID. */
export function pmkHex(psk, ssidHex) {
  if (psk.hex) return psk.hex;
  const pass = Buffer.from(psk.passphrase, "latin1");
  return pbkdf2Sync(pass, Buffer.from(ssidHex, "hex"), 4096, 32, "sha1").toString("hex");
}

/** wpa_config_write_string: quoted when every byte is printable ASCII, hex otherwise. */
export function quoteOrHex(hex) {
  const b = Buffer.from(hex, "hex");
  const printable = b.length > 0 && [...b].every((x) => x >= 0x20 && x < 0x7f);
  return printable ? `"${b.toString("latin1")}"` : hex;
}

/** Splits a wpa_supplicant.conf into ordered globals ([name, value]) and network assignments. */
export function parseConfig(text) {
  const globals = [];
  const networks = [];
  let current = null;
  for (const raw of text.split("\n")) {
    const line = stripComment(raw).trim();
    if (line === "") continue;
    if (line === "network={") current = [];
    else if (line === "}" && current) {
      networks.push(current);
      current = null;
    } else {
      const eq = line.indexOf("=");
      if (eq < 0) continue;
      const pair = [line.slice(0, eq), line.slice(eq + 1)];
      (current ?? globals).push(pair);
    }
  }
  return { globals, networks };
}

/** A `#` starts a comment unless it sits inside double quotes (wpa_config_get_line). */
function stripComment(line) {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === "#" && !quoted) return line.slice(0, i);
  }
  return line;
}

/** wpa_config_write's text (a byte string: write it as latin1): globals, then every non-temporary, non-WPS network; comments are gone. */
export function renderConfig(globals, networks) {
  const known = GLOBAL_ORDER.filter((k) => k in globals);
  const rest = Object.keys(globals).filter((k) => !GLOBAL_ORDER.includes(k));
  let out = "";
  for (const k of [...known, ...rest]) {
    if (ZERO_DEFAULT.has(k) && Number(globals[k]) === 0) continue;
    out += `${k}=${globals[k]}\n`;
  }
  for (const net of networks) {
    if (net.wps || net.temporary) continue;
    if (net.key_mgmt.split(" ").includes("WPA-PSK") && !net.psk) continue; // "do not save invalid network"
    out += `\nnetwork={\n${renderNetwork(net)}}\n`;
  }
  return out;
}

function renderNetwork(net) {
  const lines = [];
  const put = (k, v) => lines.push(`\t${k}=${v}\n`);
  if (net.ssidHex !== null) put("ssid", quoteOrHex(net.ssidHex));
  if (net.plain.scan_ssid) put("scan_ssid", net.plain.scan_ssid);
  if (net.plain.bssid) put("bssid", net.plain.bssid);
  if (net.psk) put("psk", net.psk.hex ?? `"${net.psk.passphrase}"`);
  if (net.proto !== DEFAULTS.proto) put("proto", net.proto);
  if (net.key_mgmt !== DEFAULTS.key_mgmt) put("key_mgmt", net.key_mgmt);
  if (net.pairwise !== DEFAULTS.pairwise) put("pairwise", net.pairwise);
  if (net.group !== DEFAULTS.group) put("group", net.group);
  if (net.auth_alg) put("auth_alg", net.auth_alg);
  if (net.plain.priority && net.plain.priority !== "0") put("priority", net.plain.priority);
  if (net.plain.mode && net.plain.mode !== "0") put("mode", net.plain.mode);
  if (net.disabled) put("disabled", String(net.disabled));
  if (net.plain.ieee80211w) put("ieee80211w", net.plain.ieee80211w);
  if (net.plain.id_str) put("id_str", net.plain.id_str);
  return lines.join("");
}
