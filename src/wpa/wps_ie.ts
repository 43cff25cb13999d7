// Reads the UUID-E out of the WPS information element of a `bss` reply's `ie=` hex. Pure and total.
// Mirrors hostap: the WPS IE is the vendor-specific element 0xdd with OUI 00:50:f2 type 4 (may be split
// over several elements, concatenated as wpa_bss_get_vendor_ie_multi does); UUID-E is attribute 0x1047.
import { hexToBytes } from "../bytes.ts";

const VENDOR_SPECIFIC = 0xdd;
const WPS_OUI_TYPE = [0x00, 0x50, 0xf2, 0x04];
const ATTR_UUID_E = 0x1047;
const UUID_LEN = 16;

/** The UUID-E (32 lowercase hex digits) the BSS advertises in its WPS IE, or null when it has none. */
export function wpsUuidE(ieHex: string): string | null {
  const ies = hexToBytes(ieHex.trim());
  if (!ies) return null;
  const wps = wpsPayload(ies);
  if (wps.length === 0) return null;
  let pos = 0;
  while (pos + 4 <= wps.length) {
    const type = (wps[pos]! << 8) | wps[pos + 1]!;
    const len = (wps[pos + 2]! << 8) | wps[pos + 3]!;
    if (pos + 4 + len > wps.length) return null;
    if (type === ATTR_UUID_E) {
      if (len !== UUID_LEN) return null;
      return [...wps.subarray(pos + 4, pos + 4 + len)].map((b) => b.toString(16).padStart(2, "0")).join("");
    }
    pos += 4 + len;
  }
  return null;
}

/** The concatenated bodies of every WPS vendor element, OUI and type stripped. */
function wpsPayload(ies: Uint8Array): Uint8Array {
  const parts: number[] = [];
  let pos = 0;
  while (pos + 2 <= ies.length) {
    const id = ies[pos]!;
    const len = ies[pos + 1]!;
    if (pos + 2 + len > ies.length) break;
    const body = ies.subarray(pos + 2, pos + 2 + len);
    if (id === VENDOR_SPECIFIC && len >= 4 && WPS_OUI_TYPE.every((b, i) => body[i] === b)) {
      parts.push(...body.subarray(4));
    }
    pos += 2 + len;
  }
  return Uint8Array.from(parts);
}
