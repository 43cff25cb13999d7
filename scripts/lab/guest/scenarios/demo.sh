# The demo: the agent runs on examples/lab-demo.yaml with its progress mirrored on the console, and the
# AP's button is pressed a few seconds after it starts, as a person would; then the file is proven.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
(sleep 6 && echo "LAB-DEMO pressing the WPS button on the access point (hostapd_cli wps_pbc)" >/dev/console &&
  ap_press $AP_A >"$WORK/press.log" 2>&1) &
agent_run "$OUT" /repo/examples/lab-demo.yaml --timeout 60
wait
prove home "$AGENT_OUT/home.conf"
echo "LAB-DEMO proof: $(head -n 1 "$OUT/proof-home.txt")" >/dev/console
