# Extra scenario: the same plan again on the same output folder. Without --force the agent reports
# "unchanged" with no button press; after the router's passphrase changed, --force enrols again, replaces the
# file (which must then connect) and keeps the old one as <id>.conf.bak, still readable by root only.
hwsim_reset
ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" || setup_failed "AP"
sta_start $STA || setup_failed "station supplicant"
AGENT_OUT_DIR=$WORK/rerun-out
ap_press $AP_A || setup_failed "AP button"
agent_run "$OUT/first" "$PLANS/happy.yaml" --timeout 90
# Nobody presses for the second run: the file is in place.
agent_run "$OUT/second" "$PLANS/happy.yaml" --timeout 20
ap_stop $AP_A
ap_start $AP_A 1 "ssid=LabNet" "new passphrase after reset" || setup_failed "AP restart"
ap_press $AP_A || setup_failed "AP button"
agent_run "$OUT/force" "$PLANS/happy.yaml" --timeout 90 --force
prove home "$AGENT_OUT/home.conf"
