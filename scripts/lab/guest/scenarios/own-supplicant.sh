# Scenario 9: no wpa_supplicant on the interface. The agent starts its own, provisions, and stops it again;
# with --no-start-supplicant it must exit 3 instead.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" || setup_failed "AP"
ap_press $AP_A || setup_failed "AP button"
supplicants >"$OUT/supplicants-before.txt"
agent_run "$OUT/own" "$PLANS/own-supplicant.yaml" --timeout 90
sleep 1
supplicants >"$OUT/own/supplicants-after.txt"
run cat "$OUT/own/supplicants-after.txt"
prove home "$AGENT_OUT/home.conf"
# A supplicant the agent left behind would hide what --no-start-supplicant does: end it (it is recorded above).
kill_matching "$WPAS_RE.*$STA"
wait_gone 5 "$WPAS_RE.*$STA" || setup_failed "a leftover wpa_supplicant on $STA does not stop"
agent_run "$OUT/nostart" "$PLANS/own-supplicant.yaml" --timeout 20 --no-start-supplicant
supplicants >"$OUT/nostart/supplicants-after.txt"
