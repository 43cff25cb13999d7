# The DPP demo: the agent listens with the QR code on the console; a configurator on another radio scans it
# (as a phone's "add device" would) and hands LabNet over; then the file is proven.
. "$LAB_GUEST/dpp.sh"
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" WPA-PSK "wps_state=0" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
configurator_start || setup_failed "configurator"
say() { echo "LAB-DEMO $*" >/dev/console; }
say "access point LabNet (WPA2, no WPS) is up on $AP_A; wpa_supplicant runs on $STA; a configurator on $CONF_STA"
say "running: wifiprov provision examples/lab-demo-dpp.yaml --interface $STA --output-dir $WORK/... --timeout 60"
offer() {
  configurator_offer LabNet "$LAB_PASS" sta-psk >"$WORK/offer.log" 2>&1
  say "the configurator scanned the URI and offered LabNet (dpp_qr_code, dpp_auth_init conf=sta-psk)"
}
: >"$OUT/agent-stderr.txt"
offer &
agent_run "$OUT" /repo/examples/lab-demo-dpp.yaml --timeout 60 --events ndjson --events-file /dev/console
wait
configurator_stop
say "checking the written file: a fresh wpa_supplicant on $PROOF with only home.conf..."
prove home "$AGENT_OUT/home.conf"
say "$(head -n 1 "$OUT/proof-home.txt")"
