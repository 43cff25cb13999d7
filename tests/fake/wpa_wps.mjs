// What the fake supplicant does on its own: replays the transcript's recorded events with their effects,
// processes WPS credentials per wps_cred_processing, re-enables the networks WPS disabled, writes its config
// file, and connects an enabled network when the AP would accept its key.
// Rules mirrored from hostap wpa_supplicant/wps_supplicant.c: wpa_supplicant_wps_cred (processing 1 only
// reports; otherwise the first credential replaces the WPS network, later ones add networks, then
// wpas_wps_remove_dup_network, then wpa_config_write when update_config=1), wpas_wps_temp_disable,
// wpas_wps_reenable_networks (only disabled_for_connect && disabled; writes when something changed and
// update_config=1), wpas_clear_wps, the 10 s timer of wpa_supplicant_wps_event_success, and
// wpas_wps_eapol_cb ("waiting for external credential processing": clear at once with processing 1).
import * as fs from "node:fs";
import * as path from "node:path";
import { newNetwork, pmkHex, renderConfig } from "./wpa_config.mjs";
import { connect } from "./wpa_connect.mjs";
import {
  emit,
  files,
  fixtureDir,
  handlers,
  now,
  scenario,
  schedule,
  speed,
  unschedule,
} from "./wpa_state.mjs";

const transcriptMs = (seconds) => (seconds * 1000) / speed;

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

/** The indented reply block after the first `$ wpa_cli ... scan_results` line of the transcript. */
export function scanResults() {
  const lines = readTranscript(scenario.scanResultsFrom ?? scenario.transcript);
  const start = lines.findIndex((l) => /\$ wpa_cli .* scan_results$/.test(l));
  const out = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith("    ")) break;
    out.push(line.slice(4));
  }
  return out.join("\n") + "\n";
}

/** Schedules the recorded events of a window ([from, to] in transcript seconds). */
export function replayWindow(state, window) {
  if (!window) return;
  const [from, to] = window;
  for (const e of recordedEvents().filter((e) => e.t >= from && e.t <= to)) {
    schedule(state, transcriptMs(e.t - from), { kind: "replay", text: e.text });
  }
}

const AFTER_SUCCESS_WITH_PROCESSING_1 =
  /^<\d>(?:CTRL-EVENT-CONNECTED|Trying to associate|SME: Trying|Associated with|WPA: Key negotiation|CTRL-EVENT-SUBNET)/;

handlers.replay = (state, { text }) => {
  const name = /^<\d>(\S+)/.exec(text)?.[1] ?? "";
  const wps = state.wps;
  const processing = Number(state.globals.wps_cred_processing);
  if (name === "CTRL-EVENT-NETWORK-ADDED" || name === "CTRL-EVENT-NETWORK-REMOVED") {
    // The fake announces its own network changes; the recorded ids only map to them.
    if (name === "CTRL-EVENT-NETWORK-ADDED" && wps) wps.transcriptAdded.push(Number(text.split(" ")[1]));
    return;
  }
  if (wps?.success && processing === 1 && AFTER_SUCCESS_WITH_PROCESSING_1.test(text)) return;
  if (name === "CTRL-EVENT-CONNECTED") return connectedFromTranscript(state, text);
  emit(text);
  if (name === "CTRL-EVENT-DISCONNECTED" && state.wpaState !== "COMPLETED") state.wpaState = "DISCONNECTED";
  if (name === "WPS-CRED-RECEIVED") credentialReceived(state, text.split(" ")[1] ?? "");
  else if (name === "WPS-SUCCESS" && wps) {
    wps.success = true;
    if (processing !== 1) schedule(state, transcriptMs(10), { kind: "reenable" });
  } else if ((name === "CTRL-EVENT-EAP-FAILURE") && wps?.success && processing === 1) clearWps(state);
  else if (name === "WPS-TIMEOUT" || name === "WPS-FAIL") clearWps(state);
};

handlers.reenable = (state) => reenableNetworks(state, "10 s after WPS-SUCCESS");

function connectedFromTranscript(state, text) {
  const wps = state.wps;
  const recorded = Number(/\[id=(\d+)/.exec(text)?.[1]);
  const index = wps ? wps.transcriptAdded.indexOf(recorded) : -1;
  let id = index >= 0 ? wps.fakeAdded[index] : recorded;
  // A network merged away (wpas_wps_remove_dup_network) leaves its successor to connect.
  if (!state.networks.some((n) => n.id === id)) {
    id = wps?.fakeAdded.findLast((a) => state.networks.some((n) => n.id === a && !n.wps));
  }
  if (id === undefined) return;
  state.current = id;
  state.wpaState = "COMPLETED";
  emit(text.replace(/\[id=\d+/, `[id=${id}`));
  const bssid = /Connection to (\S+)/.exec(text)?.[1];
  state.bssid = bssid;
  fs.appendFileSync(files.connections, JSON.stringify({ id, bssid }) + "\n");
}

/** Decodes one Credential attribute (hex) as the supplicant does (trailing SSID NULs, one key NUL dropped). */
export function decodeCredential(hex) {
  const tlvs = (buf) => {
    const out = {};
    for (let i = 0; i + 4 <= buf.length;) {
      const type = buf.readUInt16BE(i);
      const len = buf.readUInt16BE(i + 2);
      out[type] = buf.subarray(i + 4, i + 4 + len);
      i += 4 + len;
    }
    return out;
  };
  const outer = tlvs(Buffer.from(hex, "hex"));
  const a = outer[0x100e] ? tlvs(outer[0x100e]) : outer;
  let ssid = a[0x1045] ?? Buffer.alloc(0);
  while (ssid.length > 0 && ssid[ssid.length - 1] === 0) ssid = ssid.subarray(0, -1);
  let key = a[0x1027] ?? Buffer.alloc(0);
  if (key.length > 0 && key[key.length - 1] === 0) key = key.subarray(0, -1);
  return {
    ssidHex: ssid.toString("hex"),
    key: key.toString("latin1"),
    auth: a[0x1003]?.readUInt16BE(0) ?? 0,
    encr: a[0x100f]?.readUInt16BE(0) ?? 0,
  };
}

function credentialReceived(state, hex) {
  let cred;
  try {
    cred = decodeCredential(hex);
  } catch {
    return; // a garbled attribute (hostile transcripts): the real supplicant would have rejected M8
  }
  // What the AP will accept: the registrar handed out its own key for that SSID.
  (state.apKeys[cred.ssidHex] ??= []).push(cred.key);
  if (Number(state.globals.wps_cred_processing) === 1) return;
  const auth = cred.auth === 0x22 ? 0x20 : cred.auth; // mixed WPA/WPA2 is taken as WPA2
  if (![0x01, 0x02, 0x20].includes(auth)) return;
  if (auth !== 0x01 && (cred.key.length < 8 || cred.key.length > 64)) return;
  const wps = state.wps;
  let net = state.networks.find((n) => n.id === state.current && n.wps);
  if (net) Object.assign(net, { wps: false, temporary: false, plain: {} });
  else {
    net = newNetwork(state.nextId++);
    state.networks.push(net);
    emit(`<3>CTRL-EVENT-NETWORK-ADDED ${net.id}`);
    wps?.fakeAdded.push(net.id);
  }
  Object.assign(net, { ssidHex: cred.ssidHex, wpsRun: state.wpsRun, auth_alg: "OPEN" });
  if (cred.encr === 0x04) net.pairwise = "CCMP TKIP";
  else if (cred.encr === 0x08) net.pairwise = "CCMP";
  if (auth === 0x01) Object.assign(net, { key_mgmt: "NONE", proto: "" });
  else Object.assign(net, { key_mgmt: "WPA-PSK", proto: auth === 0x02 ? "WPA RSN" : "RSN" });
  if (auth !== 0x01) {
    net.psk = cred.key.length === 64 ? { hex: cred.key.toLowerCase() } : { passphrase: cred.key };
  }
  removeDuplicates(state, net);
  writeConfig(state, "credential received");
}

/** wpas_wps_remove_dup_network: drops older networks with the same SSID and security. */
function removeDuplicates(state, fresh) {
  for (const old of [...state.networks]) {
    if (old === fresh || old.wps) continue;
    if ((old.plain.bssid ?? "") !== (fresh.plain.bssid ?? "")) continue;
    if (old.ssidHex === null || old.ssidHex !== fresh.ssidHex) continue;
    if (old.auth_alg !== fresh.auth_alg || old.key_mgmt !== fresh.key_mgmt) continue;
    const groupOk = old.group === fresh.group || (old.group.includes("CCMP") && fresh.group.includes("CCMP"));
    if (!groupOk) continue;
    if (old.wpsRun && old.wpsRun === fresh.wpsRun && old.key_mgmt.split(" ").includes("WPA-PSK")) {
      if (!old.psk || !fresh.psk || pmkHex(old.psk, old.ssidHex) !== pmkHex(fresh.psk, fresh.ssidHex)) {
        continue;
      }
      if (Boolean(old.psk.passphrase) !== Boolean(fresh.psk.passphrase)) continue;
      fresh.proto = union("proto", old.proto, fresh.proto);
      fresh.pairwise = union("pairwise", old.pairwise, fresh.pairwise);
    } else if (old.proto !== fresh.proto || old.pairwise !== fresh.pairwise) continue;
    removeNetwork(state, old.id);
  }
}

function union(field, a, b) {
  const order = field === "proto" ? ["WPA", "RSN"] : ["CCMP-256", "GCMP-256", "CCMP", "GCMP", "TKIP", "NONE"];
  const all = new Set([...a.split(" "), ...b.split(" ")]);
  return order.filter((t) => all.has(t)).join(" ");
}

/** Removes a network, announcing it; a removed current network disconnects. */
export function removeNetwork(state, id) {
  const net = state.networks.find((n) => n.id === id);
  if (!net) return false;
  emit(`<3>CTRL-EVENT-NETWORK-REMOVED ${id}`);
  // The WPS network's own deauthentication is in the transcript already.
  if (state.current === id && net.wps) state.current = null;
  else if (state.current === id) disconnect(state);
  state.networks = state.networks.filter((n) => n !== net);
  return true;
}

export function disconnect(state) {
  if (state.current === null) return;
  emit("<3>CTRL-EVENT-DISCONNECTED bssid=00:00:00:00:00:00 reason=3 locally_generated=1");
  state.current = null;
  state.wpaState = "DISCONNECTED";
}

/** wps_pbc: clear an earlier run, add the WPS network, disable all others for the connection, replay. */
export function startWps(state) {
  clearWps(state);
  disconnect(state);
  const net = Object.assign(newNetwork(state.nextId++), { wps: true, temporary: true, key_mgmt: "WPS" });
  state.networks.push(net);
  emit(`<3>CTRL-EVENT-NETWORK-ADDED ${net.id}`);
  for (const other of state.networks) {
    if (other === net || other.disabled === 2) continue;
    const was = other.disabled;
    other.disabledForConnect = false;
    other.disabled = 1;
    if (was !== 1) other.disabledForConnect = true;
  }
  state.wpsRun++;
  state.current = net.id;
  state.wpaState = "SCANNING";
  state.wps = { netId: net.id, success: false, transcriptAdded: [], fakeAdded: [net.id] };
  replayWindow(state, scenario.wpsPbc);
  if (scenario.vanishAfterWpsPbc !== undefined) {
    schedule(state, transcriptMs(scenario.vanishAfterWpsPbc), { kind: "vanish" });
  }
  if (scenario.monitorExitAfterWpsPbc !== undefined) {
    schedule(state, transcriptMs(scenario.monitorExitAfterWpsPbc), { kind: "monitorExit" });
  }
}

handlers.vanish = (state) => {
  fs.rmSync(files.running, { force: true });
  state.schedule = [];
  emit("Connection to wpa_supplicant lost - trying to reconnect");
};

handlers.monitorExit = (state) => {
  state.killMonitor = true;
};

/** wpas_clear_wps: re-enable what WPS disabled, then remove the WPS network(s). */
export function clearWps(state) {
  reenableNetworks(state, "WPS cleared");
  for (const net of state.networks.filter((n) => n.wps)) removeNetwork(state, net.id);
  if (state.wps) state.wps.active = false;
}

/** wpas_wps_reenable_networks. */
export function reenableNetworks(state, why) {
  unschedule(state, ["reenable"]);
  let changed = 0;
  for (const net of state.networks) {
    if (net.disabledForConnect && net.disabled) {
      net.disabledForConnect = false;
      net.disabled = 0;
      changed++;
    }
  }
  if (changed) writeConfig(state, `re-enabled ${changed} network(s): ${why}`);
}

/**
 * A moment the real supplicant writes its config when update_config=1: logged either way (config-writes.log:
 * why, update_config, written) so tests can prove the agent had it off; written as Debian's 2.10
 * wpa_config_write does it: `<file>.tmp` created with the default umask (0644), then renamed over the file.
 */
export function writeConfig(state, why) {
  const written = Number(state.globals.update_config) === 1;
  const entry = { at: now, why, path: state.configPath, update_config: state.globals.update_config, written };
  fs.appendFileSync(files.writes, JSON.stringify(entry) + "\n");
  if (!written || !state.configPath) return written;
  const tmp = `${state.configPath}.tmp`;
  fs.writeFileSync(tmp, renderConfig(state.globals, state.networks), "latin1");
  fs.chmodSync(tmp, 0o644);
  fs.renameSync(tmp, state.configPath);
  return true;
}

handlers.connect = (state) => connect(state, scanResults());

/** wps_cancel stops the recorded exchange: nothing more of it arrives. */
export function unscheduleReplay(state) {
  unschedule(state, ["replay"]);
}
