# Issue 10 kind 1, SIGTERM mid-walk: nobody presses; once WPS has the system's networks disabled the agent
# gets SIGTERM. The system supplicant's file and networks are exactly as before.
sysconf_setup
sigterm_mid_walk() {
  local mid=no
  # wps_pbc disables every other network until the walk ends: that is "mid-walk". The agent's own start
  # took ~40 s under TCG on a loaded host, so allow a long wait; it ends as soon as the walk begins.
  wait_for 100 "Elsewhere.*DISABLED" wpa_cli -p "$CTRL" -i "$STA" list_networks && mid=yes
  sleep 1
  wpa_cli -p "$CTRL" -i "$STA" list_networks >"$OUT/sigterm-networks.txt" 2>&1
  {
    echo "mid-walk=$mid"
    echo "uptime=$(cut -d' ' -f1 /proc/uptime)"
    processes '^ *[0-9]+ /opt/wifiprov provision' | while read -r pid _; do
      kill -TERM "$pid" && echo "sigterm=$pid"
    done
  } >"$OUT/sigterm.txt"
}
sigterm_mid_walk &
agent_run "$OUT" "$PLANS/field-labnet.yaml" --timeout 90
agent_exited
wait
run cat "$OUT/sigterm.txt" "$OUT/sigterm-networks.txt"
sysconf_after
