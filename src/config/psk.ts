// Derives the WPA PSK from a passphrase and SSID (IEEE 802.11i: PBKDF2-HMAC-SHA1, 4096 rounds, 32 bytes),
// what `wpa_passphrase` prints. Used when a passphrase cannot be written quoted into the config.

import { bytesToHex } from "../bytes.ts";

/** PBKDF2-HMAC-SHA1(passphrase, salt = SSID, 4096, 32 bytes) as 64 lowercase hex, via WebCrypto. */
export async function derivePskHex(passphrase: Uint8Array, ssid: Uint8Array): Promise<string> {
  // Copies give WebCrypto plain ArrayBuffer-backed views whatever the caller passed in.
  const key = await crypto.subtle.importKey("raw", Uint8Array.from(passphrase), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-1", salt: Uint8Array.from(ssid), iterations: 4096 },
    key,
    256,
  );
  return bytesToHex(new Uint8Array(bits));
}
