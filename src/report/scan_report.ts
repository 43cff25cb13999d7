// Shapes scan results for `wifiprov scan` output: plain JSON fields, SSID as text plus hex when lossy.
import type { ScanEntry } from "../wpa/replies.ts";
import { ssidFields } from "./report.ts";

/** One access point as printed by `wifiprov scan`. */
export function describeAccessPoint(ap: ScanEntry) {
  return {
    bssid: ap.bssid,
    frequency: ap.frequency,
    signal: ap.signal,
    ...ssidFields(ap.ssid),
    wps: ap.wps,
    sae: ap.sae,
    flags: ap.flags,
  };
}
