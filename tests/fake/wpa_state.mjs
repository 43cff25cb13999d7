// The fake supplicant's memory, shared by every fake process (one-shot wpa_cli calls, the interactive
// monitor, the fake wpa_supplicant): a JSON file in FAKE_WPA_STATE guarded by a lock directory, a schedule
// of timed happenings (replayed events, the 10 s re-enable, connection attempts) run by whichever process
// holds the lock once their time has come, and an append-only event log every monitor tails.
import * as fs from "node:fs";
import * as path from "node:path";
import { newNetwork, parseConfig, setField } from "./wpa_config.mjs";

export const scenarioPath = process.env.FAKE_WPA_SCENARIO ?? "";
export const stateDir = process.env.FAKE_WPA_STATE ?? "";
/** The scenario JSON (empty when only the fake wpa_supplicant runs without one). */
export const scenario = scenarioPath ? JSON.parse(fs.readFileSync(scenarioPath, "utf8")) : {};
export const fixtureDir = scenarioPath ? path.dirname(scenarioPath) : "";
/** Replay speed: transcript seconds per real second. */
export const speed = scenario.speed ?? 1;

export const files = {
  state: path.join(stateDir, "state.json"),
  lock: path.join(stateDir, "state.lock"),
  events: path.join(stateDir, "events.log"),
  oneShot: path.join(stateDir, "commands.log"),
  stdin: path.join(stateDir, "stdin.log"),
  writes: path.join(stateDir, "config-writes.log"),
  connections: path.join(stateDir, "connections.log"),
  running: path.join(stateDir, "supplicant-running"),
};

export function supplicantRunning() {
  return fs.existsSync(files.running);
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Runs `fn(state)` under the lock after running every scheduled happening that is due; saves the state. */
export function withState(fn, { settle = false } = {}) {
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(files.lock);
      break;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      // A holder killed mid-update (SIGKILL) would block everyone: take over after 3 s.
      if (Date.now() - started > 3000) break;
      Atomics.wait(sleeper, 0, 0, 2);
    }
  }
  try {
    const state = fs.existsSync(files.state) ? JSON.parse(fs.readFileSync(files.state, "utf8")) : initial();
    const before = JSON.stringify(state);
    runDue(state, settle ? Infinity : Date.now());
    const result = fn(state);
    const after = JSON.stringify(state);
    if (after !== before || !fs.existsSync(files.state)) {
      fs.writeFileSync(files.state + ".tmp", after);
      fs.renameSync(files.state + ".tmp", files.state);
    }
    return result;
  } finally {
    fs.rmSync(files.lock, { recursive: true, force: true });
  }
}

/** The state as last saved, read without the lock (null before the first use). */
export function readState() {
  try {
    return JSON.parse(fs.readFileSync(files.state, "utf8"));
  } catch {
    return null;
  }
}

/** Handlers of scheduled kinds, registered by the modules that define them (wpa_wps.mjs). */
export const handlers = {};

/** The virtual time of the happening being run (its due time), so follow-ups are scheduled from it. */
export let now = Date.now();

function runDue(state, limit) {
  now = Date.now();
  // A supplicant that is gone (terminated, killed) runs no timers.
  if (!supplicantRunning()) state.schedule = [];
  for (let guard = 0; guard < 10_000; guard++) {
    const next = state.schedule.reduce(
      (a, b) => (a && (a.due < b.due || (a.due === b.due && a.seq < b.seq)) ? a : b),
      null,
    );
    if (!next || next.due > limit) break;
    state.schedule = state.schedule.filter((s) => s !== next);
    now = Math.max(now, next.due);
    handlers[next.kind](state, next);
  }
  now = Math.max(now, Date.now());
}

/** Schedules a happening `delayMs` of real time from now (transcript seconds are divided by speed). */
export function schedule(state, delayMs, item) {
  state.schedule.push({ ...item, due: now + delayMs, seq: state.seq++ });
}

export function unschedule(state, kinds) {
  state.schedule = state.schedule.filter((s) => !kinds.includes(s.kind));
}

/** Sends an event to every attached monitor (text like "<3>WPS-SUCCESS "). */
export function emit(text) {
  fs.appendFileSync(files.events, text + "\n");
}

/** The state a supplicant has after reading `configText` (latin1 bytes of the system or a scratch config). */
export function freshState(configText, configPath, extra = {}) {
  const { globals, networks } = parseConfig(configText ?? "");
  const state = {
    globals: { update_config: "0", wps_cred_processing: "0" },
    logLevel: "INFO",
    networks: [],
    nextId: 0,
    current: null,
    wpaState: scenario.wpaState ?? "DISCONNECTED",
    configPath,
    wps: null,
    wpsRun: 0,
    apKeys: {},
    schedule: [],
    seq: 0,
    ...extra,
  };
  for (const [k, v] of globals) state.globals[k] = v;
  const fromScenario = (scenario.networks ?? []).map((n) =>
    Object.entries(n).map(([k, v]) => [k, Buffer.from(String(v), "utf8").toString("latin1")])
  );
  for (const assignments of [...networks, ...fromScenario]) {
    const net = newNetwork(state.nextId++);
    for (const [k, v] of assignments) setField(net, k, v);
    state.networks.push(net);
  }
  return state;
}

/** First use of a state directory: the system supplicant described by the scenario. */
function initial() {
  let text = "";
  let configPath = null;
  if (scenario.systemConfig) {
    text = fs.readFileSync(path.join(fixtureDir, scenario.systemConfig), "latin1");
    configPath = path.join(stateDir, path.basename(scenario.systemConfig));
    fs.writeFileSync(configPath, text, "latin1");
    fs.chmodSync(configPath, parseInt(scenario.systemConfigMode ?? "600", 8));
  }
  const state = freshState(text, configPath);
  for (const [k, v] of Object.entries(scenario.globals ?? {})) {
    if (k === "log_level") state.logLevel = v;
    else state.globals[k] = String(v);
  }
  return state;
}
