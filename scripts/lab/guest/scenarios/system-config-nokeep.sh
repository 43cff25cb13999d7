# Issue 10 kind 1, success with --no-keep-network: the system supplicant's file and networks are exactly as
# before (the network that connected is removed too); the written file must still connect.
sysconf_setup
ap_press $AP_A || setup_failed "AP button"
agent_run "$OUT" "$PLANS/field-labnet.yaml" --timeout 90 --no-keep-network
agent_exited
prove home "$AGENT_OUT/home.conf"
sysconf_after
