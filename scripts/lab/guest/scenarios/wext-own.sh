# wext-own: no supplicant on the interface and the plan sets `supplicantDriver: wext`; the supplicant the
# agent starts must run `-D wext` (watched with ps while the agent runs), provision, and be stopped again.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" || setup_failed "AP"
ap_press $AP_A || setup_failed "AP button"
: >"$OUT/supplicants-during.txt"
(while :; do supplicants >>"$OUT/supplicants-during.txt"; sleep 0.5; done) &
watcher=$!
agent_run "$OUT" "$PLANS/wext-own.yaml" --timeout 90
kill "$watcher"
sleep 1
supplicants >"$OUT/supplicants-after.txt"
run sort -u "$OUT/supplicants-during.txt"
PROOF_DRIVER=wext
prove home "$AGENT_OUT/home.conf"
