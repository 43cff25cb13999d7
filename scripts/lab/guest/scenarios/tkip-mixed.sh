# Issue 10 kind 3: a WPA/WPA2 mixed AP (wpa=3, TKIP CCMP) that hands out only a WPA-PSK/TKIP credential
# (skip_cred_build=1, extra_cred). The written proto/pairwise/key_mgmt must be what the network that connected
# has (get_network); the file must connect to this AP. A witness enrollee records M8.
hwsim_reset
write_creds creds-tkip "$(cred_hex "$(hexof TkipNet)" 0002 0004 "$PASS_TKIP")"
ap_start $AP_A 1 "ssid=TkipNet" "$PASS_TKIP" WPA-PSK "wpa=3
wpa_pairwise=TKIP CCMP
skip_cred_build=1
extra_cred=$WORK/creds-tkip.bin" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
ap_press $AP_A || setup_failed "AP button"
agent_run "$OUT" "$PLANS/field-tkip.yaml" --timeout 90
connected_network
prove tkip "$AGENT_OUT/tkip.conf"
witness_creds $AP_A $AP_A_BSSID
