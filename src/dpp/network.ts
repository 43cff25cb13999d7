// A received DPP configuration object → the network wifiprov adds as a trial network (and writes once it
// connected), or why it is refused. Pure. Mirrors hostap wpa_supplicant/dpp_supplicant.c
// `wpas_dpp_add_network` for objects without a connector: psk → key_mgmt WPA-PSK with the passphrase as
// `psk` (or the raw PSK); sae → key_mgmt SAE with ieee80211w=2 (MGMT_FRAME_PROTECTION_REQUIRED) and the
// passphrase; psk+sae → both, ieee80211w=1 (OPTIONAL). Not mirrored, as for WPS: the WPA-PSK-SHA256/FT
// variants and the GCMP ciphers the supplicant adds by driver capability, and `sae_password` (wifiprov's
// files carry the SAE password as `psk="..."`, which wpa_supplicant uses for SAE when no sae_password is set).
import type { TrialNetwork } from "../wps/trial_networks.ts";
import { bytesEqual } from "../bytes.ts";
import type { DppConfigObject } from "./conf.ts";
import type { DppFailReason } from "../errors.ts";

/** Why a configuration object gives no trial network. */
export type DppRefusal =
  | { kind: "ssid-mismatch"; receivedSsids: Uint8Array[] }
  | { kind: "dpp-failed"; reason: DppFailReason; detail: string };

/** The trial network for `config`; `expectedSsid` (the plan's `ssid:`) must match when given. */
export function dppTrialNetwork(
  config: DppConfigObject,
  expectedSsid: Uint8Array | undefined,
): { ok: true; network: TrialNetwork } | { ok: false; refusal: DppRefusal } {
  const ssid = config.ssid;
  if (!ssid || ssid.length < 1 || ssid.length > 32) {
    return refuse("dpp-bad-config", "the configuration object has no usable SSID (1–32 bytes)");
  }
  if (expectedSsid && !bytesEqual(ssid, expectedSsid)) {
    return { ok: false, refusal: { kind: "ssid-mismatch", receivedSsids: [ssid] } };
  }
  const psk = config.akm === "psk" || config.akm === "psk+sae";
  const sae = config.akm === "sae" || config.akm === "psk+sae";
  if (!psk && !sae) return refuse("dpp-unsupported-akm", `AKM "${config.akm}" is not a PSK or SAE network`);
  const keyMgmt = psk && sae ? "WPA-PSK SAE" : psk ? "WPA-PSK" : "SAE";
  if (config.passphrase) {
    // wpa_config_set_quoted(ssid, "psk", …) takes 8–63 characters; a passphrase outside that is unusable.
    const p = config.passphrase;
    if (p.length < 8 || p.length > 63 || p.includes(0)) {
      return refuse("dpp-bad-config", `the passphrase has ${p.length} bytes or a NUL (8–63 bytes needed)`);
    }
    const network: TrialNetwork = { ssid, key: { kind: "passphrase", bytes: p }, keyMgmt };
    if (sae) network.ieee80211w = psk ? 1 : 2;
    return { ok: true, network };
  }
  if (config.pskHex && psk) {
    const network: TrialNetwork = { ssid, key: { kind: "psk", hex: config.pskHex }, keyMgmt };
    if (sae) network.ieee80211w = 1;
    return { ok: true, network };
  }
  return refuse("dpp-bad-config", "an SAE network needs a passphrase, and none was sent");
}

function refuse(reason: DppFailReason, detail: string): { ok: false; refusal: DppRefusal } {
  return { ok: false, refusal: { kind: "dpp-failed", reason, detail } };
}
