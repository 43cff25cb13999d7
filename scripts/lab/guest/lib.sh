# Guest helpers shared by the scenarios: radios, access points, the station's supplicant; agent.sh runs the
# agent with its evidence captured and prove.sh holds check 2, the acceptance check of every written config.
# Conventions: wlan0 and wlan1 are access points, wlan2 is the agent's station, wlan3 the proof radio.

AP_A=wlan0
AP_A_BSSID=02:00:00:00:00:00
AP_B=wlan1
AP_B_BSSID=02:00:00:00:01:00
STA=wlan2
PROOF=wlan3
CTRL=/run/wpa_supplicant
HCTRL=/run/hostapd
WORK=/run/lab
PLANS=$LAB_GUEST/plans
LAB_PASS="correct horse battery staple"
# Quoting traps: quotes, a backslash, '#', spaces and UTF-8; hostapd gets the SSIDs as hex via ssid2=.
# AP A hands its values out by WPS (the passphrase has UTF-8, which only WPS can deliver: a passphrase in the
# plan must be printable ASCII); AP B's values are given as a PSK network in plans/hostile.yaml.
HOSTILE_SSID='Lab "Q" \ #1 Café ☕'
HOSTILE_SSID_HEX=4c616220225122205c20233120436166c3a920e29895
HOSTILE_PASS="pa\"ss \\ #word 'ü' x"
HOSTILE_SSID2='Büro "2" \ #2 ☕'
HOSTILE_SSID2_HEX=42c3bc726f20223222205c20233220e29895
HOSTILE_PASS2="pa\"ss \\ #word 'x' y"
AGENT_RUNS=0
# A `ps -o pid,args` line of a running wpa_supplicant program (not a command that only mentions it).
WPAS_RE='^ *[0-9]+ ([^ ]*/)?wpa_supplicant '

log() { echo "[+$(cut -d' ' -f1 /proc/uptime)] $*"; }

# A broken lab (not a failing agent) ends the scenario with a non-zero code the host reports as such.
setup_failed() {
  log "SETUP FAILED: $*"
  exit 91
}

# Runs a command with its output indented into the transcript; returns the command's exit code.
run() {
  log "\$ $*"
  "$@" >"$WORK/run.out" 2>&1
  local rc=$?
  sed 's/^/    /' "$WORK/run.out"
  [ "$rc" = 0 ] || echo "    (exit $rc)"
  return "$rc"
}

# Polls a command until its output matches an extended regex; returns 1 after SECONDS.
wait_for() {
  local seconds=$1 pattern=$2
  shift 2
  local deadline=$(($(cut -d. -f1 /proc/uptime) + seconds))
  while [ "$(cut -d. -f1 /proc/uptime)" -lt "$deadline" ]; do
    "$@" 2>/dev/null | grep -Eq "$pattern" && return 0
    sleep 0.3
  done
  return 1
}

# Retries a command until it succeeds; returns 1 after SECONDS.
wait_until() {
  local tries=$(($1 * 4))
  shift
  until "$@" 2>/dev/null; do
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || return 1
    sleep 0.25
  done
}

# Fresh radios for every scenario: no state survives from the previous one.
hwsim_reset() {
  sh "$LAB_GUEST/cleanup.sh"
  mkdir -p "$WORK" "$CTRL" "$HCTRL"
  rmmod mac80211_hwsim 2>/dev/null
  run modprobe mac80211_hwsim radios=4
  wait_until 10 test -e /sys/class/net/$PROOF || { log "FATAL: hwsim radios did not appear"; exit 90; }
  for ifc in $AP_A $AP_B $STA $PROOF; do
    echo "    $ifc $(cat /sys/class/net/$ifc/address) $(basename "$(readlink /sys/class/net/$ifc/phy80211)")"
  done
}

# ap_start IFACE CHANNEL SSID_LINES PASSPHRASE [KEY_MGMT [EXTRA_LINES]]: a WPA2 AP with WPS push button.
ap_start() {
  local ifc=$1 channel=$2 ssid_lines=$3 pass=$4 key_mgmt=${5:-WPA-PSK} extra=${6:-}
  local conf=$WORK/hostapd-$ifc.conf
  cat >"$conf" <<CONF
interface=$ifc
driver=nl80211
ctrl_interface=$HCTRL
hw_mode=g
channel=$channel
$ssid_lines
wpa=2
wpa_key_mgmt=$key_mgmt
rsn_pairwise=CCMP
wpa_passphrase=$pass
$extra
CONF
  # An AP without WPS says so in EXTRA_LINES (wps_state=0); all others get a push button.
  case $extra in *wps_state=*) ;; *) cat >>"$conf" <<CONF
wps_state=2
eap_server=1
config_methods=push_button virtual_push_button physical_push_button
device_name=Lab AP $ifc
manufacturer=wifiprov lab
model_name=hwsim
model_number=1
serial_number=$ifc
device_type=6-0050F204-1
CONF
  esac
  log "hostapd config for $ifc:"
  sed 's/^/    | /' "$conf"
  cp "$conf" "$OUT/hostapd-$ifc.conf"
  run hostapd -B -t -f "$OUT/hostapd-$ifc.log" -P "$WORK/hostapd-$ifc.pid" "$conf" || return 1
  wait_for 15 "state=ENABLED" hostapd_cli -p "$HCTRL" -i "$ifc" status || { log "AP $ifc not enabled"; return 1; }
  run hostapd_cli -p "$HCTRL" -i "$ifc" status | grep -E "state=|bssid|ssid"
  return 0
}

# Stops the AP on IFACE (to start it again with other settings).
ap_stop() {
  kill "$(cat "$WORK/hostapd-$1.pid")" 2>/dev/null
  wait_gone 5 "hostapd .*hostapd-$1.conf" || kill_matching "hostapd .*hostapd-$1.conf"
}

# The AP's push button.
ap_press() {
  run hostapd_cli -p "$HCTRL" -i "$1" wps_pbc
}

# sta_start IFACE [CONFIG_LINES]: the "system" wpa_supplicant the agent finds running on its interface, with
# the driver in STA_DRIVER (default nl80211; the wext scenarios use cfg80211's wireless-extensions layer).
sta_start() {
  local ifc=$1 conf=$WORK/sta-$1.conf driver=${STA_DRIVER:-nl80211}
  printf 'ctrl_interface=%s\nupdate_config=1\n%s\n' "$CTRL" "${2:-}" >"$conf"
  cp "$conf" "$OUT/sta-$ifc.conf"
  run wpa_supplicant -B -D "$driver" -i "$ifc" -c "$conf" -t -f "$OUT/wpa_supplicant-$ifc.log" \
    -P "$WORK/wpas-$ifc.pid" || return 1
  wait_until 10 test -S "$CTRL/$ifc" || { log "no control socket for $ifc"; return 1; }
}

# sta_sees_pbc BSSID...: scans with the station's supplicant until its scan results show every BSSID with
# [WPS-PBC]; returns 1 after 60 s. Logs the last scan results.
sta_sees_pbc() {
  local deadline=$(($(cut -d. -f1 /proc/uptime) + 60)) bssid missing
  while [ "$(cut -d. -f1 /proc/uptime)" -lt "$deadline" ]; do
    wpa_cli -p "$CTRL" -i "$STA" scan >/dev/null 2>&1
    sleep 4
    wpa_cli -p "$CTRL" -i "$STA" scan_results >"$WORK/scan.txt" 2>&1
    missing=""
    for bssid in "$@"; do grep -q "^$bssid.*\[WPS-PBC\]" "$WORK/scan.txt" || missing="$missing $bssid"; done
    [ -z "$missing" ] && run cat "$WORK/scan.txt" && return 0
  done
  log "still not in push-button mode in the station's scan:$missing"
  run cat "$WORK/scan.txt"
  return 1
}

# Lists the processes (pid and command line) whose command line matches an extended regex.
processes() {
  ps -o pid,args | grep -E "$1" | grep -v grep
}

# Lists the running wpa_supplicant programs (not other commands that merely mention the name, such as the
# watcher busybox `timeout` leaves for up to a second), optionally only those whose arguments match ARGS_REGEX.
supplicants() {
  processes "$WPAS_RE.*${1:-}"
}

# Ends (SIGTERM) the processes whose command line matches an extended regex (busybox has no pkill here).
kill_matching() {
  processes "$1" | while read -r pid _; do kill "$pid"; done
}

# Waits up to SECONDS until no process matches the regex; returns 1 if one still does.
wait_gone() {
  local tries=$(($1 * 4))
  while processes "$2" >/dev/null; do
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || return 1
    sleep 0.25
  done
}

. "$LAB_GUEST/agent.sh"
. "$LAB_GUEST/prove.sh"
. "$LAB_GUEST/field.sh"
. "$LAB_GUEST/pin.sh"
