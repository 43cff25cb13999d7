// The DPP (Wi-Fi Easy Connect) bootstrapping URI wifiprov shows for QR codes, built exactly as
// wpa_supplicant's `dpp_bootstrap_get_uri` prints it. Pure.
//
// Facts, read from hostap (src/common/dpp.c `dpp_gen_uri`, `dpp_bootstrap_gen`, `dpp_keygen`,
// `dpp_bootstrap_key_der`; src/common/dpp_crypto.c and src/crypto/crypto_openssl.c
// `crypto_ec_key_get_subject_public_key` in 2.10+), and checked against Debian's binaries (`strings`):
// - Field order: `DPP:` `C:<chan>;` `M:<mac>;` `I:<info>;` `V:2;` `B:..;` `H:..;` `K:<key>;;`, each only when set.
// - `C:` is the `chan=` value as given (`81/6`: global operating class / channel; 2437 MHz = class 81 channel 6).
// - `M:` is the MAC as 12 lower-case hex digits without colons (2.10+ `COMPACT_MACSTR`; 2.9 copies the `mac=`
//   text as given, so wifiprov always passes the compact form and both generations print the same).
// - `V:2;` is printed by builds with CONFIG_DPP2 (Debian 2.10 and 2.11); Debian 2.9 has CONFIG_DPP only and
//   prints no `V:`.
// - `K:` is base64 (no line breaks) of the DER SubjectPublicKeyInfo of the bootstrapping key with the EC
//   point in compressed form (02/03 + X), for P-256 33 bytes.

/** The DER header of a P-256 SubjectPublicKeyInfo whose BIT STRING holds a 33-byte compressed point. */
const P256_COMPRESSED_SPKI_HEADER = new Uint8Array([
  0x30,
  0x39,
  0x30,
  0x13,
  0x06,
  0x07,
  0x2a,
  0x86,
  0x48,
  0xce,
  0x3d,
  0x02,
  0x01,
  0x06,
  0x08,
  0x2a,
  0x86,
  0x48,
  0xce,
  0x3d,
  0x03,
  0x01,
  0x07,
  0x03,
  0x22,
  0x00,
]);

/** A global operating class and channel, as the URI's `C:` list and `dpp_bootstrap_gen chan=` write it. */
export interface DppChannel {
  opClass: number;
  channel: number;
}

/**
 * The operating class and channel of a listen frequency in MHz, or null when wifiprov does not offer it.
 * Mirrors the global operating classes of IEEE 802.11 Annex E as hostap maps them
 * (src/common/ieee802_11_common.c `ieee80211_freq_to_channel_ext`): 2412–2472 MHz → class 81, channel
 * (f−2407)/5; 2484 → class 82 channel 14; 5180–5240 → class 115; 5745–5805 → class 124. DFS channels are left
 * out: a responder may not listen there without radar detection.
 */
export function channelForFreq(freqMhz: number): DppChannel | null {
  if (freqMhz >= 2412 && freqMhz <= 2472 && (freqMhz - 2407) % 5 === 0) {
    return { opClass: 81, channel: (freqMhz - 2407) / 5 };
  }
  if (freqMhz === 2484) return { opClass: 82, channel: 14 };
  const ch = (freqMhz - 5000) / 5;
  if (Number.isInteger(ch) && ch >= 36 && ch <= 48 && ch % 4 === 0) return { opClass: 115, channel: ch };
  if (Number.isInteger(ch) && ch >= 149 && ch <= 161 && (ch - 149) % 4 === 0) {
    return { opClass: 124, channel: ch };
  }
  return null;
}

/** Every frequency (MHz) channelForFreq accepts, ascending: the values `listenFreq` may take. */
export const DPP_LISTEN_FREQS: readonly number[] = Array.from({ length: 5805 - 2412 + 1 }, (_, i) => 2412 + i)
  .filter((f) => channelForFreq(f) !== null);

/** The `chan=`/`C:` text of a channel, e.g. `81/6`. */
export function chanText(c: DppChannel): string {
  return `${c.opClass}/${c.channel}`;
}

/** A MAC address (`02:00:00:00:01:00`, any case) as the URI writes it (`020000000100`); null if malformed. */
export function compactMac(mac: string): string | null {
  const m = /^([0-9a-fA-F]{2})(?::?([0-9a-fA-F]{2})){5}$/.test(mac.trim()) ? mac.trim() : null;
  return m === null ? null : m.replaceAll(":", "").toLowerCase();
}

/**
 * The DER SubjectPublicKeyInfo of a P-256 public key in compressed form, from the affine coordinates.
 * @throws RangeError when a coordinate is not 32 bytes.
 */
export function compressedSpki(x: Uint8Array, y: Uint8Array): Uint8Array {
  if (x.length !== 32 || y.length !== 32) throw new RangeError("P-256 coordinates must be 32 bytes each");
  const out = new Uint8Array(P256_COMPRESSED_SPKI_HEADER.length + 33);
  out.set(P256_COMPRESSED_SPKI_HEADER);
  out[P256_COMPRESSED_SPKI_HEADER.length] = (y[31]! & 1) === 1 ? 0x03 : 0x02;
  out.set(x, P256_COMPRESSED_SPKI_HEADER.length + 1);
  return out;
}

/** What one URI says. `dppVersion` 2 adds `V:2;` (CONFIG_DPP2 builds), 1 leaves it out (Debian 2.9). */
export interface DppUriParts {
  channel: DppChannel;
  /** 12 lower-case hex digits (see compactMac). */
  mac: string;
  /** DER SubjectPublicKeyInfo, compressed point (see compressedSpki). */
  publicKeyDer: Uint8Array;
  dppVersion: 1 | 2;
}

/** The URI, byte for byte as `dpp_bootstrap_get_uri` prints it for the same key, channel and MAC. */
export function dppUri(p: DppUriParts): string {
  const key = btoa(String.fromCharCode(...p.publicKeyDer));
  const version = p.dppVersion === 2 ? "V:2;" : "";
  // dpp_gen_uri: `is_zero_ether_addr(bi->mac_addr)` leaves M: out.
  const mac = /^0{12}$/.test(p.mac) ? "" : `M:${p.mac};`;
  return `DPP:C:${chanText(p.channel)};${mac}${version}K:${key};;`;
}

/** The DPP version a `wpa_cli vX.Y` build of Debian speaks: 2.9 → 1, 2.10 and later (or unknown) → 2. */
export function dppVersionOf(wpaCliVersion: string | undefined): 1 | 2 {
  const m = /^(\d+)\.(\d+)/.exec(wpaCliVersion ?? "");
  if (!m) return 2;
  return Number(m[1]) < 2 || (Number(m[1]) === 2 && Number(m[2]) < 10) ? 1 : 2;
}
