# Issue 10 kind 5, the control: two dual-band routers (different uuid=, wps_rf_bands=ag), both in
# push-button mode; the plan names AP A's BSSID: still an overlap, nothing written.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" WPA-PSK "uuid=$UUID_A
wps_rf_bands=ag" || setup_failed "AP A"
ap_start $AP_B 6 "ssid=LabNet-5G" "$PASS_B" WPA-PSK "uuid=$UUID_B
wps_rf_bands=ag" || setup_failed "AP B"
sta_start $STA || setup_failed "station supplicant"
ap_press $AP_A || setup_failed "AP A button"
ap_press $AP_B || setup_failed "AP B button"
pbc_pair_seen
agent_run "$OUT" "$PLANS/field-bssid.yaml" --timeout 90
