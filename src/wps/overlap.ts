// wifiprov's own push-button overlap check for a named BSSID (naming one switches the supplicant's check
// off). Pure. Mirrors hostap wpa_supplicant/wps_supplicant.c wpas_wps_is_pbc_overlap: another BSS in
// active PBC mode is an overlap unless the selected BSS has a UUID-E and the other carries the same one
// (one dual-band router); a BSS without a UUID-E counts as another device.
import type { BssEntry } from "../wpa/replies.ts";

/** The first BSS that makes a push-button overlap with `selected`, or undefined when there is none. */
export function pbcOverlap(
  selected: BssEntry | undefined,
  others: readonly BssEntry[],
): BssEntry | undefined {
  const selectedBssid = selected?.bssid.toLowerCase();
  return others.find((ap) => {
    if (ap.wps !== "pbc" || ap.bssid.toLowerCase() === selectedBssid) return false;
    return selected?.uuidE === undefined || ap.uuidE !== selected.uuidE;
  });
}
