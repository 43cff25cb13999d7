# Guest helper for the DPP scenarios (sourced by them): the key file and plan of the agent's dpp network,
# the URI equality check against the real supplicant, and a configurator on its own station radio, as a
# phone would be (hostap's dpp_configurator_add / dpp_qr_code / dpp_auth_init).
CONF_STA=$AP_B # the second AP radio is free in the DPP scenarios: the configurator's station

# dpp_plan_ephemeral SSID_LINE: the plan without a key file (provision makes a key for the run; the URI is
# read from its progress line). One agent start less than dpp_plan: each costs seconds under TCG.
dpp_plan_ephemeral() {
  mkdir -p "$WORK/dpp"
  DPP_PLAN=$WORK/dpp/plan.yaml
  printf 'version: 1\ninterface: %s\nnetworks:\n  - id: home\n    method: dpp\n%b    timeout: 40\n' "$STA" "$1" >"$DPP_PLAN"
  run cat "$DPP_PLAN"
}

# dpp_plan SSID_LINE: writes $WORK/dpp/plan.yaml for network "home" with a fresh key file (0600) made by
# `wifiprov dpp-uri --create-key`, whose URI (for the station's MAC) goes to $OUT/uri-agent.txt (the agent's
# report gives the URI of a second run with the same key).
dpp_plan() {
  mkdir -p "$WORK/dpp"
  DPP_KEY=$WORK/dpp/dpp.key
  DPP_PLAN=$WORK/dpp/plan.yaml
  rm -f "$DPP_KEY"
  printf 'version: 1\ninterface: %s\nnetworks:\n  - id: home\n    method: dpp\n%b    key: { file: %s }\n    timeout: 40\n' \
    "$STA" "$1" "$DPP_KEY" >"$DPP_PLAN"
  run cat "$DPP_PLAN"
  run /opt/wifiprov dpp-uri "$DPP_PLAN" --id home --create-key || return 1
  grep '^DPP:' "$WORK/run.out" >"$OUT/uri-agent.txt"
  stat -c '%a' "$DPP_KEY" >"$OUT/key-mode.txt"
}

# dpp_uri_check: the real supplicant's dpp_bootstrap_get_uri for the same key, channel and MAC (a test
# harness may pass the key as an argument; the agent never does), written to $OUT/uri-supplicant.txt.
dpp_uri_check() {
  local mac id
  mac=$(tr -d ':' </sys/class/net/$STA/address)
  id=$(wpa_cli -p $CTRL -i $STA dpp_bootstrap_gen type=qrcode chan=81/6 mac="$mac" key="$(cat "$DPP_KEY")")
  wpa_cli -p $CTRL -i $STA dpp_bootstrap_get_uri "$id" >"$OUT/uri-supplicant.txt"
  wpa_cli -p $CTRL -i $STA dpp_bootstrap_remove "$id" >/dev/null
  run cat "$OUT/uri-supplicant.txt"
}

# configurator_start: a wpa_supplicant on its own radio with a DPP configurator; sets CONF_ID.
configurator_start() {
  printf 'ctrl_interface=%s\n' "$CTRL" >"$WORK/conf-sta.conf"
  run wpa_supplicant -B -D nl80211 -i "$CONF_STA" -c "$WORK/conf-sta.conf" -t -f "$OUT/configurator.log" \
    -P "$WORK/wpas-conf.pid" || return 1
  wait_until 10 test -S "$CTRL/$CONF_STA" || return 1
  CONF_ID=$(wpa_cli -p $CTRL -i "$CONF_STA" dpp_configurator_add)
  log "configurator id $CONF_ID"
  [ -n "$CONF_ID" ]
}

# configurator_offer SSID PASS [CONF]: once the agent listens (its progress line), scans the agent's URI and
# offers the network (conf=sta-psk, or sta-sae), as a phone's "add device" does.
configurator_offer() {
  local ssid_hex pass_hex peer
  # The agent binary takes a while to start under TCG emulation.
  wait_for 120 "listening on" cat "$OUT/agent-stderr.txt" || { log "the agent never listened"; return 1; }
  ssid_hex=$(printf '%s' "$1" | od -An -tx1 | tr -d ' \n')
  pass_hex=$(printf '%s' "$2" | od -An -tx1 | tr -d ' \n')
  # The URI the agent shows, as a person would scan it from the terminal.
  sed -n 's/.*listening on .*: \(DPP:.*;;\)$/\1/p' "$OUT/agent-stderr.txt" | head -n 1 >"$OUT/uri-shown.txt"
  peer=$(wpa_cli -p $CTRL -i "$CONF_STA" dpp_qr_code "$(cat "$OUT/uri-shown.txt")")
  log "configurator: peer bootstrap id $peer"
  run wpa_cli -p $CTRL -i "$CONF_STA" dpp_auth_init peer="$peer" conf="${3:-sta-psk}" ssid="$ssid_hex" \
    pass="$pass_hex" configurator="$CONF_ID"
}

configurator_stop() {
  kill "$(cat "$WORK/wpas-conf.pid")" 2>/dev/null
  wait_gone 5 "$WPAS_RE.*-i $CONF_STA" || kill_matching "$WPAS_RE.*-i $CONF_STA"
}

# dpp_agent_run ARGS...: the agent in the background (the configurator acts while it listens), then waits.
dpp_agent_run() {
  : >"$OUT/agent-stderr.txt"
  # The background run's variables stay in its subshell: name its output folder here.
  AGENT_OUT_DIR=$WORK/agent-out-dpp
  AGENT_OUT=$AGENT_OUT_DIR
  agent_run "$OUT" "$DPP_PLAN" "$@" &
  DPP_AGENT=$!
}
