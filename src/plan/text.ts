// Provisioning file bytes → text, refusing what would not survive the trip unchanged: bytes that are not
// UTF-8 (a Latin-1 "Café" would become "Caf\uFFFD") and strings holding a lone UTF-16 surrogate. Pure.

/** A lone surrogate: a high one not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` holds a UTF-16 code unit in D800–DFFF outside a valid pair (it has no UTF-8 encoding). */
export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/**
 * Byte offset of the first byte that does not start or continue a well-formed UTF-8 sequence, or -1 when
 * all of `bytes` is UTF-8. Well-formed as in Unicode 15 table 3-7: no overlong forms, no encoded
 * surrogates (ED A0–BF), nothing above U+10FFFF, no truncated sequence.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const size = sequenceSize(lead);
    if (size === 0) return i;
    if (size > 1) {
      const [low, high] = secondByteRange(lead);
      const second = bytes[i + 1];
      if (second === undefined || second < low || second > high) return i;
      for (let k = 2; k < size; k++) {
        const b = bytes[i + k];
        if (b === undefined || b < 0x80 || b > 0xbf) return i;
      }
    }
    i += size;
  }
  return -1;
}

/** Length of the sequence a lead byte starts; 0 for a byte that cannot lead one. */
function sequenceSize(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The allowed range of the second byte, which rules out overlong forms, surrogates and > U+10FFFF. */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}
