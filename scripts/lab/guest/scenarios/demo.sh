# The demo: the agent runs on examples/lab-demo.yaml with its progress mirrored on the console, and the
# AP's button is pressed once the agent asks for it (or after 20 s), as a person would; then the file is proven.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
say() { echo "LAB-DEMO $*" >/dev/console; }
press_when_asked() {
  # The prompt is human text, not a contract: fall back to pressing after 20 s.
  wait_for 20 "press the WPS button" cat "$OUT/agent-stderr.txt"
  sleep 2
  say "pressing the WPS button on access point LabNet (hostapd_cli -i $AP_A wps_pbc)"
  ap_press $AP_A >"$WORK/press.log" 2>&1
}
say "access point LabNet is up on $AP_A; wpa_supplicant runs on $STA"
say "running: wifiprov provision examples/lab-demo.yaml --interface $STA --output-dir $WORK/... --timeout 60"
press_when_asked &
# The agent's event stream goes to the console, where the host renders it with the agent's own progress
# code on the user's terminal (live countdown included); its plain progress lines stay in agent-stderr.txt.
agent_run "$OUT" /repo/examples/lab-demo.yaml --timeout 60 --events ndjson --events-file /dev/console
wait
say "checking the written file: a fresh wpa_supplicant on $PROOF with only home.conf..."
prove home "$AGENT_OUT/home.conf"
say "$(head -n 1 "$OUT/proof-home.txt") ($(sed -n 's/^key_mgmt=/key_mgmt=/p; s/^ssid=/ssid=/p' "$OUT/proof-home.txt" | tr '\n' ' ' | sed 's/ $//'))"
