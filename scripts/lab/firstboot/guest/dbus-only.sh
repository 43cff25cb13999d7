#!/bin/sh
# Boot 2's manager scenario: a D-Bus-only wpa_supplicant (-u, no control socket) holds wlan2, added over
# D-Bus the way NetworkManager or connman add interfaces; wifiprov must stop with exit 3 and name it,
# and leave that supplicant holding the interface.
d=$1
mkdir -p "$d"
set -x
systemctl stop wpa_supplicant@wlan2.service
# Started directly: a method call to the name before it is owned would D-Bus-activate Debian's
# wpa_supplicant.service instead (that one has -O, so its interfaces get sockets).
/sbin/wpa_supplicant -u -B -P /run/lab-dbus-supplicant.pid
i=0
until busctl list --no-legend | grep -q '^fi\.w1\.wpa_supplicant1 *[0-9]' || [ $i -ge 100 ]; do
  sleep 0.2
  i=$((i + 1))
done
busctl call fi.w1.wpa_supplicant1 /fi/w1/wpa_supplicant1 fi.w1.wpa_supplicant1 CreateInterface 'a{sv}' 2 \
  Ifname s wlan2 Driver s nl80211 >"$d/create-interface.txt" 2>&1
busctl get-property fi.w1.wpa_supplicant1 /fi/w1/wpa_supplicant1 fi.w1.wpa_supplicant1 Interfaces \
  >"$d/interfaces-before.txt" 2>&1
ls -la /run/wpa_supplicant >"$d/ctrl-dir.txt" 2>&1
pid=$(cat /run/lab-dbus-supplicant.pid)
tr '\0' ' ' <"/proc/$pid/cmdline" >"$d/cmdline.txt"
mkdir -m 700 -p /tmp/dbus-out
start=$(cut -d' ' -f1 /proc/uptime)
wifiprov provision /lab/wifiprov.yaml --output-dir /tmp/dbus-out --timeout 20 \
  >"$d/report.json" 2>"$d/stderr.txt"
echo $? >"$d/exit-code"
echo "$start $(cut -d' ' -f1 /proc/uptime)" >"$d/uptimes.txt"
ls -A /tmp/dbus-out >"$d/written.txt"
busctl get-property fi.w1.wpa_supplicant1 /fi/w1/wpa_supplicant1 fi.w1.wpa_supplicant1 Interfaces \
  >"$d/interfaces-after.txt" 2>&1
if kill -0 "$pid"; then echo running; else echo gone; fi >"$d/supplicant-after.txt"
kill "$pid"
