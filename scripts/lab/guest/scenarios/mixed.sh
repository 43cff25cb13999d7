# Scenario 6: one PSK network (Office on AP B) and one WPS network (LabNet on AP A, button pressed a few
# seconds after the agent starts); both written files must connect to their AP.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" || setup_failed "AP A"
ap_start $AP_B 6 "ssid=Office" "office passphrase 42" WPA-PSK "wps_state=0" || setup_failed "AP B"
sta_start $STA || setup_failed "station supplicant"
(sleep 4 && ap_press $AP_A >"$WORK/press.log" 2>&1) &
agent_run "$OUT" "$PLANS/mixed.yaml" --timeout 120
wait
cat "$WORK/press.log"
prove office "$AGENT_OUT/office.conf"
prove home "$AGENT_OUT/home.conf"
