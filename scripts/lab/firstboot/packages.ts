// The Debian packages of the first-boot guest's root disk: systemd as PID 1, D-Bus, the stock wpasupplicant
// with its units, hostapd for the AP, and the libraries they link. Resolved to exact versions like the lab's.
import { type PinnedPackage, resolveWithKernel } from "../packages.ts";

/** Everything unpacked into the root disk (the kernel is staged apart, see image.ts). */
export const FIRSTBOOT_PACKAGES: readonly string[] = [
  // systemd 252 and what its binaries and libsystemd-shared link.
  "systemd",
  // systemd-udevd: without it no device units, and units bound to wlan0/wlan2 never start.
  "udev",
  "libsystemd-shared",
  "libsystemd0",
  "libudev1",
  "mount",
  "libmount1",
  "libblkid1",
  "libuuid1",
  "libacl1",
  "libaudit1",
  "libaudit-common",
  "libcap-ng0",
  "libcap2",
  "libcrypt1",
  "libcryptsetup12",
  "libargon2-1",
  "libdevmapper1.02.1",
  "libjson-c5",
  "libfdisk1",
  "libkmod2",
  "libp11-kit0",
  "libffi8",
  "libseccomp2",
  "libselinux1",
  "libpcre2-8-0",
  "libpam0g",
  "libip4tc2",
  "libgcrypt20",
  "libgpg-error0",
  "liblz4-1",
  "liblzma5",
  "libzstd1",
  "libssl3",
  "zlib1g",
  "libc6",
  "libgcc-s1",
  "libstdc++6",
  // The system bus (wpa_supplicant's D-Bus mode, busctl).
  "dbus",
  "dbus-bin",
  "dbus-daemon",
  "dbus-system-bus-common",
  "libdbus-1-3",
  "libexpat1",
  "libapparmor1",
  // Shells and small tools for the lab's units: dash as /bin/sh, busybox for the rest.
  "dash",
  "busybox-static",
  // Wi-Fi: the stock supplicant (with wpa_supplicant@.service), hostapd and iw.
  "wpasupplicant",
  "hostapd",
  "iw",
  "libnl-3-200",
  "libnl-genl-3-200",
  "libnl-route-3-200",
  "libpcsclite1",
  "libreadline8",
  "libtinfo6",
];

/** Resolves the kernel and the root-disk packages to the versions apt would install now. */
export async function resolveFirstbootPackages(): Promise<PinnedPackage[]> {
  return await resolveWithKernel(FIRSTBOOT_PACKAGES);
}
