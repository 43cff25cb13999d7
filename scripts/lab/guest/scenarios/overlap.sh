# Scenario 3: two APs in push-button mode at once; the agent must refuse (overlap) and write nothing.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" || setup_failed "AP A"
ap_start $AP_B 6 "ssid=OtherNet" "other passphrase 99" || setup_failed "AP B"
sta_start $STA || setup_failed "station supplicant"
ap_press $AP_A || setup_failed "AP A button"
ap_press $AP_B || setup_failed "AP B button"
agent_run "$OUT" "$PLANS/overlap.yaml" --timeout 90
