#!/usr/bin/env node
// A stand-in for `wpa_supplicant -B`: records its argv and marks the supplicant as running for the fake
// wpa_cli (FAKE_WPA_STATE), so tests can check the agent starts one exactly as the manual procedure does.
import * as fs from "node:fs";
import * as path from "node:path";

const stateDir = process.env.FAKE_WPA_STATE;
if (!stateDir) process.exit(2);
fs.appendFileSync(path.join(stateDir, "supplicant-starts.log"), JSON.stringify(process.argv.slice(2)) + "\n");
const config = process.argv[process.argv.indexOf("-c") + 1];
fs.copyFileSync(config, path.join(stateDir, "started-with.conf"));
fs.writeFileSync(path.join(stateDir, "supplicant-running"), "");
