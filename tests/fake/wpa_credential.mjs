// WPS credentials as the fake supplicant takes them (hostap wpa_supplicant/wps_supplicant.c,
// wpa_supplicant_wps_cred and wpas_wps_remove_dup_network; src/wps/wps_attr_process.c for the SSID's trailing
// NULs and the key's one trailing NUL): every credential teaches the fake AP its key; with
// wps_cred_processing other than 1 the first replaces the WPS network, later ones add networks, older
// networks with the same SSID and security are removed (same-M8 mixed-mode ones merged), then the config is
// written when update_config=1.
import { newNetwork, pmkHex } from "./wpa_config.mjs";
import { removeNetwork, writeConfig } from "./wpa_networks.mjs";
import { emit } from "./wpa_state.mjs";

/**
 * Decodes one Credential attribute (hex) as the supplicant does: trailing SSID NULs stripped
 * (wps_process_cred_ssid), one trailing NUL of a 9..63-byte passphrase dropped (wps_workaround_cred_key).
 * `apKey` is the key the AP itself uses: a registrar that pads with NULs means the passphrase without them.
 */
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
  const auth = a[0x1003]?.readUInt16BE(0) ?? 0;
  let key = a[0x1027] ?? Buffer.alloc(0);
  if (auth & 0x22 && key.length > 8 && key.length < 64 && key[key.length - 1] === 0) {
    key = key.subarray(0, -1);
  }
  let apKey = key;
  while (apKey.length > 0 && apKey[apKey.length - 1] === 0) apKey = apKey.subarray(0, -1);
  return {
    ssidHex: ssid.toString("hex"),
    key: key.toString("latin1"),
    apKey: apKey.toString("latin1"),
    auth,
    encr: a[0x100f]?.readUInt16BE(0) ?? 0,
  };
}

/** The scan flags of an AP that uses this credential ("[WPA2-PSK-CCMP]", "[ESS]" when open). */
function suitesOf(cred) {
  const ciphers = [cred.encr & 0x08 ? "CCMP" : "", cred.encr & 0x04 ? "TKIP" : ""].filter(Boolean);
  const cipher = ciphers.join("+") || "CCMP";
  const suites = [];
  if (cred.auth & 0x02) suites.push(`[WPA-PSK-${cipher}]`);
  if (cred.auth & 0x20) suites.push(`[WPA2-PSK-${cipher}]`);
  return suites.length ? suites.join("") + "[ESS]" : "[ESS]";
}

/** WPS-CRED-RECEIVED: learn the AP's key; with processing other than 1 also build the network. */
export function credentialReceived(state, hex) {
  let cred;
  try {
    cred = decodeCredential(hex);
  } catch {
    return; // a garbled attribute (hostile transcripts): the real supplicant would have rejected M8
  }
  // What the AP will accept: the registrar handed out its own key for that SSID, and its security.
  (state.apKeys[cred.ssidHex] ??= []).push(cred.apKey);
  (state.apSuites ??= {})[cred.ssidHex] = suitesOf(cred);
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
