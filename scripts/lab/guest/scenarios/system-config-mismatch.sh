# Issue 10 kind 1, ssid-mismatch: the exchange succeeds but for another SSID than the plan's; the system
# supplicant's file and networks are exactly as before.
sysconf_setup
ap_press $AP_A || setup_failed "AP button"
agent_run "$OUT" "$PLANS/field-mismatch.yaml" --timeout 90
agent_exited
sysconf_after
