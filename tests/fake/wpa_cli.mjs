#!/usr/bin/env node
// A stand-in for wpa_cli in front of a modelled wpa_supplicant (tests/fake/wpa_*.mjs), so flow tests drive
// the agent's real process plumbing: one-shot calls are answered from the shared supplicant state and logged
// (commands.log, argv); the interactive (monitor) mode prints the supplicant's events, including the
// recorded ones replayed after `scan` and `wps_pbc`, and answers commands typed on its stdin inline as the
// real one does (`> <command>` echoed, then the reply), logged apart (stdin.log) so tests see the channel.
// Plain Node.js on purpose: it must run wherever the compiled agent runs in tests.
//
// Environment: FAKE_WPA_SCENARIO (scenario JSON), FAKE_WPA_STATE (a directory shared by all invocations).
// Test-only verbs, never logged: `__peek <command…>` answers without recording it; `__settle` lets the
// supplicant's pending timers and replays run to the end, as if the run were long over.
import * as fs from "node:fs";
import * as readline from "node:readline";
import { reply } from "./wpa_commands.mjs";
import {
  files,
  readState,
  scenario,
  scenarioPath,
  stateDir,
  supplicantRunning,
  withState,
} from "./wpa_state.mjs";

if (!scenarioPath || !stateDir) {
  process.stderr.write("fake wpa_cli: FAKE_WPA_SCENARIO and FAKE_WPA_STATE must be set\n");
  process.exit(2);
}

const { iface, command } = parseArgs(process.argv.slice(2));
if (command[0] === "__peek") {
  process.stdout.write(withState((s) => reply(s, command.slice(1))) ?? "");
} else if (command[0] === "__settle") withState(() => undefined, { settle: true });
else if (command.length === 0) interactive();
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

function oneShot(args) {
  fs.appendFileSync(files.oneShot, JSON.stringify({ argv: process.argv.slice(2), at: Date.now() }) + "\n");
  if (!supplicantRunning()) {
    process.stdout.write(
      `Failed to connect to non-global ctrl_ifname: ${iface}  error: No such file or directory\n`,
    );
    process.exit(255);
  }
  const text = withState((s) => reply(s, args));
  if (text === null) {
    process.stdout.write(`Unknown command '${args[0]}'\n`);
    process.exit(1);
  }
  process.stdout.write(text);
  process.exit(0);
}

/** wpa_cli's tokenize_cmd: split on blanks outside double quotes, quotes kept. */
function tokenize(line) {
  const tokens = [];
  let cur = "";
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === " " || ch === "\t")) {
      if (cur) tokens.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) tokens.push(cur);
  return tokens;
}

function interactive() {
  const print = (text) => process.stdout.write(text);
  print(
    `wpa_cli v${
      scenario.wpaCliVersion ?? "2.10"
    }\nCopyright (c) 2004-2022, Jouni Malinen <j@w1.fi> and contributors\n\nInteractive mode\n\n`,
  );
  if (!supplicantRunning()) print(`Could not connect to wpa_supplicant: ${iface} - re-trying\n`);
  // Only events sent after this monitor attached reach it.
  let offset = fs.existsSync(files.events) ? fs.statSync(files.events).size : 0;
  const drain = () => {
    if (!fs.existsSync(files.events) || fs.statSync(files.events).size <= offset) return;
    const buf = fs.readFileSync(files.events);
    const end = buf.lastIndexOf(0x0a) + 1;
    if (end <= offset) return;
    for (const line of buf.subarray(offset, end).toString("latin1").split("\n").filter(Boolean)) {
      print(`> \r${line}\n`);
    }
    offset = end;
  };
  const poll = setInterval(() => {
    let kill = false;
    // Reading without the lock is safe (the state file is replaced by rename); lock only when work is due.
    const seen = readState();
    if (seen && (seen.killMonitor || seen.schedule.some((s) => s.due <= Date.now()))) {
      withState((s) => {
        kill = Boolean(s.killMonitor);
        s.killMonitor = false;
      });
    }
    drain();
    // The monitor process is killed (OOM killer, a stray kill): no farewell, the supplicant lives on.
    if (kill) process.kill(process.pid, "SIGKILL");
  }, 10);

  const rl = readline.createInterface({ input: process.stdin });
  rl.on("line", (line) => {
    const cmd = line.trim();
    if (cmd === "") return;
    fs.appendFileSync(files.stdin, JSON.stringify({ line: cmd, at: Date.now() }) + "\n");
    if (cmd === "quit") return finish();
    const args = tokenize(cmd);
    let text;
    if (!supplicantRunning()) text = `'${args[0].toUpperCase()}' command failed.\n`;
    else text = withState((s) => reply(s, args)) ?? `Unknown command '${args[0]}'\n`;
    drain(); // events the command caused may come first, as they do from the real socket
    print(`> ${cmd}\n${text}${text.endsWith("\n") ? "" : "\n"}`);
  });
  rl.on("close", finish);
  function finish() {
    clearInterval(poll);
    process.exit(0);
  }
}
