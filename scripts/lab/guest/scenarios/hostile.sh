# Scenario 8: SSIDs and passphrases full of quoting traps (quotes, backslash, '#', spaces, UTF-8): AP A's
# through WPS, AP B's given as a PSK network in the plan; both written files must connect to their AP.
hwsim_reset
ap_start $AP_A 1 "ssid2=$HOSTILE_SSID_HEX
utf8_ssid=1" "$HOSTILE_PASS" || setup_failed "AP A"
ap_start $AP_B 6 "ssid2=$HOSTILE_SSID2_HEX
utf8_ssid=1" "$HOSTILE_PASS2" WPA-PSK "wps_state=0" || setup_failed "AP B"
sta_start $STA || setup_failed "station supplicant"
ap_press $AP_A || setup_failed "AP button"
agent_run "$OUT" "$PLANS/hostile.yaml" --timeout 120
prove hostile-wps "$AGENT_OUT/hostile-wps.conf"
prove hostile-psk "$AGENT_OUT/hostile-psk.conf"
