# Runs one scenario: loads the helpers, resets the radios, then the scenario's own script.
# Usage: sh scenario.sh NAME EVIDENCE_DIR
set -u
SCENARIO=$1
OUT=$2
. "$LAB_GUEST/lib.sh"
script="$LAB_GUEST/scenarios/$SCENARIO.sh"
[ -f "$script" ] || { log "no such scenario: $script"; exit 97; }
log "===== scenario $SCENARIO ====="
. "$script"
# The agent's outcomes are evidence for the host's tests; only setup_failed (exit 91) marks a broken lab.
exit 0
