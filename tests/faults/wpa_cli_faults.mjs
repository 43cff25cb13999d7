#!/usr/bin/env node
// A wpa_cli stand-in for fault tests, beside the shared replaying fake (tests/fake/wpa_cli.mjs), for the two
// failures that fake cannot act: FAULT_WPA_MODE=lost — the supplicant dies FAULT_WPA_LOST_MS after wps_pbc
// (the monitor prints "Connection to wpa_supplicant lost", one-shot calls then exit 255);
// FAULT_WPA_MODE=denied — the control socket exists but refuses us (exit 255, "Permission denied").
// State (commands.log, supplicant-running) lives in FAKE_WPA_STATE, as with the shared fake; commands typed
// on the interactive mode's stdin are answered inline and logged in commands.log like one-shot calls.
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";

const mode = process.env.FAULT_WPA_MODE ?? "lost";
const stateDir = process.env.FAKE_WPA_STATE;
if (!stateDir) process.exit(2);
const commandsLog = path.join(stateDir, "commands.log");
const runningFlag = path.join(stateDir, "supplicant-running");
const lostAfterMs = Number(process.env.FAULT_WPA_LOST_MS ?? "300");

const argv = process.argv.slice(2);
let iface = "wlan0";
const command = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "-i") iface = argv[++i];
  else if (argv[i] === "-p") i++;
  else command.push(argv[i]);
}
const failText = (why) => `Failed to connect to non-global ctrl_ifname: ${iface}  error: ${why}\n`;

if (command.length > 0) {
  fs.appendFileSync(commandsLog, JSON.stringify({ argv, at: Date.now() }) + "\n");
  if (mode === "denied") {
    process.stdout.write(failText("Permission denied"));
    process.exit(255);
  }
  if (!fs.existsSync(runningFlag)) {
    process.stdout.write(failText("No such file or directory"));
    process.exit(255);
  }
  process.stdout.write(reply(command));
  process.exit(0);
} else {
  interactive();
}

function reply(args) {
  switch (args[0]) {
    case "ping":
      return "PONG\n";
    case "scan_results":
      return "bssid / frequency / signal level / flags / ssid\n" +
        "02:00:00:00:00:00\t2412\t-30\t[WPA2-PSK-CCMP][WPS-PBC][ESS]\tLabNet\n";
    case "log_level":
      return args.length > 1 ? "OK\n" : "Current level: INFO\nTimestamp: 0\n";
    case "get":
      return "0";
    case "list_networks":
      return "network id / ssid / bssid / flags\n";
    case "terminate":
      fs.rmSync(runningFlag, { force: true });
      return "OK\n";
    default:
      return "OK\n";
  }
}

function interactive() {
  const print = (text) => process.stdout.write(text);
  print("wpa_cli v2.10\n\nInteractive mode\n\n");
  if (mode === "denied") print(`Could not connect to wpa_supplicant: ${iface} - re-trying\n`);
  let seen = 0;
  const poll = setInterval(() => {
    if (!fs.existsSync(commandsLog)) return;
    const entries = fs.readFileSync(commandsLog, "utf8").trim().split("\n").filter(Boolean);
    for (const entry of entries.slice(seen)) {
      const cmd = JSON.parse(entry).argv.filter((a, i, all) =>
        a !== "-i" && a !== "-p" && !["-i", "-p"].includes(all[i - 1])
      );
      if (cmd[0] === "scan") print("> \r<3>CTRL-EVENT-SCAN-RESULTS \n> \r<3>WPS-AP-AVAILABLE-PBC \n");
      if (cmd[0] === "wps_pbc") {
        print("> \r<3>CTRL-EVENT-NETWORK-ADDED 0\n> \r<3>WPS-PBC-ACTIVE \n");
        setTimeout(() => {
          // The supplicant is killed: its socket goes away and the monitor notices.
          fs.rmSync(runningFlag, { force: true });
          print("Connection to wpa_supplicant lost - trying to reconnect\n");
        }, lostAfterMs);
      }
    }
    seen = entries.length;
  }, 10);
  const rl = readline.createInterface({ input: process.stdin });
  rl.on("line", (line) => {
    const cmd = line.trim();
    if (cmd === "" || mode === "denied") return;
    if (cmd === "quit") return finish();
    // As the real wpa_cli after "Connection to wpa_supplicant lost": every command is dropped at once.
    if (!fs.existsSync(runningFlag)) return print("Not connected to wpa_supplicant - command dropped.\n");
    if (cmd === "ping") return print("PONG\n");
    // Inline commands are logged like one-shot ones, so the event triggers above fire on them too.
    const args = cmd.split(/\s+/);
    fs.appendFileSync(commandsLog, JSON.stringify({ argv: ["-i", iface, ...args], at: Date.now() }) + "\n");
    print(`> ${cmd}\n${reply(args)}${reply(args).endsWith("\n") ? "" : "\n"}`);
  });
  rl.on("close", finish);
  function finish() {
    clearInterval(poll);
    process.exit(0);
  }
}
