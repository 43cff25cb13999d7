# Guest runner (busybox sh, read from the repo share): copies the agent into tmpfs, then runs each requested
# scenario under a hard timeout with its evidence going to /out/<scenario>/, and prints markers on the console.
# Exported: each scenario runs in its own shell.
set -a
. /out/lab.env
set +a
export HOME=/root DENO_NO_UPDATE_CHECK=1 LAB_GUEST=/repo/scripts/lab/guest TERM=dumb
mkdir -p "$HOME"
# Kernel warnings (e.g. the missing regulatory.db) would interleave with the markers.
dmesg -n 1
# The kernel loads crypto modules on demand through /sbin/modprobe; busybox installed it in /bin.
echo /bin/modprobe >/proc/sys/kernel/modprobe
for module in ccm ctr gcm cmac seqiv ghash_generic michael_mic ecb aesni_intel; do
  modprobe "$module" || echo "LAB-WARN modprobe $module failed"
done
now() { cut -d' ' -f1 /proc/uptime; }
echo "LAB-READY kernel=$(uname -r) uptime=$(now)"
# Which generation this image carries (scripts/lab/versions.ts); the host's tests compare it.
echo "LAB-SUPPLICANT $(wpa_supplicant -v 2>&1 | grep -m 1 '^wpa_supplicant v')"

if [ -n "$LAB_AGENT_NAME" ] && [ -f "/agent/$LAB_AGENT_NAME" ]; then
  # Big binaries start slowly straight from 9p under TCG; tmpfs makes every agent start cheap.
  t0=$(now)
  cp "/agent/$LAB_AGENT_NAME" /opt/wifiprov && chmod 755 /opt/wifiprov
  echo "LAB-AGENT copied=$(wc -c </opt/wifiprov) seconds=$(awk "BEGIN{print $(now)-$t0}")"
else
  echo "LAB-AGENT missing=/agent/$LAB_AGENT_NAME"
fi

failed=0
for scenario in $LAB_SCENARIOS; do
  dir=/out/$scenario
  mkdir -p "$dir"
  t0=$(now)
  echo "LAB-SCENARIO-BEGIN $scenario uptime=$t0"
  timeout -s TERM "${LAB_SCENARIO_TIMEOUT:-240}" sh "$LAB_GUEST/scenario.sh" "$scenario" "$dir" \
    >"$dir/transcript.log" 2>&1 </dev/null
  rc=$?
  sh "$LAB_GUEST/cleanup.sh" >>"$dir/transcript.log" 2>&1
  [ "$rc" = 0 ] || failed=$((failed + 1))
  t1=$(now)
  echo "LAB-SCENARIO-END $scenario rc=$rc seconds=$(awk "BEGIN{print $t1-$t0}") uptime=$t1"
done
exit "$failed"
