# Issue 10 kind 4: the Credential's SSID is PadNet followed by 26 NUL bytes (32 octets), the AP serves PadNet.
# A witness enrollee records M8.
hwsim_reset
write_creds creds-pad "$(cred_hex "$(hexof PadNet)0000000000000000000000000000000000000000000000000000" 0020 0008 "$PASS_PAD")"
ap_start $AP_A 1 "ssid=PadNet" "$PASS_PAD" WPA-PSK "skip_cred_build=1
extra_cred=$WORK/creds-pad.bin" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
ap_press $AP_A || setup_failed "AP button"
agent_run "$OUT" "$PLANS/field-padnet.yaml" --timeout 90
connected_network
prove pad "$AGENT_OUT/pad.conf"
witness_creds $AP_A $AP_A_BSSID
