// The fake supplicant's `wps_pin` (enrollee PIN) and the access point's side of it. Mirrored from hostap:
// `wps_pin <bssid|any>` generates a PIN and answers it ("%08d"), `wps_pin <bssid|any> <pin>` answers the PIN
// given (wpa_supplicant/ctrl_iface.c wpa_supplicant_ctrl_iface_wps_pin); either clears an earlier run, adds
// the WPS network, sends WPS-PIN-ACTIVE and starts the walk that ends in WPS-TIMEOUT (wps_supplicant.c
// wpas_wps_start_dev_pw, WPS_PBC_WALK_TIME). The scenario says what the router is given and when:
//   apPin: "shown" (the PIN the device showed: its first PIN) or digits; apPinAfter: transcript seconds after
//   the first wps_pin; pinWalk: the walk in transcript seconds (default 120); generatedPin: what `wps_pin any`
//   answers. Windows of the transcript (tests/fixtures/transcripts/wps_pin.log, recorded in the lab):
//   pinArmed, replayed at every arm (scans, WPS-AP-AVAILABLE); wpsPin, the exchange when both PINs match;
//   wpsPinFail, the exchange when they differ (the enrollee's R-Hash1 check, src/wps/wps_enrollee.c:
//   WPS-FAIL msg=8 config_error=18; without the window that event alone), after which the run is cleared.
import { emit, handlers, scenario, schedule } from "./wpa_state.mjs";
import { replayWindow, transcriptMs } from "./wpa_transcript.mjs";
import { clearWps, startWps } from "./wpa_wps.mjs";

/** hostap wps_pin_checksum. */
function checksum(pin7) {
  let accum = 0;
  while (pin7) {
    accum += 3 * (pin7 % 10);
    pin7 = Math.floor(pin7 / 10);
    accum += pin7 % 10;
    pin7 = Math.floor(pin7 / 10);
  }
  return (10 - (accum % 10)) % 10;
}

function generate() {
  const seven = Math.floor(Math.random() * 10_000_000);
  return String(seven * 10 + checksum(seven)).padStart(8, "0");
}

const wpsActive = (state) => state.networks.some((n) => n.wps);

/** `wps_pin <target> [pin]`: the reply text. */
export function wpsPin(state, [target, given]) {
  if (!target || (target !== "any" && !/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(target))) return "FAIL\n";
  const pin = given ?? scenario.generatedPin ?? generate();
  startWps(state);
  const first = state.pin === undefined;
  state.pin = {
    value: pin,
    arm: (state.pin?.arm ?? 0) + 1,
    shown: state.pin?.shown ?? pin,
    ap: state.pin?.ap,
  };
  state.pinArms = [...(state.pinArms ?? []), pin];
  emit("<3>WPS-PIN-ACTIVE ");
  replayWindow(state, scenario.pinArmed);
  schedule(state, transcriptMs(scenario.pinWalk ?? 120), { kind: "pinWalkEnd", arm: state.pin.arm });
  if (first && scenario.apPin !== undefined) {
    schedule(state, transcriptMs(scenario.apPinAfter ?? 1), { kind: "apPin" });
  } else if (state.pin.ap !== undefined) exchange(state);
  return `${pin}\n`;
}

/** wpas_wps_timeout: only the walk of the current arm, and only while WPS is still on. */
handlers.pinWalkEnd = (state, { arm }) => {
  if (state.pin?.arm !== arm || !wpsActive(state) || state.pin.exchanging) return;
  emit("<3>WPS-TIMEOUT Requested operation timed out");
  clearWps(state);
};

/** The person types a PIN into the router's page; the AP's registrar then answers the enrollee. */
handlers.apPin = (state) => {
  state.pin.ap = scenario.apPin === "shown" ? state.pin.shown : String(scenario.apPin);
  exchange(state);
};

function exchange(state) {
  if (!wpsActive(state) || state.pin.exchanging) return;
  state.pin.exchanging = true;
  if (state.pin.ap === state.pin.value) return replayWindow(state, scenario.wpsPin);
  if (scenario.wpsPinFail) return replayWindow(state, scenario.wpsPinFail);
  emit("<3>WPS-FAIL msg=8 config_error=18");
  clearWps(state);
}
