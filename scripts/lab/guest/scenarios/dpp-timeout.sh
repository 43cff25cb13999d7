# DPP 4: nobody scans the QR code: `timeout` after the run's --timeout, nothing written, and the station's
# supplicant left as found: no network added, the bootstrap entry removed, dpp_config_processing as before.
. "$LAB_GUEST/dpp.sh"
hwsim_reset
sta_start $STA || setup_failed "station supplicant"
wpa_cli -p $CTRL -i $STA get dpp_config_processing >"$OUT/before-processing.txt" 2>&1
dpp_plan_ephemeral "" || setup_failed "plan"
agent_run "$OUT" "$DPP_PLAN" --timeout 10
wpa_cli -p $CTRL -i $STA list_networks >"$OUT/after-networks.txt" 2>&1
wpa_cli -p $CTRL -i $STA get dpp_config_processing >"$OUT/after-processing.txt" 2>&1
# The agent's bootstrap entry was the supplicant's first (id 1): after the run it must be gone.
wpa_cli -p $CTRL -i $STA dpp_bootstrap_get_uri 1 >"$OUT/after-bootstrap.txt" 2>&1
run cat "$OUT/after-networks.txt" "$OUT/before-processing.txt" "$OUT/after-processing.txt" "$OUT/after-bootstrap.txt"
