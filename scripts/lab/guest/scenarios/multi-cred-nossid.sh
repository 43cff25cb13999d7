# Issue 10 kind 2 without ssid: in the plan: the same two Credentials (HomeNet-5G first, then HomeNet); the
# file must hold the one the supplicant connected with, HomeNet. A witness enrollee records M8.
hwsim_reset
write_creds creds-multi "$(cred_hex "$(hexof HomeNet-5G)" 0020 0008 "$PASS_5G")$(cred_hex "$(hexof HomeNet)" 0020 0008 "$PASS_HOME")"
ap_start $AP_A 1 "ssid=HomeNet" "$PASS_HOME" WPA-PSK "skip_cred_build=1
extra_cred=$WORK/creds-multi.bin" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
networks_snapshot before
ap_press $AP_A || setup_failed "AP button"
agent_run "$OUT" "$PLANS/field-nossid.yaml" --timeout 90
connected_network
networks_snapshot after
prove home "$AGENT_OUT/home.conf"
witness_creds $AP_A $AP_A_BSSID
