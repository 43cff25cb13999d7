// Builds WPS Credential attribute lists (type(2)/length(2)/value, see wpa-facts.md) for hostile
// WPS-CRED-RECEIVED events, independently of src/wpa/credential.ts so the decoder is checked, not mirrored.

const enc = new TextEncoder();

/** Bytes of a string (UTF-8), or the bytes themselves. */
export function bytes(v: string | Uint8Array | number[]): Uint8Array {
  if (typeof v === "string") return enc.encode(v);
  return Uint8Array.from(v);
}

/** Lower-case hex of some bytes. */
export function hex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
}

/** One attribute: 2-byte type, 2-byte length, value. */
export function attr(type: number, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + value.length);
  out.set([type >> 8, type & 0xff, value.length >> 8, value.length & 0xff]);
  out.set(value, 4);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** What goes into one credential. */
export interface CredSpec {
  ssid: Uint8Array;
  key: Uint8Array;
  /** 0x20 WPA2-PSK unless given; 0x01 open. */
  auth?: number;
  /** 0x08 AES unless given; 0x01 none, 0x02 WEP. */
  encr?: number;
}

/** The 0x100e Credential attribute for a spec, laid out as hostapd sends it. */
export function credential(spec: CredSpec): Uint8Array {
  const u16 = (n: number) => new Uint8Array([n >> 8, n & 0xff]);
  return attr(
    0x100e,
    concat([
      attr(0x1026, new Uint8Array([1])),
      attr(0x1045, spec.ssid),
      attr(0x1003, u16(spec.auth ?? 0x20)),
      attr(0x100f, u16(spec.encr ?? 0x08)),
      attr(0x1027, spec.key),
      attr(0x1020, new Uint8Array([2, 0, 0, 0, 2, 0])),
    ]),
  );
}

/** The hex an AP's WPS-CRED-RECEIVED carries for one or more credentials. */
export function credentialsHex(...specs: CredSpec[]): string {
  return hex(concat(specs.map(credential)));
}
