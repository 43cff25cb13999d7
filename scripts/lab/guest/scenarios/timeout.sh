# Scenario 4: nobody presses the button; the agent gives up after its short timeout, writes nothing, and
# leaves the system supplicant usable: reachable, no leftover WPS network, its own network not disabled.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" || setup_failed "AP"
sta_start $STA 'network={
	ssid="Elsewhere"
	psk="elsewhere passphrase"
}' || setup_failed "station supplicant"
cat "$WORK/wpas-$STA.pid" >"$OUT/supplicant-pid-before"
agent_run "$OUT" "$PLANS/timeout.yaml" --timeout 15
# wps_pbc disables the other networks until wps_cancel or the 120 s walk time: look a moment later.
sleep 2
wpa_cli -p $CTRL -i $STA status >"$OUT/after-status.txt" 2>&1
echo $? >"$OUT/after-status-rc"
wpa_cli -p $CTRL -i $STA list_networks >"$OUT/after-networks.txt" 2>&1
supplicants "-i ?$STA" >"$OUT/after-supplicants.txt"
run cat "$OUT/after-status.txt" "$OUT/after-networks.txt" "$OUT/after-supplicants.txt"
# What this generation answers to the commands the agent relies on besides WPS (README: version differences).
for cmd in "get wps_cred_processing" "log_level" "get country" "bss 0"; do
  echo "> $cmd"
  wpa_cli -p $CTRL -i $STA $cmd 2>&1
  echo " (exit $?)"
done >"$OUT/replies.txt"
run cat "$OUT/replies.txt"
