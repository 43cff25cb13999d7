# Runs one scenario: loads the helpers, resets the radios, then the scenario's own script.
# Usage: sh scenario.sh NAME EVIDENCE_DIR
set -u
SCENARIO=$1
OUT=$2
. "$LAB_GUEST/lib.sh"
script="$LAB_GUEST/scenarios/$SCENARIO.sh"
[ -f "$script" ] || { log "no such scenario: $script"; exit 97; }
log "===== scenario $SCENARIO ====="
# Proof of the generation that ran: the `wpa_supplicant` and `wpa_cli` the scenario and the agent find on PATH.
mkdir -p "$WORK"
run sh -c 'which wpa_supplicant wpa_cli; wpa_supplicant -v'
grep -m 1 '^wpa_supplicant v' "$WORK/run.out" >"$OUT/supplicant-version.txt"
. "$script"
# The agent's outcomes are evidence for the host's tests; only setup_failed (exit 91) marks a broken lab.
exit 0
