# Issue 10 kind 1, timeout: nobody presses; the system supplicant's file and networks are exactly as before.
sysconf_setup
agent_run "$OUT" "$PLANS/field-timeout.yaml" --timeout 15
agent_exited
sysconf_after
