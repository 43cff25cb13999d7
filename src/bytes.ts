// Small byte helpers shared by the parsers and the config renderer: hex, UTF-8, character classes and
// wpa_supplicant's printf-style escaping. Nothing here throws on bad input.

const HEX_PAIR = /^(?:[0-9a-fA-F]{2})*$/;
const encoder = new TextEncoder();
const lossyDecoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decodes hex (either case) to bytes; null on odd length or a non-hex character. */
export function hexToBytes(hex: string): Uint8Array | null {
  if (!HEX_PAIR.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Encodes bytes as lowercase hex. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

/** True when the string is hex of even length (either case); true for "". */
export function isHex(s: string): boolean {
  return HEX_PAIR.test(s);
}

/** Encodes a string as UTF-8. */
export function utf8Encode(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Decodes UTF-8 for display: invalid sequences become U+FFFD, a leading BOM is kept. */
export function utf8DecodeLossy(bytes: Uint8Array): string {
  return lossyDecoder.decode(bytes);
}

/** Decodes UTF-8 exactly, or returns null when the bytes are not valid UTF-8 (so they cannot live in text). */
export function utf8DecodeStrict(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** True when every byte is printable ASCII (0x20–0x7e); true for an empty array. */
export function isPrintableAscii(bytes: Uint8Array): boolean {
  return bytes.every((b) => b >= 0x20 && b <= 0x7e);
}

/** True when both arrays hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

const SIMPLE_ESCAPES: Record<string, number> = { "\\": 0x5c, '"': 0x22, n: 0x0a, r: 0x0d, t: 0x09, e: 0x1b };

/**
 * Reverses wpa_supplicant's printf_encode (as printf_decode in hostap's common.c does): `\xNN` (one or two
 * hex digits), `\"`, `\\`, `\e`, `\n`, `\r`, `\t` and up to three octal digits. An unknown escape loses its
 * backslash, as in the C code; other characters are taken as their UTF-8 bytes.
 */
export function printfDecode(s: string): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i] as string;
    if (ch !== "\\") {
      const cp = s.codePointAt(i) as number;
      const size = cp > 0xffff ? 2 : 1;
      out.push(...utf8Encode(s.slice(i, i + size)));
      i += size;
      continue;
    }
    i = decodeEscape(s, i + 1, out);
  }
  return new Uint8Array(out);
}

/** Decodes the escape whose letter starts at `i`, pushes its byte(s), returns the index after it. */
function decodeEscape(s: string, i: number, out: number[]): number {
  const c = s[i];
  if (c === undefined) return i;
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) {
    out.push(simple);
    return i + 1;
  }
  if (c === "x") {
    const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1, i + 3));
    if (!m) return i + 1;
    out.push(parseInt(m[0], 16));
    return i + 1 + m[0].length;
  }
  const oct = /^[0-7]{1,3}/.exec(s.slice(i, i + 3));
  if (oct) {
    out.push(parseInt(oct[0], 8) & 0xff);
    return i + oct[0].length;
  }
  return i; // like the C code: an unknown escape loses only its backslash
}
