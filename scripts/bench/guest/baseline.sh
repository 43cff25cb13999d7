# The baseline the agent is measured against: the seed procedure as a plain shell script of one-shot wpa_cli
# calls (scan, scan_results, wps_pbc <bssid>, poll status until COMPLETED, save_config), polling where the
# agent waits for events, and scanning again when a scan shows no AP in push-button mode. Prints one line
# per milestone; the caller timestamps them.
# Usage: sh baseline.sh CTRL_DIR IFACE POLL_SECONDS LIMIT_SECONDS    Exit: 0 saved, 2-5 the step that failed.
ctrl=$1 ifc=$2 poll=$3 limit=$4
cli() { wpa_cli -p "$ctrl" -i "$ifc" "$@"; }
uptime_s() { cut -d. -f1 /proc/uptime; }
deadline=$(($(uptime_s) + limit))
expired() { [ "$(uptime_s)" -ge "$deadline" ]; }
# FAIL-BUSY means a scan is already running, whose results serve as well.
echo "scan $(cli scan)"
scanned=$(uptime_s)
bssid=""
while [ -z "$bssid" ]; do
  expired && exit 2
  sleep "$poll"
  bssid=$(cli scan_results | awk -F'\t' '$4 ~ /\[WPS-PBC\]/ { print $1; exit }')
  # A scan that missed the AP's push-button state (seen once in 20 runs) is not waited out: scan again
  # every 5 s, as a careful script would.
  if [ -z "$bssid" ] && [ $(($(uptime_s) - scanned)) -ge 5 ]; then
    echo "scan $(cli scan)"
    scanned=$(uptime_s)
  fi
done
echo "found $bssid"
reply=$(cli wps_pbc "$bssid")
echo "wps_pbc $reply"
[ "$reply" = OK ] || exit 3
until cli status | grep -qx 'wpa_state=COMPLETED'; do
  expired && exit 4
  sleep "$poll"
done
echo "completed"
reply=$(cli save_config)
echo "save_config $reply"
[ "$reply" = OK ] || exit 5
exit 0
