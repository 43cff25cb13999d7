#!/bin/sh
# lab-button.service: presses the AP's WPS button as soon as hostapd is up (boot 1 only).
i=0
while [ $i -lt 50 ] && ! hostapd_cli -p /run/hostapd -i wlan0 status | grep -q state=ENABLED; do
  sleep 0.2
  i=$((i + 1))
done
hostapd_cli -p /run/hostapd -i wlan0 wps_pbc
echo "FIRSTBOOT-BUTTON uptime=$(cut -d' ' -f1 /proc/uptime)" >/dev/console
