// The fake supplicant's control interface: one command (already split into wpa_cli's arguments) in, the
// reply text out, with the effects the real wpa_supplicant has (hostap wpa_supplicant/ctrl_iface.c and
// wpa_supplicant.c: add_network starts disabled, select_network disables every other network,
// enable_network clears disabled, save_config refuses with update_config=0, get_network psk answers `*`).
// Returns null for a command wpa_cli does not know.
import * as fs from "node:fs";
import { getField, newNetwork, setField } from "./wpa_config.mjs";
import { requestConnect } from "./wpa_connect.mjs";
import { emit, files, scenario } from "./wpa_state.mjs";
import { removeNetwork, writeConfig } from "./wpa_networks.mjs";
import { replayWindow, scanResults } from "./wpa_transcript.mjs";
import { clearWps, startWps, unscheduleReplay } from "./wpa_wps.mjs";
import { wpsPin } from "./wpa_pin.mjs";
import { DPP_COMMANDS } from "./wpa_dpp.mjs";

const FAIL = "FAIL\n";
const OK = "OK\n";

/** The reply to `args` (e.g. ["set_network", "0", "ssid", '"x"']) after applying it to `state`. */
export function reply(state, args) {
  const key = args.join(" ");
  const overrides = scenario.replies ?? {};
  if (key in overrides) return overrides[key];
  if (args[0] in overrides) return overrides[args[0]];
  const [cmd, ...rest] = args;
  const handler = COMMANDS[cmd];
  if (!handler) return null;
  try {
    return handler(state, rest);
  } catch {
    return FAIL;
  }
}

const byId = (state, id) => state.networks.find((n) => String(n.id) === id);

/** wpa_ssid_txt: printable ASCII as is, the rest escaped. */
function ssidTxt(hex) {
  if (hex === null) return "";
  return [...Buffer.from(hex, "hex")].map((b) => {
    if (b === 0x22 || b === 0x5c) return "\\" + String.fromCharCode(b);
    return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : "\\x" + b.toString(16).padStart(2, "0");
  }).join("");
}

function listNetworks(state) {
  let out = "network id / ssid / bssid / flags\n";
  for (const n of state.networks) {
    const flags = (state.current === n.id ? "[CURRENT]" : "") + (n.disabled ? "[DISABLED]" : "") +
      (n.tempDisabled ? "[TEMP-DISABLED]" : "");
    out += `${n.id}\t${ssidTxt(n.ssidHex)}\t${n.plain.bssid ?? "any"}\t${flags}\n`;
  }
  return out;
}

function status(state) {
  let out = `wpa_state=${state.wpaState}\n`;
  const cur = byId(state, String(state.current));
  if (state.wpaState === "COMPLETED" && cur) {
    out += `bssid=${state.bssid}\nssid=${ssidTxt(cur.ssidHex)}\nid=${cur.id}\nkey_mgmt=${
      cur.key_mgmt.split(" ")[0]
    }\n`;
  }
  return out + "address=02:00:00:00:01:00\n";
}

function select(state, [id]) {
  const chosen = id === "any" ? null : byId(state, id);
  if (id !== "any" && !chosen) return FAIL;
  if (chosen && state.current !== null && state.current !== chosen.id) disconnectQuietly(state);
  for (const n of state.networks) if (n.disabled !== 2) n.disabled = chosen && n !== chosen ? 1 : 0;
  if (chosen) chosen.tempDisabled = false;
  requestConnect(state);
  return OK;
}

function disconnectQuietly(state) {
  emit("<3>CTRL-EVENT-DISCONNECTED bssid=00:00:00:00:00:00 reason=3 locally_generated=1");
  state.current = null;
  state.wpaState = "DISCONNECTED";
}

function enable(state, [id]) {
  const targets = id === "all" ? state.networks : [byId(state, id)];
  if (!targets[0] && id !== "all") return FAIL;
  for (const n of targets) {
    if (n.disabled === 2) continue;
    n.disabled = 0;
    n.tempDisabled = false;
  }
  if (state.current === null || state.wpaState !== "COMPLETED") requestConnect(state);
  return OK;
}

function disable(state, [id]) {
  const targets = id === "all" ? state.networks : [byId(state, id)];
  if (!targets[0] && id !== "all") return FAIL;
  for (const n of targets) {
    if (n.disabled === 2) continue;
    n.disabled = 1;
    if (state.current === n.id) disconnectQuietly(state);
  }
  return OK;
}

const COMMANDS = {
  ping: () => "PONG\n",
  status,
  list_networks: listNetworks,
  scan_results: () => scanResults(),
  bss: () => FAIL,
  add_network(state) {
    const net = Object.assign(newNetwork(state.nextId++), { disabled: 1 });
    state.networks.push(net);
    emit(`<3>CTRL-EVENT-NETWORK-ADDED ${net.id}`);
    return `${net.id}\n`;
  },
  set_network(state, [id, name, ...value]) {
    const net = byId(state, id);
    if (!net || !name || value.length === 0) return FAIL;
    setField(net, name, Buffer.from(value.join(" "), "utf8").toString("latin1"));
    return OK;
  },
  get_network(state, [id, name]) {
    const net = byId(state, id);
    const value = net && name ? getField(net, name) : null;
    return value === null ? FAIL : value; // the supplicant's reply has no newline
  },
  remove_network(state, [id]) {
    if (id === "all") {
      for (const n of [...state.networks]) removeNetwork(state, n.id);
      return OK;
    }
    return removeNetwork(state, Number(id)) ? OK : FAIL;
  },
  select_network: select,
  enable_network: enable,
  disable_network: disable,
  reconnect(state) {
    requestConnect(state);
    return OK;
  },
  reassociate(state) {
    requestConnect(state);
    return OK;
  },
  get(state, [name]) {
    return name in state.globals ? String(state.globals[name]) : FAIL;
  },
  set(state, [name, ...value]) {
    if (!name || value.length === 0) return FAIL;
    state.globals[name] = value.join(" ");
    return OK;
  },
  log_level(state, [level]) {
    if (level === undefined) return `Current level: ${state.logLevel}\nTimestamp: 0\n`;
    state.logLevel = level;
    return OK;
  },
  save_config(state) {
    return writeConfig(state, "save_config") ? OK : FAIL;
  },
  scan(state) {
    if (state.wpaState === "INTERFACE_DISABLED") return FAIL;
    replayWindow(state, scenario.scan);
    return OK;
  },
  wps_pbc(state) {
    startWps(state);
    return OK;
  },
  wps_pin: wpsPin,
  wps_cancel(state) {
    unscheduleReplay(state);
    clearWps(state);
    emit("<3>WPS-CANCEL ");
    return OK;
  },
  terminate() {
    fs.rmSync(files.running, { force: true });
    emit("<3>CTRL-EVENT-TERMINATING ");
    return OK;
  },
  ...DPP_COMMANDS,
};
