#!/bin/busybox sh
# /init of the lab guest (packed into the initramfs): mounts, loads the 9p modules, mounts the shares and
# hands over to the runner in the read-only repo share, so scenario edits need no image rebuild.
/bin/busybox --install -s /bin
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmp /tmp
mount -t tmpfs run /run
mount -t tmpfs shm /dev/shm
exec </dev/console >/dev/console 2>&1
echo "LAB-USERLAND uptime=$(cut -d' ' -f1 /proc/uptime)"

for module in virtio_pci virtio_rng 9pnet_virtio 9p; do
  modprobe "$module" || echo "LAB-WARN modprobe $module failed"
done
# msize: bigger 9p messages make copying the 100 MB agent binary several times faster.
opts=trans=virtio,version=9p2000.L,msize=512000
mount -t 9p -o "$opts,ro,cache=loose" repo /repo || echo "LAB-FATAL cannot mount the repo share"
mount -t 9p -o "$opts" out /out || echo "LAB-FATAL cannot mount the output share"
mount -t 9p -o "$opts,ro,cache=loose" agent /agent || echo "LAB-WARN no agent share"

rc=99
if [ -f /repo/scripts/lab/guest/main.sh ]; then
  sh /repo/scripts/lab/guest/main.sh
  rc=$?
else
  echo "LAB-FATAL /repo/scripts/lab/guest/main.sh not found"
fi
echo "LAB-DONE rc=$rc uptime=$(cut -d' ' -f1 /proc/uptime)"
sync
poweroff -f
