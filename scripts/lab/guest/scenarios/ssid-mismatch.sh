# Scenario 5: the AP hands out "LabNet", the file expects "SomethingElse"; nothing may be written.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
ap_press $AP_A || setup_failed "AP button"
agent_run "$OUT" "$PLANS/ssid-mismatch.yaml" --timeout 60
wpa_cli -p $CTRL -i $STA list_networks >"$OUT/after-networks.txt" 2>&1
run cat "$OUT/after-networks.txt"
