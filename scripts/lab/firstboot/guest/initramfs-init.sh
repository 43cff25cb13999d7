#!/bin/busybox sh
# /init of the first-boot lab's initramfs: loads the modules (the root disk carries none), makes the hwsim
# radios, mounts the persistent root disk and the evidence share, then hands PID 1 to systemd.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
exec </dev/console >/dev/console 2>&1
echo "FIRSTBOOT-INITRAMFS uptime=$(cut -d' ' -f1 /proc/uptime)"
for m in virtio_pci virtio_blk crc32c_generic ext4 virtio_rng 9pnet_virtio 9p \
  ccm ctr gcm cmac seqiv ghash_generic michael_mic ecb aesni_intel; do
  modprobe "$m" || echo "FIRSTBOOT-WARN modprobe $m failed"
done
# wlan0 the AP, wlan1 spare, wlan2 the device's Wi-Fi (the one wifiprov provisions).
modprobe mac80211_hwsim radios=3 || echo "FIRSTBOOT-FATAL no mac80211_hwsim"
i=0
while [ ! -b /dev/vda ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
mount -t ext4 -o rw /dev/vda /newroot || { echo "FIRSTBOOT-FATAL cannot mount the root disk"; poweroff -f; }
mkdir -p /newroot/lab/out
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 out /newroot/lab/out ||
  echo "FIRSTBOOT-FATAL cannot mount the evidence share"
umount /proc /sys
# The console is open on /dev: move devtmpfs along instead of unmounting it.
mount --move /dev /newroot/dev
exec switch_root /newroot /lib/systemd/systemd
