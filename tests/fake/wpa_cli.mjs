#!/usr/bin/env node
// A stand-in for wpa_cli that replays real wpa_cli transcripts (tests/fixtures/transcripts/), so flow tests
// exercise the agent's real process plumbing: one-shot calls answer from the scenario and are logged;
// the interactive (monitor) mode replays the recorded events that followed `scan` and `wps_pbc`.
// Plain Node.js on purpose: it must run wherever the compiled agent runs in tests.
//
// Environment: FAKE_WPA_SCENARIO (scenario JSON), FAKE_WPA_STATE (a directory shared by all invocations).
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";

const scenarioPath = process.env.FAKE_WPA_SCENARIO;
const stateDir = process.env.FAKE_WPA_STATE;
if (!scenarioPath || !stateDir) {
  process.stderr.write("fake wpa_cli: FAKE_WPA_SCENARIO and FAKE_WPA_STATE must be set\n");
  process.exit(2);
}
const scenario = JSON.parse(fs.readFileSync(scenarioPath, "utf8"));
const fixtureDir = path.dirname(scenarioPath);
const commandsLog = path.join(stateDir, "commands.log");
const runningFlag = path.join(stateDir, "supplicant-running");

const { iface, command } = parseArgs(process.argv.slice(2));
if (command.length === 0) interactive();
else oneShot(command);

function parseArgs(argv) {
  let iface = "wlan0";
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "-i") iface = argv[++i];
    else if (argv[i] === "-p") i++;
    else rest.push(argv[i]);
  }
  return { iface, command: rest };
}

function supplicantRunning() {
  return fs.existsSync(runningFlag);
}

function oneShot(args) {
  fs.appendFileSync(commandsLog, JSON.stringify({ argv: process.argv.slice(2), at: Date.now() }) + "\n");
  if (!supplicantRunning()) {
    process.stdout.write(
      `Failed to connect to non-global ctrl_ifname: ${iface}  error: No such file or directory\n`,
    );
    process.exit(255);
  }
  const reply = replyFor(args);
  if (reply === null) {
    process.stdout.write(`Unknown command '${args[0]}'\n`);
    process.exit(1);
  }
  process.stdout.write(reply);
  process.exit(0);
}

function replyFor(args) {
  const key = args.join(" ");
  const overrides = scenario.replies ?? {};
  if (key in overrides) return overrides[key];
  if (args[0] in overrides) return overrides[args[0]];
  switch (args[0]) {
    case "ping":
      return "PONG\n";
    case "scan_results":
      return scanResults();
    case "log_level":
      if (args.length > 1) return "OK\n";
      return "Current level: INFO\nTimestamp: 0\n";
    case "get":
      return "0"; // the default, as a real supplicant answers it: no trailing newline
    case "terminate":
      fs.rmSync(runningFlag, { force: true });
      return "OK\n";
    case "status":
      return "wpa_state=INACTIVE\naddress=02:00:00:00:01:00\n";
    case "scan":
    case "set":
    case "wps_pbc":
    case "wps_cancel":
    case "remove_network":
      return "OK\n";
    case "bss":
      return "FAIL\n";
    default:
      return null;
  }
}

/** The indented reply block that follows the first `$ wpa_cli ... scan_results` line of the transcript. */
function scanResults() {
  const lines = readTranscript(scenario.scanResultsFrom ?? scenario.transcript);
  const start = lines.findIndex((l) => /\$ wpa_cli .* scan_results$/.test(l));
  const out = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith("    ")) break;
    out.push(line.slice(4));
  }
  return out.join("\n") + "\n";
}

function readTranscript(name) {
  return fs.readFileSync(path.join(fixtureDir, "..", "transcripts", name), "utf8").split("\n");
}

/** Recorded events of the scenario's section: [{ t, text }] with text like "<3>WPS-SUCCESS". */
function recordedEvents() {
  const lines = readTranscript(scenario.transcript);
  const start = lines.findIndex((l) => l.includes(scenario.section));
  const events = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\[\+/.test(line)) break; // the next section
    const m = /^\s+\[\+\s*([\d.]+)\]\s(.*)$/.exec(line);
    if (!m) continue;
    const text = m[2].replace(/^(> )+/, "");
    if (text.startsWith("<")) events.push({ t: Number(m[1]), text });
  }
  return events;
}

function interactive() {
  const events = recordedEvents();
  const speed = scenario.speed ?? 1;
  let timers = [];
  let seen = 0;
  const print = (text) => process.stdout.write(text);
  print(
    "wpa_cli v2.10\nCopyright (c) 2004-2022, Jouni Malinen <j@w1.fi> and contributors\n\nInteractive mode\n\n",
  );
  if (!supplicantRunning()) print(`Could not connect to wpa_supplicant: ${iface} - re-trying\n`);

  const replay = ([from, to]) => {
    for (const e of events.filter((e) => e.t >= from && e.t <= to)) {
      timers.push(setTimeout(() => print(`> \r${e.text}\n`), ((e.t - from) * 1000) / speed));
    }
  };
  // Follow the one-shot commands the agent sends, as the real supplicant would react to them.
  const poll = setInterval(() => {
    if (!fs.existsSync(commandsLog)) return;
    const entries = fs.readFileSync(commandsLog, "utf8").trim().split("\n").filter(Boolean);
    for (const entry of entries.slice(seen)) {
      const cmd = parseArgs(JSON.parse(entry).argv).command;
      if (cmd[0] === "scan" && scenario.scan) replay(scenario.scan);
      if (cmd[0] === "wps_pbc" && scenario.wpsPbc) replay(scenario.wpsPbc);
      if (cmd[0] === "wps_cancel") {
        timers.forEach(clearTimeout);
        timers = [];
        print("> \r<3>WPS-CANCEL \n");
      }
    }
    seen = entries.length;
  }, 10);

  const rl = readline.createInterface({ input: process.stdin });
  rl.on("line", (line) => {
    const cmd = line.trim();
    if (cmd === "quit") finish();
    else if (cmd === "ping" && supplicantRunning()) print("PONG\n");
    else if (cmd !== "") print(replyFor(cmd.split(/\s+/)) ?? `Unknown command '${cmd}'\n`);
  });
  rl.on("close", finish);
  function finish() {
    clearInterval(poll);
    timers.forEach(clearTimeout);
    process.exit(0);
  }
}
