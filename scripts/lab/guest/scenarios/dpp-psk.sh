# DPP 1: a plain WPA2 AP (no WPS); a configurator on another radio scans the agent's URI and hands LabNet
# over (conf=sta-psk); the agent's file must connect a fresh supplicant. Also: the URI wifiprov computes
# equals the real supplicant's dpp_bootstrap_get_uri for the same key, channel and MAC, on two runs.
. "$LAB_GUEST/dpp.sh"
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" WPA-PSK "wps_state=0" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
dpp_plan "    ssid: LabNet\n" || setup_failed "dpp-uri"
dpp_uri_check
configurator_start || setup_failed "configurator"
dpp_agent_run --timeout 40
configurator_offer LabNet "$LAB_PASS" sta-psk
wait "$DPP_AGENT"
configurator_stop
wpa_cli -p $CTRL -i $STA list_networks >"$OUT/after-networks.txt" 2>&1
run cat "$OUT/after-networks.txt"
prove home "$AGENT_OUT/home.conf"
