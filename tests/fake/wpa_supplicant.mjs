#!/usr/bin/env node
// A stand-in for `wpa_supplicant -B`: records its argv and starts the modelled supplicant for the fake
// wpa_cli (FAKE_WPA_STATE) from the config it is given (its globals, e.g. wps_cred_processing, and networks;
// that file is the one it would write back), so tests can check the agent starts one as the manual
// procedure does.
import * as fs from "node:fs";
import * as path from "node:path";
import { files, freshState, stateDir, withState } from "./wpa_state.mjs";

if (!stateDir) process.exit(2);
fs.appendFileSync(path.join(stateDir, "supplicant-starts.log"), JSON.stringify(process.argv.slice(2)) + "\n");
const config = process.argv[process.argv.indexOf("-c") + 1];
fs.copyFileSync(config, path.join(stateDir, "started-with.conf"));
// A new daemon: nothing of an earlier one's state or timers survives (the flag is not set yet, so none run).
withState((state) => {
  for (const key of Object.keys(state)) delete state[key];
  Object.assign(state, freshState(fs.readFileSync(config, "latin1"), config));
});
fs.writeFileSync(files.running, "");
