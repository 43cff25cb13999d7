// Decodes the WPS Credential attributes carried (as hex) by WPS-CRED-RECEIVED, and maps them to a key and
// a security setting. Total: malformed input gives { ok: false } with a message that never echoes secret bytes.

import { hexToBytes, utf8DecodeLossy } from "../bytes.ts";

/** One credential handed out by a WPS registrar. */
export interface WpsCredential {
  networkIndex?: number;
  ssid: Uint8Array;
  /** Bit flags: 0x01 open, 0x02 WPA-PSK, 0x04 shared, 0x08 WPA, 0x10 WPA2, 0x20 WPA2-PSK. */
  authType: number;
  /** Bit flags: 0x01 none, 0x02 WEP, 0x04 TKIP, 0x08 AES. */
  encrType: number;
  /** Raw Network Key attribute: a passphrase, 64 hex characters (a PSK), or empty. */
  key: Uint8Array;
  /** Registrar-side MAC address, lowercase colon form. */
  macAddress?: string;
}

/** The usable form of a credential's network key. */
export type CredentialKey = { kind: "passphrase"; bytes: Uint8Array } | { kind: "psk"; hex: string } | {
  kind: "none";
};

/** Result of decoding; `error` is short and holds no key material. */
export type DecodeResult = { ok: true; credentials: WpsCredential[] } | { ok: false; error: string };

const ATTR = {
  credential: 0x100e,
  networkIndex: 0x1026,
  ssid: 0x1045,
  authType: 0x1003,
  encrType: 0x100f,
  networkKey: 0x1027,
  macAddress: 0x1020,
} as const;

const AUTH = { wpaPsk: 0x02, wpa2Psk: 0x20 } as const;

interface Attr {
  type: number;
  value: Uint8Array;
}

const hex4 = (n: number) => `0x${n.toString(16).padStart(4, "0")}`;

/** Splits a type(2)/length(2)/value list; an error string when a header is cut or a length overruns. */
function readAttrs(bytes: Uint8Array, where: string): Attr[] | string {
  const attrs: Attr[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    if (bytes.length - pos < 4) return `Truncated attribute header at offset ${pos} of ${where}`;
    const type = ((bytes[pos] as number) << 8) | (bytes[pos + 1] as number);
    const len = ((bytes[pos + 2] as number) << 8) | (bytes[pos + 3] as number);
    if (pos + 4 + len > bytes.length) {
      return `Attribute ${hex4(type)} at offset ${pos} of ${where} overruns it`;
    }
    attrs.push({ type, value: bytes.subarray(pos + 4, pos + 4 + len) });
    pos += 4 + len;
  }
  return attrs;
}

const u16 = (v: Uint8Array) => ((v[0] as number) << 8) | (v[1] as number);
const mac = (v: Uint8Array) => [...v].map((b) => b.toString(16).padStart(2, "0")).join(":");

/** Checks the fixed sizes WPS gives each attribute we use (as hostap's wps_attr_parse does). */
function sizeError(a: Attr): string | null {
  const n = a.value.length;
  switch (a.type) {
    case ATTR.networkIndex:
      return n === 1 ? null : "Network Index must be 1 byte";
    case ATTR.ssid:
      return n <= 32 ? null : `SSID is ${n} bytes; at most 32 are allowed`;
    case ATTR.authType:
      return n === 2 ? null : "Authentication Type must be 2 bytes";
    case ATTR.encrType:
      return n === 2 ? null : "Encryption Type must be 2 bytes";
    case ATTR.networkKey:
      return n <= 64 ? null : `Network Key is ${n} bytes; at most 64 are allowed`;
    case ATTR.macAddress:
      return n === 6 ? null : "MAC Address must be 6 bytes";
    default:
      return null;
  }
}

/** Builds one credential from the attributes inside a 0x100e wrapper. */
function decodeOne(inner: Uint8Array, index: number): WpsCredential | string {
  const where = `credential ${index + 1}`;
  const attrs = readAttrs(inner, where);
  if (typeof attrs === "string") return attrs;
  const known = new Map<number, Uint8Array>();
  for (const a of attrs) {
    const err = sizeError(a);
    if (err) return `${err} (${where})`;
    if (!(Object.values(ATTR) as number[]).includes(a.type)) continue; // vendor extensions and the like
    if (known.has(a.type)) return `Duplicate attribute ${hex4(a.type)} in ${where}`;
    known.set(a.type, a.value);
  }
  const ssid = known.get(ATTR.ssid);
  const auth = known.get(ATTR.authType);
  const encr = known.get(ATTR.encrType);
  // An empty SSID names no network, and the config renderer needs 1–32 bytes.
  if (!ssid || ssid.length === 0) return `Missing or empty SSID in ${where}`;
  if (!auth) return `Missing Authentication Type in ${where}`;
  if (!encr) return `Missing Encryption Type in ${where}`;
  const index1 = known.get(ATTR.networkIndex);
  const macBytes = known.get(ATTR.macAddress);
  return {
    ...(index1 && { networkIndex: index1[0] as number }),
    ssid: Uint8Array.from(ssid),
    authType: u16(auth),
    encrType: u16(encr),
    key: Uint8Array.from(known.get(ATTR.networkKey) ?? []),
    ...(macBytes && { macAddress: mac(macBytes) }),
  };
}

/**
 * Decodes the hex of WPS-CRED-RECEIVED into one or more credentials; never throws. The hex is the raw
 * Credential attribute; each credential is normalised the way the supplicant's own M8 processing does
 * (`normalizeCredential`), and one the supplicant would have refused is an error here too.
 */
export function decodeCredentials(hex: string): DecodeResult {
  const bytes = hexToBytes(hex.trim());
  if (!bytes) return { ok: false, error: "Credential data is not valid hex" };
  const top = readAttrs(bytes, "the credential data");
  if (typeof top === "string") return { ok: false, error: top };
  const credentials: WpsCredential[] = [];
  for (const a of top) {
    if (a.type !== ATTR.credential) continue;
    const cred = decodeOne(a.value, credentials.length);
    if (typeof cred === "string") return { ok: false, error: cred };
    const normalized = normalizeCredential(cred, credentials.length);
    if (typeof normalized === "string") return { ok: false, error: normalized };
    credentials.push(normalized);
  }
  if (credentials.length === 0) return { ok: false, error: "No Credential attribute (0x100e) found" };
  return { ok: true, credentials };
}

const PSK_AUTH = AUTH.wpaPsk | AUTH.wpa2Psk;

/**
 * Mirrors hostap `src/wps/wps_attr_process.c`: `wps_process_cred_ssid` strips every trailing NUL of the
 * SSID (registrars that pad it to 32 octets); `wps_workaround_cred_key` drops ONE trailing NUL from a
 * WPA passphrase of 9–63 bytes, then refuses a WPA key shorter than 8 bytes or holding a control
 * character (bytes < 0x20 and 0x7f, NUL included). Returns the cleaned credential or an error without key bytes.
 */
export function normalizeCredential(c: WpsCredential, index = 0): WpsCredential | string {
  let ssidEnd = c.ssid.length;
  while (ssidEnd > 0 && c.ssid[ssidEnd - 1] === 0) ssidEnd--;
  if (ssidEnd === 0) return `Missing or empty SSID in credential ${index + 1}`;
  let key = c.key;
  if ((c.authType & PSK_AUTH) !== 0) {
    if (key.length > 8 && key.length < 64 && key[key.length - 1] === 0) key = key.subarray(0, key.length - 1);
    if (key.length < 8 || key.some((b) => b < 0x20 || b === 0x7f)) {
      return `Unusable WPA network key in credential ${
        index + 1
      } (not 8–63 printable bytes or 64 hex digits)`;
    }
  }
  return { ...c, ssid: c.ssid.slice(0, ssidEnd), key: Uint8Array.from(key) };
}

/** The usable key of a normalised credential: 64 hex characters → PSK, empty → none, else a passphrase. */
export function credentialKey(c: WpsCredential): CredentialKey {
  const bytes = c.key;
  if (bytes.length === 0) return { kind: "none" };
  const text = utf8DecodeLossy(bytes);
  if (bytes.length === 64 && /^[0-9a-fA-F]{64}$/.test(text)) return { kind: "psk", hex: text.toLowerCase() };
  return { kind: "passphrase", bytes };
}
