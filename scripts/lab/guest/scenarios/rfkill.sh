# Issue 10 kind 6: only the station phy's rfkill is soft-blocked while the system supplicant runs; the agent
# must stop at once (never arming WPS) with exit 3 and a reason naming the blocked/disabled radio.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
set -- /sys/class/net/$STA/phy80211/rfkill*
[ -w "$1/soft" ] || setup_failed "no rfkill switch for $STA's phy"
echo 1 >"$1/soft"
for r in /sys/class/rfkill/rfkill*; do
  echo "$(basename "$r") name=$(cat "$r/name") soft=$(cat "$r/soft") hard=$(cat "$r/hard")"
done >"$OUT/rfkill.txt"
echo "$(basename "$1") name=$(cat "$1/name")" >"$OUT/rfkill-station.txt"
run cat "$OUT/rfkill.txt" "$OUT/rfkill-station.txt"
wait_for 15 "wpa_state=INTERFACE_DISABLED" wpa_cli -p "$CTRL" -i "$STA" status
wpa_cli -p "$CTRL" -i "$STA" status >"$OUT/before-status.txt" 2>&1
run cat "$OUT/before-status.txt"
agent_run "$OUT" "$PLANS/field-labnet.yaml" --timeout 60
echo 0 >"$1/soft"
