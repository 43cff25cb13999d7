// How the fake supplicant picks and joins a network, and how the AP answers: BSSes in scan-result order,
// for each the enabled networks (list order) whose SSID and security fit the BSS's flags; the AP accepts a
// network only when its key equals the key the registrar handed out for that SSID (WPS-CRED-RECEIVED), so
// a wrong or mangled passphrase fails as on real hardware: CTRL-EVENT-SSID-TEMP-DISABLED … reason=WRONG_KEY.
// A simplification, said once: attempts happen only when a command asks for one (select_network,
// enable_network, reconnect, reassociate) while not connected, not after every WPS re-enable.
import { pmkHex } from "./wpa_config.mjs";
import { emit, files, scenario, schedule, speed } from "./wpa_state.mjs";
import * as fs from "node:fs";

const AKM = { PSK: "WPA-PSK", SAE: "SAE", EAP: "WPA-EAP", "PSK-SHA256": "WPA-PSK-SHA256" };

/** Asks for a connection attempt shortly (scenario.connectAfter transcript seconds, default 0.2). */
export function requestConnect(state) {
  if (state.wpaState === "COMPLETED" || state.wpaState === "INTERFACE_DISABLED") return;
  if (state.schedule.some((s) => s.kind === "connect")) return;
  schedule(state, ((scenario.connectAfter ?? 0.2) * 1000) / speed, { kind: "connect" });
}

/** Parses scan_results rows: { bssid, freq, flags, ssidHex }. */
function bssList(scanText) {
  return scanText.split("\n").slice(1).filter(Boolean).map((row) => {
    const [bssid, freq, , flags = "", ssid = ""] = row.split("\t");
    return { bssid, freq, flags, ssidHex: Buffer.from(ssid, "utf8").toString("hex") };
  });
}

/** Does the network's proto/key_mgmt/pairwise fit one of the BSS's advertised suites? */
function fits(net, flags) {
  const suites = [...flags.matchAll(/\[(WPA2?|RSN)-([^\]]+)\]/g)].map((m) => {
    const parts = m[2].split("-");
    const ciphers = parts.pop().split("+");
    const akms = parts.join("-").split("+").map((a) => AKM[a] ?? a);
    return { proto: m[1] === "WPA" ? "WPA" : "RSN", akms, ciphers };
  });
  const tokens = (f) => net[f].split(" ");
  if (suites.length === 0) return tokens("key_mgmt").includes("NONE");
  return suites.some((s) =>
    tokens("proto").includes(s.proto) && s.akms.some((a) => tokens("key_mgmt").includes(a)) &&
    s.ciphers.some((c) => tokens("pairwise").includes(c))
  );
}

function keyAccepted(state, net, bss) {
  const keys = state.apKeys[bss.ssidHex] ?? [];
  if (net.key_mgmt.split(" ").includes("NONE") && !net.psk) return !/\[(WPA|RSN)/.test(bss.flags);
  if (!net.psk) return false;
  const mine = pmkHex(net.psk, net.ssidHex);
  return keys.some((k) =>
    (k.length === 64 ? k.toLowerCase() : pmkHex({ passphrase: k }, bss.ssidHex)) === mine
  );
}

/**
 * With `wpsApServesCredentialSsids` (constructed transcripts whose scan shows another SSID, e.g. the hostile
 * credential cases) the AP the exchange ran with, the first BSS of the scan, also serves every SSID it
 * handed out, with the credential's security.
 */
function servedByWpsAp(state, listed) {
  const ap = listed[0];
  if (!scenario.wpsApServesCredentialSsids || !ap) return [];
  return Object.entries(state.apSuites ?? {})
    .filter(([ssidHex]) => !listed.some((b) => b.ssidHex === ssidHex))
    .map(([ssidHex, flags]) => ({ bssid: ap.bssid, freq: ap.freq, flags, ssidHex }));
}

/** One attempt over the BSSes; connects the first network the AP accepts, temp-disables rejected ones. */
export function connect(state, scanText) {
  if (state.wpaState === "COMPLETED") return;
  let tried = false;
  const listed = bssList(scanText);
  for (const bss of [...listed, ...servedByWpsAp(state, listed)]) {
    for (const net of state.networks) {
      if (
        net.disabled || net.tempDisabled || net.wps || net.ssidHex !== bss.ssidHex || !fits(net, bss.flags)
      ) {
        continue;
      }
      tried = true;
      const ssidText = Buffer.from(bss.ssidHex, "hex").toString("latin1");
      emit(`<3>Trying to associate with ${bss.bssid} (SSID='${ssidText}' freq=${bss.freq} MHz)`);
      if (!keyAccepted(state, net, bss)) {
        net.tempDisabled = true;
        emit(
          `<3>CTRL-EVENT-SSID-TEMP-DISABLED id=${net.id} ssid="${ssidText}" auth_failures=1 ` +
            "duration=10 reason=WRONG_KEY",
        );
        continue;
      }
      state.current = net.id;
      state.wpaState = "COMPLETED";
      state.bssid = bss.bssid;
      emit(`<3>Associated with ${bss.bssid}`);
      emit(
        `<3>CTRL-EVENT-CONNECTED - Connection to ${bss.bssid} completed [id=${net.id} id_str=${
          net.plain.id_str ?? ""
        }]`,
      );
      fs.appendFileSync(files.connections, JSON.stringify({ id: net.id, bssid: bss.bssid }) + "\n");
      return;
    }
  }
  if (!tried) emit("<3>CTRL-EVENT-NETWORK-NOT-FOUND");
}
