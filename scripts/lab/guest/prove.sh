# Guest helper (sourced by lib.sh): check 2, the acceptance check of every config file the agent writes.

# prove NAME CONF: the acceptance check of a written config. A fresh wpa_supplicant started with exactly that
# file on the unused proof radio must reach wpa_state=COMPLETED. Writes $OUT/proof-NAME.txt. The proving
# supplicant uses the driver in PROOF_DRIVER (default nl80211).
prove() {
  local name=$1 conf=$2 proof=$OUT/proof-$1.txt state="" ctrl
  log "===== proof of $conf on $PROOF ====="
  if [ ! -f "$conf" ]; then
    printf 'result=NO-FILE\nconfig=%s\n' "$conf" >"$proof"
    log "proof $name: no file"
    return 1
  fi
  # The config names its control directory (maybe as `DIR=/x GROUP=y`); wpa_cli must use the same.
  ctrl=$(sed -n 's/^[[:space:]]*ctrl_interface=//p' "$conf" | head -n 1 | sed 's/^DIR=//; s/ .*//')
  [ -n "$ctrl" ] || ctrl=$CTRL
  run wpa_supplicant -B -D "${PROOF_DRIVER:-nl80211}" -i "$PROOF" -c "$conf" -t -f "$OUT/proof-$name-wpa_supplicant.log" \
    -P "$WORK/proof.pid"
  # WPS-provisioned first associations are sometimes rejected and retried after 10 s (lab-notes): allow 40 s.
  local deadline=$(($(cut -d. -f1 /proc/uptime) + 40)) previous=""
  while [ "$(cut -d. -f1 /proc/uptime)" -lt "$deadline" ]; do
    state=$(wpa_cli -p "$ctrl" -i "$PROOF" status 2>/dev/null | sed -n 's/^wpa_state=//p')
    [ "$state" != "$previous" ] && log "proof $name: wpa_state=$state" && previous=$state
    [ "$state" = COMPLETED ] && break
    sleep 0.5
  done
  {
    if [ "$state" = COMPLETED ]; then echo "result=COMPLETED"; else echo "result=FAILED last_state=$state"; fi
    echo "config=$conf"
    echo "ctrl_dir=$ctrl"
    echo "driver=${PROOF_DRIVER:-nl80211}"
    wpa_cli -p "$ctrl" -i "$PROOF" status 2>&1
  } >"$proof"
  sed 's/^/    /' "$proof"
  [ -f "$WORK/proof.pid" ] && kill "$(cat "$WORK/proof.pid")" 2>/dev/null
  wait_gone 5 "$WPAS_RE.*-i $PROOF" || kill_matching "$WPAS_RE.*-i $PROOF"
  rm -f "$WORK/proof.pid" "$ctrl/$PROOF"
  [ "$state" = COMPLETED ]
}
