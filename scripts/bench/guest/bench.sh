# Benchmark scenario, sourced by the lab's scenario.sh (lib.sh loaded, OUT=/out/bench). BENCH_RUNS rounds;
# each round runs every variant once: the agent (plan without BSSID), the agent (plan with the AP's BSSID)
# and the baseline script. Every run gets fresh radios, a fresh AP and a fresh station supplicant (-t -f log),
# and the AP's button is pressed the same way just before it starts. Output lines are timestamped with
# busybox `ts '%.s'` (µs wall clock, the clock of the supplicant's -t log; busybox date has no %N).
# Environment (exported by lab.env): BENCH_RUNS, BENCH_POLL, BENCH_GUEST.
BENCH_OUT=$OUT
# The lab's helpers are a moving target: say which one is missing rather than failing somewhere obscure.
for helper in log hwsim_reset ap_start sta_start ap_press kill_matching; do
  if ! command -v "$helper" >/dev/null 2>&1; then
    echo "the lab's lib.sh no longer defines $helper" >"$BENCH_OUT/fatal.txt"
    exit 92
  fi
done
for name in AP_A STA CTRL WORK LAB_PASS; do
  if ! eval "[ -n \"\${$name:-}\" ]"; then
    echo "the lab's lib.sh no longer sets \$$name" >"$BENCH_OUT/fatal.txt"
    exit 92
  fi
done
: >"$BENCH_OUT/runs.txt"

bench_setup() {
  hwsim_reset && ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" && sta_start $STA
}

# The agent raises a supplicant's log level above INFO for its run, which keeps CTRL-EVENT-CONNECTED out of
# the -t log; a second monitor timestamps the events independently (same for every variant).
monitor_start() {
  sleep 997 | wpa_cli -p "$CTRL" -i "$STA" 2>&1 | ts '%.s' >"$1/monitor.ts" &
  sleep 0.5
}

monitor_stop() {
  kill_matching "wpa_cli -p $CTRL -i $STA\$"
  kill_matching " sleep 997\$"
}

# bench_timed DIR COMMAND...: runs the command with stdout and stderr timestamped into DIR/stdout.ts and
# DIR/stderr.ts between BENCH-START and BENCH-END lines; its exit code goes to DIR/rc.
bench_timed() {
  local dir=$1
  shift
  {
    echo "BENCH-START"
    { { timeout -s TERM 120 "$@"; echo $? >"$dir/rc"; } 2>&1 1>&3 3>&- | ts '%.s' >"$dir/stderr.ts"; } 3>&1
    echo "BENCH-END"
  } | ts '%.s' >"$dir/stdout.ts"
}

bench_run() {
  local round=$1 variant=$2 dir out=$WORK/agent-out
  dir=$BENCH_OUT/$(printf '%02d' "$round")-$variant
  mkdir -p "$dir"
  # lib.sh puts each daemon's config and log into $OUT: one set per run.
  OUT=$dir
  if ! bench_setup >"$dir/setup.log" 2>&1; then
    echo "$round $variant setup-failed" >>"$BENCH_OUT/runs.txt"
    log "round $round $variant: setup failed"
    return
  fi
  monitor_start "$dir"
  ap_press $AP_A >>"$dir/setup.log" 2>&1
  case $variant in
    agent | agent-bssid)
      # An existing home.conf would make the agent skip the enrolment as already done.
      rm -rf "$out"
      bench_timed "$dir" /opt/wifiprov provision "$BENCH_GUEST/plans/$variant.yaml" --interface "$STA" \
        --output-dir "$out" --ctrl-dir "$CTRL"
      stat -c '%y' "$out/home.conf" >"$dir/mtime.txt" 2>/dev/null
      ;;
    baseline)
      bench_timed "$dir" sh "$BENCH_GUEST/baseline.sh" "$CTRL" "$STA" "${BENCH_POLL:-0.2}" 60
      stat -c '%y' "$WORK/sta-$STA.conf" >"$dir/mtime.txt" 2>/dev/null
      ;;
  esac
  monitor_stop
  echo "$round $variant ran" >>"$BENCH_OUT/runs.txt"
  log "round $round $variant: rc=$(cat "$dir/rc" 2>/dev/null)"
}

# Process starts under TCG, for the table's explanation of where the time goes: the Bun hello world (from
# tmpfs, like the agent), `wifiprov --version` and `wifiprov validate`. The first start of a 110 MB binary
# after its copy into tmpfs took 3.7 s instead of 1.3 s: one untimed start of each program first, which
# also keeps round 1's first variant from paying for it.
cp /agent/hello-linux-x64 /opt/hello 2>/dev/null && chmod 755 /opt/hello
for program in /opt/hello /opt/wifiprov wpa_cli; do "$program" --version >/dev/null 2>&1; done
for i in 1 2 3; do
  for name in hello version validate; do
    mkdir -p "$BENCH_OUT/startup-$name-$i"
    case $name in
      hello) [ -x /opt/hello ] && bench_timed "$BENCH_OUT/startup-$name-$i" /opt/hello ;;
      version) bench_timed "$BENCH_OUT/startup-$name-$i" /opt/wifiprov --version ;;
      validate) bench_timed "$BENCH_OUT/startup-$name-$i" /opt/wifiprov validate "$BENCH_GUEST/plans/agent.yaml" ;;
    esac
  done
done
round=1
while [ "$round" -le "${BENCH_RUNS:-5}" ]; do
  # Rotate the order each round so that no variant always runs first or right after another.
  case $(((round - 1) % 3)) in
    0) order="agent agent-bssid baseline" ;;
    1) order="agent-bssid baseline agent" ;;
    *) order="baseline agent agent-bssid" ;;
  esac
  for variant in $order; do bench_run "$round" "$variant"; done
  round=$((round + 1))
done
OUT=$BENCH_OUT
