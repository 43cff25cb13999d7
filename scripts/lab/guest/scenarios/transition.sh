# Scenario 7: WPS from a WPA2/WPA3 transition AP (WPA-PSK and SAE, PMF optional); the file must connect.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet3" "$LAB_PASS" "WPA-PSK SAE" "ieee80211w=1" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
ap_press $AP_A || setup_failed "AP button"
agent_run "$OUT" "$PLANS/transition.yaml" --timeout 90
prove mixedmode "$AGENT_OUT/mixedmode.conf"
