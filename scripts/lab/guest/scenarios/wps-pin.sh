# WPS PIN (issue 14): the agent shows the PIN its supplicant generated; the person types it into the AP
# (hostapd_cli wps_pin any <PIN>); the written file must connect a fresh supplicant.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" WPA-PSK "$AP_WPS_PIN" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
record_events "$OUT/supplicant-events.log"
pin_run "$PLANS/wps-pin.yaml" shown --timeout 60
prove home "$AGENT_OUT/home.conf"
