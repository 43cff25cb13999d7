# Issue 10 kind 1, overlap: AP A and AP B both in push-button mode; the system supplicant's file and networks
# are exactly as before.
sysconf_setup
ap_start $AP_B 6 "ssid=OtherNet" "$PASS_B" || setup_failed "AP B"
ap_press $AP_A || setup_failed "AP A button"
ap_press $AP_B || setup_failed "AP B button"
agent_run "$OUT" "$PLANS/field-labnet.yaml" --timeout 90
agent_exited
sysconf_after
