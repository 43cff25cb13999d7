# Scenario 3: two APs in push-button mode at once; the agent must refuse (overlap) and write nothing.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" || setup_failed "AP A"
ap_start $AP_B 6 "ssid=OtherNet" "other passphrase 99" || setup_failed "AP B"
sta_start $STA || setup_failed "station supplicant"
ap_press $AP_A || setup_failed "AP A button"
ap_press $AP_B || setup_failed "AP B button"
# The station must have both APs in push-button mode in view before the agent starts: on a loaded machine a
# single scan can miss one of them, and then wpa_supplicant (and so the agent, which mirrors it) rightly
# sees no overlap. The supplicant keeps what this scan saw in its BSS table for its own overlap check.
sta_sees_pbc $AP_A_BSSID $AP_B_BSSID || setup_failed "the station does not see both APs in push-button mode"
agent_run "$OUT" "$PLANS/overlap.yaml" --timeout 90
