// Network-list primitives of the fake supplicant shared by its commands and its own doings: removing a
// network (announced; the current one disconnects), disconnecting, and writing its config file.
import * as fs from "node:fs";
import { renderConfig } from "./wpa_config.mjs";
import { emit, files, now } from "./wpa_state.mjs";

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
