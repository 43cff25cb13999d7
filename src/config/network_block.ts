// Decides what goes into a network block: from a PSK entry of the file, or from the WPS trial network that
// connected plus what the supplicant reported for it. Pure; the PBKDF2 derivation a hostile passphrase needs is done by the caller.
import type { PskPlannedNetwork } from "../plan/plan.ts";
import type { TrialNetwork } from "../wps/trial_networks.ts";
import { utf8Encode } from "../bytes.ts";
import type { KeyMgmt, NetworkBlock, RenderKey } from "./render.ts";

/** The block for a `psk` network of the file. */
export function blockFromPsk(net: PskPlannedNetwork): NetworkBlock {
  const key: RenderKey = net.key.kind === "psk" ? { kind: "psk", hex: net.key.hex } : { ...net.key };
  const block: NetworkBlock = { ssid: utf8Encode(net.ssid), key, keyMgmt: net.keyMgmt, hidden: net.hidden };
  if (net.keyMgmt !== "WPA-PSK") block.ieee80211w = net.keyMgmt === "SAE" ? 2 : 1;
  if (net.priority !== undefined) block.priority = net.priority;
  return block;
}

/** What the supplicant reported for the trial network that connected (`get_network <id> …`). */
export interface ConnectedSecurity {
  keyMgmt?: string;
  proto?: string;
  pairwise?: string;
}

const KEY_MGMTS: readonly KeyMgmt[] = ["WPA-PSK", "SAE", "WPA-PSK SAE", "NONE"];

/**
 * The block for a WPS enrolment: the trial network that connected, with key_mgmt, proto and pairwise as
 * the supplicant reported them for it, so the file says exactly what connected. A value the renderer
 * cannot write (an unexpected key_mgmt) falls back to what wifiprov set on the trial network.
 */
export function blockFromTrialNetwork(
  net: TrialNetwork,
  used: ConnectedSecurity,
  options: { priority?: number },
): NetworkBlock {
  const usedKeyMgmt = KEY_MGMTS.find((k) => k === used.keyMgmt);
  const keyMgmt = usedKeyMgmt ?? net.keyMgmt;
  const key: RenderKey = net.key.kind === "passphrase"
    ? { kind: "passphrase", bytes: net.key.bytes }
    : net.key.kind === "psk"
    ? { kind: "psk", hex: net.key.hex }
    : { kind: "none" };
  const block: NetworkBlock = { ssid: net.ssid, key, keyMgmt };
  if (keyMgmt !== "NONE") {
    const proto = used.proto ?? net.proto;
    const pairwise = used.pairwise ?? net.pairwise;
    if (proto) block.proto = proto;
    if (pairwise) block.pairwise = pairwise;
  }
  if (net.ieee80211w !== undefined && keyMgmt.includes("SAE")) block.ieee80211w = net.ieee80211w;
  if (options.priority !== undefined) block.priority = options.priority;
  return block;
}
