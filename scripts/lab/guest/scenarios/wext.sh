# wext: the system supplicant runs `-D wext` (cfg80211's wireless-extensions layer, as the published manual
# procedure starts it); the agent provisions through it, and the written file connects under wext as well.
STA_DRIVER=wext
PROOF_DRIVER=wext
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant with -D wext"
supplicants "-i ?$STA" >"$OUT/supplicants-before.txt"
run cat "$OUT/supplicants-before.txt"
ap_press $AP_A || setup_failed "AP button"
agent_run "$OUT" "$PLANS/happy.yaml" --timeout 90
prove home "$AGENT_OUT/home.conf"
