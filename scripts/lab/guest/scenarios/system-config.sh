# Issue 10 kind 1, success: a system supplicant with update_config=1, a comment, its own networks (one with
# the SSID the AP hands out, an old passphrase) and mode 0600. Its file must be byte-identical and its
# networks unchanged 15 s after the run, plus the one network that connected; the written file must connect.
sysconf_setup
ap_press $AP_A || setup_failed "AP button"
agent_run "$OUT" "$PLANS/field-labnet.yaml" --timeout 90
agent_exited
connected_network
prove home "$AGENT_OUT/home.conf"
sysconf_after
