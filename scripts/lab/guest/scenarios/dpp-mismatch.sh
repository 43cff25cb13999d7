# DPP 3: the plan expects "SomethingElse", the configurator offers LabNet: ssid-mismatch, nothing written,
# no network left in the station's supplicant.
. "$LAB_GUEST/dpp.sh"
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" WPA-PSK "wps_state=0" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
dpp_plan_ephemeral "    ssid: SomethingElse\n" || setup_failed "dpp-uri"
configurator_start || setup_failed "configurator"
dpp_agent_run --timeout 40
configurator_offer LabNet "$LAB_PASS" sta-psk
wait "$DPP_AGENT"
configurator_stop
wpa_cli -p $CTRL -i $STA list_networks >"$OUT/after-networks.txt" 2>&1
run cat "$OUT/after-networks.txt"
