# Issue 10 kind 5: two BSSs of one dual-band router (the same uuid=, so the same UUID-E; wps_rf_bands=ag, so
# hostapd also puts UUID-E in its beacons, as it does for dual-band), both in push-button mode; the plan names
# AP A's BSSID: not an overlap.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" WPA-PSK "uuid=$UUID_A
wps_rf_bands=ag" || setup_failed "AP A"
ap_start $AP_B 6 "ssid=LabNet-5G" "$PASS_B" WPA-PSK "uuid=$UUID_A
wps_rf_bands=ag" || setup_failed "AP B"
sta_start $STA || setup_failed "station supplicant"
ap_press $AP_A || setup_failed "AP A button"
ap_press $AP_B || setup_failed "AP B button"
pbc_pair_seen
agent_run "$OUT" "$PLANS/field-bssid.yaml" --timeout 90
prove home "$AGENT_OUT/home.conf"
