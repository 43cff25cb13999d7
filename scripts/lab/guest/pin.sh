# Guest helper (sourced by lib.sh) for the WPS PIN scenarios: an AP whose registrar takes PINs, and the
# person who reads the PIN the agent shows and types it (or another one) into the AP.

# The WPS block of an AP that offers the PIN method besides the button (ap_start's EXTRA_LINES).
AP_WPS_PIN='wps_state=2
eap_server=1
config_methods=label display keypad push_button virtual_push_button
device_name=Lab AP PIN
manufacturer=wifiprov lab
model_name=hwsim
model_number=1
serial_number=pin
device_type=6-0050F204-1'

# shown_pin EVENTS_FILE: waits up to 120 s (a starved TCG guest can take a minute to start the binary) for
# the agent's wps-active event and prints its wpsPin.
shown_pin() {
  local deadline=$(($(cut -d. -f1 /proc/uptime) + 120)) pin
  while [ "$(cut -d. -f1 /proc/uptime)" -lt "$deadline" ]; do
    pin=$(grep '"type":"wps-active"' "$1" 2>/dev/null | sed -n 's/.*"wpsPin":"\([0-9]*\)".*/\1/p' | head -n 1)
    [ -n "$pin" ] && echo "$pin" && return 0
    sleep 0.2
  done
  return 1
}

# pin_run PLAN AP_PIN_MODE ARGS...: runs the agent in the background with an events file, reads the PIN it
# shows, and gives the AP that PIN (AP_PIN_MODE=shown) or a different valid one (AP_PIN_MODE=wrong); the
# PIN the AP got is kept in $OUT/ap-pin.txt. The agent's output folder is $WORK/agent-out-pin.
pin_run() {
  local plan=$1 mode=$2 pin ap_pin
  shift 2
  AGENT_OUT_DIR=$WORK/agent-out-pin
  agent_run "$OUT" "$plan" --events-file "$OUT/events.ndjson" "$@" &
  local agent=$!
  if pin=$(shown_pin "$OUT/events.ndjson"); then
    log "the agent shows the PIN $pin"
    ap_pin=$pin
    # Another PIN with a valid checksum digit (the AP would refuse a malformed one).
    [ "$mode" = wrong ] && { ap_pin=12345670; [ "$pin" = 12345670 ] && ap_pin=40319780; }
    echo "$ap_pin" >"$OUT/ap-pin.txt"
    run hostapd_cli -p "$HCTRL" -i "$AP_A" wps_pin any "$ap_pin"
  else
    log "the agent showed no PIN within 120 s"
  fi
  wait "$agent"
  AGENT_OUT=$AGENT_OUT_DIR
}

# record_events FILE: a second monitor on the station's supplicant writes every event it sends, stamped with
# the guest's uptime, as the replay transcripts have them (tests/fixtures/transcripts/wps_pin.log was cut
# from one). It ends with the scenario (cleanup.sh stops every wpa_cli).
record_events() {
  sleep 600 | wpa_cli -p "$CTRL" -i "$STA" 2>&1 | while IFS= read -r line; do
    echo "  [+$(cut -d' ' -f1 /proc/uptime)] $line"
  done >"$1" &
}
