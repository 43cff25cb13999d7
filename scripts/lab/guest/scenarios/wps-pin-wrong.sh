# WPS PIN (issue 14): the AP is given a different PIN than the one the agent shows: wps-failed, at once.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" WPA-PSK "$AP_WPS_PIN" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
record_events "$OUT/supplicant-events.log"
pin_run "$PLANS/wps-pin.yaml" wrong --timeout 25
wpa_cli -p $CTRL -i $STA list_networks >"$OUT/after-networks.txt" 2>&1
run cat "$OUT/after-networks.txt"
