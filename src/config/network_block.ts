// Decides what goes into a network block: from a PSK entry of the file, or from a WPS credential plus what
// the scan said about the AP. Pure; the PBKDF2 derivation a hostile passphrase needs is done by the caller.
import type { PskPlannedNetwork } from "../plan/plan.ts";
import { credentialKey, credentialSecurity, type WpsCredential } from "../wpa/credential.ts";
import { utf8Encode } from "../bytes.ts";
import type { NetworkBlock, RenderKey } from "./render.ts";

/** The block for a `psk` network of the file. */
export function blockFromPsk(net: PskPlannedNetwork): NetworkBlock {
  const key: RenderKey = net.key.kind === "psk" ? { kind: "psk", hex: net.key.hex } : { ...net.key };
  const block: NetworkBlock = { ssid: utf8Encode(net.ssid), key, keyMgmt: net.keyMgmt, hidden: net.hidden };
  if (net.keyMgmt !== "WPA-PSK") block.ieee80211w = net.keyMgmt === "SAE" ? 2 : 1;
  if (net.priority !== undefined) block.priority = net.priority;
  return block;
}

/**
 * The block for a WPS credential. WPS only hands out WPA2-PSK-typed credentials, even from a WPA2/WPA3
 * transition AP; when the AP advertises SAE and the credential is a passphrase, we add SAE (with optional
 * management frame protection) the way wpa_supplicant's own `wps_cred_add_sae` does, so the device uses WPA3
 * where it can and still falls back to WPA2-PSK.
 */
export function blockFromCredential(
  credential: WpsCredential,
  options: { apAdvertisesSae: boolean; priority?: number },
): NetworkBlock | null {
  const security = credentialSecurity(credential);
  const key = credentialKey(credential);
  let block: NetworkBlock;
  if (security.kind === "open" && key.kind === "none") {
    block = { ssid: credential.ssid, key: { kind: "none" }, keyMgmt: "NONE" };
  } else if (security.kind === "wpa-psk" && key.kind !== "none") {
    // SAE reads its password as a C string: a passphrase with a NUL inside stays WPA-PSK only.
    const withSae = options.apAdvertisesSae && key.kind === "passphrase" && !key.bytes.includes(0);
    block = {
      ssid: credential.ssid,
      key: key.kind === "psk" ? { kind: "psk", hex: key.hex } : { kind: "passphrase", bytes: key.bytes },
      keyMgmt: withSae ? "WPA-PSK SAE" : "WPA-PSK",
      proto: withSae ? "RSN" : security.proto,
      pairwise: withSae ? "CCMP" : security.pairwise,
    };
    if (withSae) block.ieee80211w = 1;
  } else {
    return null;
  }
  if (options.priority !== undefined) block.priority = options.priority;
  return block;
}
