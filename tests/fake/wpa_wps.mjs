// What the fake supplicant does on its own around WPS: replays the transcript's recorded events with their
// effects, starts and clears a WPS run, and re-enables the networks WPS disabled.
// Rules mirrored from hostap wpa_supplicant/wps_supplicant.c: wpas_wps_temp_disable (every other network
// disabled, disabled_for_connect where that changed it), wpas_wps_reenable_networks (only
// disabled_for_connect && disabled; the config is written when something changed and update_config=1),
// wpas_clear_wps, the 10 s timer of wpa_supplicant_wps_event_success, and wpas_wps_eapol_cb ("waiting for
// external credential processing": with wps_cred_processing=1 the run is cleared at once, nothing connects).
import * as fs from "node:fs";
import { newNetwork } from "./wpa_config.mjs";
import { connect } from "./wpa_connect.mjs";
import { credentialReceived } from "./wpa_credential.mjs";
import { disconnect, removeNetwork, writeConfig } from "./wpa_networks.mjs";
import { emit, files, handlers, scenario, schedule, unschedule } from "./wpa_state.mjs";
import { replayWindow, scanResults, transcriptMs } from "./wpa_transcript.mjs";

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

handlers.connect = (state) => connect(state, scanResults());

/** wps_cancel stops the recorded exchange: nothing more of it arrives. */
export function unscheduleReplay(state) {
  unschedule(state, ["replay"]);
}
