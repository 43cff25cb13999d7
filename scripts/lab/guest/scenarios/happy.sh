# Scenario 1+2: one WPS network, button pressed before the agent starts; the written file must connect.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
ap_press $AP_A || setup_failed "AP button"
agent_run "$OUT" "$PLANS/happy.yaml" --timeout 90
prove home "$AGENT_OUT/home.conf"
