#!/bin/sh
# Runs at the end of each boot of the first-boot lab (lab-check.service): waits until the stock supplicant
# unit is connected (or gives up), copies the evidence to /lab/out/boot<N>/, runs boot 2's D-Bus-only
# scenario, then powers off. The host judges the evidence (tests/lab/firstboot_test.ts).
boot=$(sed -n 's/.*lab\.boot=\([0-9]*\).*/\1/p' /proc/cmdline)
out=/lab/out/boot$boot
mkdir -p "$out"
up() { cut -d' ' -f1 /proc/uptime; }
echo "FIRSTBOOT-CHECK-BEGIN boot=$boot uptime=$(up)"

# Connected: the unit's own process (wpa_supplicant@wlan2's MainPID) reports wpa_state=COMPLETED.
connected=no
i=0
while [ $i -lt 150 ]; do
  if wpa_cli -p /run/wpa_supplicant -i wlan2 status 2>/dev/null | grep -q '^wpa_state=COMPLETED'; then
    connected=yes
    break
  fi
  sleep 1
  i=$((i + 1))
done
echo "FIRSTBOOT-CONNECTED boot=$boot connected=$connected uptime=$(up)"
echo "$connected $(up)" >"$out/connected.txt"

props=ActiveState,SubState,Result,ExecMainStatus,ConditionResult,MainPID,ExecMainStartTimestampMonotonic
props=$props,ExecMainExitTimestampMonotonic,ActiveEnterTimestampMonotonic,NRestarts
for unit in wifiprov@wlan2 wpa_supplicant@wlan2 lab-ap lab-button; do
  systemctl show -p "$props" "$unit.service" >"$out/unit-$unit.txt"
done
pid=$(systemctl show -p MainPID --value wpa_supplicant@wlan2.service)
tr '\0' ' ' <"/proc/$pid/cmdline" >"$out/supplicant-cmdline.txt" 2>/dev/null
wpa_cli -p /run/wpa_supplicant -i wlan2 status >"$out/wpa-status.txt" 2>&1
journalctl -b -u wifiprov@wlan2.service -o cat --no-pager >"$out/journal-wifiprov.txt" 2>&1
journalctl -b -o cat --no-pager >"$out/journal-boot.txt" 2>&1
journalctl -b -u wpa_supplicant@wlan2.service -o short-monotonic --no-pager >"$out/journal-supplicant.txt" 2>&1
# Every boot so far, every unit: the host greps this for the passphrase.
journalctl -o short-monotonic --no-pager >"$out/journal-all.txt" 2>&1
journalctl --list-boots --no-pager >"$out/boots.txt" 2>&1
systemctl --failed --no-legend --no-pager >"$out/failed-units.txt" 2>&1
systemd-analyze time >"$out/analyze-time.txt" 2>&1
ls -la /boot /etc/wpa_supplicant /var/lib/wifiprov >"$out/files.txt" 2>&1
ls -A /boot >"$out/boot-dir.txt"
mkdir -p "$out/etc-wpa_supplicant"
for f in /etc/wpa_supplicant/*.conf /var/lib/wifiprov/last-report.json; do
  [ -f "$f" ] || continue
  stat -c '%a %n' "$f" >>"$out/modes.txt"
  cp "$f" "$out/etc-wpa_supplicant/"
done

if [ "$boot" = 2 ]; then
  echo "FIRSTBOOT-DBUS-BEGIN uptime=$(up)"
  sh /lab/dbus-only.sh "$out/dbus-only" >"$out/dbus-only.log" 2>&1
  echo "FIRSTBOOT-DBUS-END rc=$? uptime=$(up)"
fi
echo "FIRSTBOOT-CHECK-DONE boot=$boot connected=$connected uptime=$(up)"
journalctl --sync
sync
# Boot 1 ends with a clean shutdown, the reboot under test. After boot 2 nothing follows: power off at once.
if [ "$boot" = 2 ]; then systemctl poweroff -ff; else systemctl poweroff --no-block; fi
