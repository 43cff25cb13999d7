# DPP 2: a WPA3-SAE AP; the configurator hands Lab3 over as conf=sta-sae; the file (key_mgmt=SAE,
# ieee80211w=2) must connect a fresh supplicant.
. "$LAB_GUEST/dpp.sh"
hwsim_reset
ap_start $AP_A 1 "ssid=Lab3" "$LAB_PASS" SAE "wps_state=0
ieee80211w=2" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
dpp_plan_ephemeral "" || setup_failed "dpp-uri"
configurator_start || setup_failed "configurator"
dpp_agent_run --timeout 40
configurator_offer Lab3 "$LAB_PASS" sta-sae
wait "$DPP_AGENT"
configurator_stop
prove home "$AGENT_OUT/home.conf"
