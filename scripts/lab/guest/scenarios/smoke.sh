# Smoke check of the lab itself: radios, one AP, one station, the agent starts at all.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS"
sta_start $STA
run wpa_cli -p $CTRL -i $STA scan
sleep 5
run wpa_cli -p $CTRL -i $STA scan_results
run /opt/wifiprov --version
