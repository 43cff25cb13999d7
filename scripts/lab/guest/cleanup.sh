# Ends every daemon a scenario may have left behind (inside the guest only), so the next one starts fresh.
for name in wifiprov wpa_cli hostapd_cli wpa_supplicant hostapd; do killall -q "$name" 2>/dev/null; done
sleep 0.3
for name in wifiprov wpa_cli hostapd_cli wpa_supplicant hostapd; do killall -q -9 "$name" 2>/dev/null; done
rm -rf /run/wpa_supplicant /run/hostapd /run/lab
exit 0
