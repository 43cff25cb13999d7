# Issue 10 kind 3, TKIP-only router: hostapd turns WPS off for wpa=1 ("WPA/TKIP configuration without
# WPA2/CCMP/GCMP forced WPS to be disabled", ap_config.c), so the WPA-PSK/TKIP credential comes from the mixed
# AP of tkip-mixed; then the same SSID and passphrase are served TKIP-only (wpa=1) and the written file must
# connect there too.
hwsim_reset
write_creds creds-tkip "$(cred_hex "$(hexof TkipNet)" 0002 0004 "$PASS_TKIP")"
ap_start $AP_A 1 "ssid=TkipNet" "$PASS_TKIP" WPA-PSK "wpa=3
wpa_pairwise=TKIP CCMP
skip_cred_build=1
extra_cred=$WORK/creds-tkip.bin" || setup_failed "AP"
cp "$OUT/hostapd-$AP_A.conf" "$OUT/hostapd-$AP_A-wps.conf"
sta_start $STA || setup_failed "station supplicant"
ap_press $AP_A || setup_failed "AP button"
agent_run "$OUT" "$PLANS/field-tkip.yaml" --timeout 90
connected_network
witness_creds $AP_A $AP_A_BSSID
ap_stop $AP_A
# The WPS lines stay in this config on purpose: hostapd's log shows it refusing WPS for a TKIP-only AP.
ap_start $AP_A 1 "ssid=TkipNet" "$PASS_TKIP" WPA-PSK "wpa=1
wpa_pairwise=TKIP" || setup_failed "TKIP-only AP"
run hostapd_cli -p "$HCTRL" -i $AP_A get_config
prove tkip "$AGENT_OUT/tkip.conf"
