# Scenario 8: SSID and passphrase full of quoting traps (quotes, backslash, '#', spaces, UTF-8), both from
# WPS and given as PSK in the file; both written files must connect.
hwsim_reset
ap_start $AP_A 1 "ssid2=$HOSTILE_SSID_HEX
utf8_ssid=1" "$HOSTILE_PASS" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
ap_press $AP_A || setup_failed "AP button"
agent_run "$OUT" "$PLANS/hostile.yaml" --timeout 120
prove hostile-wps "$AGENT_OUT/hostile-wps.conf" || true
prove hostile-psk "$AGENT_OUT/hostile-psk.conf" || true
