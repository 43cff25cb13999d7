#!/usr/bin/env node
// A wpa_supplicant stand-in that fails the way the real one does when another supplicant already owns the
// control socket: it records the attempt (FAKE_WPA_STATE/supplicant-starts.log) and exits 255.
import * as fs from "node:fs";
import * as path from "node:path";

const stateDir = process.env.FAKE_WPA_STATE;
if (stateDir) {
  fs.appendFileSync(
    path.join(stateDir, "supplicant-starts.log"),
    JSON.stringify(process.argv.slice(2)) + "\n",
  );
}
process.stderr.write(
  "ctrl_iface exists and seems to be in use - cannot override it\n" +
    "Delete '/var/run/wpa_supplicant/wlan0' manually if it is not used anymore\n" +
    "Failed to initialize control interface '/var/run/wpa_supplicant'.\n",
);
process.exit(255);
