# Guest helper (sourced by lib.sh): runs the agent binary and captures its evidence for the host's tests.

# agent_run EVIDENCE_DIR PLAN ARGS...: runs `wifiprov provision` on the station radio and keeps the report,
# exit code, stderr, the written files (with modes) and the plan in EVIDENCE_DIR. Sets AGENT_OUT: a fresh
# output folder per run, unless the scenario set AGENT_OUT_DIR to run again on the same one.
agent_run() {
  local evidence=$1 plan=$2
  shift 2
  AGENT_RUNS=$((AGENT_RUNS + 1))
  AGENT_OUT=${AGENT_OUT_DIR:-$WORK/agent-out-$AGENT_RUNS}
  mkdir -p "$evidence" "$AGENT_OUT"
  cp "$plan" "$evidence/plan.yaml"
  log "\$ wifiprov provision $plan --interface $STA --output-dir $AGENT_OUT --ctrl-dir $CTRL $*"
  local t0
  t0=$(cut -d' ' -f1 /proc/uptime)
  # The agent's stderr goes to a file and, for the demo, live to the console; the exit code survives the pipe.
  {
    timeout -s TERM 300 /opt/wifiprov provision "$plan" --interface "$STA" --output-dir "$AGENT_OUT" \
      --ctrl-dir "$CTRL" "$@" 2>&1 >"$evidence/report.json"
    echo $? >"$evidence/exit-code"
  } | tee "$evidence/agent-stderr.txt" | if [ "${LAB_ECHO_AGENT:-0}" = 1 ]; then
    # Not sed: busybox sed reads one line ahead, which would hold back the line the agent just printed.
    while IFS= read -r line; do echo "AGENT| $line"; done >/dev/console
  else
    cat >/dev/null
  fi
  awk "BEGIN{print $(cut -d' ' -f1 /proc/uptime)-$t0}" >"$evidence/agent-seconds"
  log "agent exit code $(cat "$evidence/exit-code") after $(cat "$evidence/agent-seconds") s; stderr:"
  sed 's/^/    ! /' "$evidence/agent-stderr.txt"
  log "report:"
  sed 's/^/    /' "$evidence/report.json"
  collect_outputs "$evidence"
}

# Copies what the agent wrote, and records every file's mode and size (leftover temp files included).
collect_outputs() {
  local evidence=$1
  mkdir -p "$evidence/files"
  : >"$evidence/modes.txt"
  for file in "$AGENT_OUT"/* "$AGENT_OUT"/.[!.]*; do
    [ -e "$file" ] || continue
    stat -c '%a %s %n' "$file" | sed "s|$AGENT_OUT/||" >>"$evidence/modes.txt"
    cp -p "$file" "$evidence/files/"
  done
  log "output dir $AGENT_OUT:"
  sed 's/^/    /' "$evidence/modes.txt"
}
