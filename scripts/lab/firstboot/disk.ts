// Makes one run's persistent root disk: the cached root tree plus what a device image would ship (the
// wifiprov binary and unit, enabled units, the provisioning file on /boot), written into an ext4 image.
import $ from "dax-sh";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { REPO_ROOT } from "../image.ts";
import { progress } from "../log.ts";

const GUEST_DIR = fileURLToPath(new URL("./guest/", import.meta.url));
/** The interface the lab provisions; must match the guest scripts. */
export const IFACE = "wlan2";
/** Units enabled on the disk: the stock supplicant and wifiprov for wlan2, and the lab's own three. */
const ENABLED: ReadonlyArray<readonly [instance: string, template: string]> = [
  [`wpa_supplicant@${IFACE}.service`, "/lib/systemd/system/wpa_supplicant@.service"],
  [`wifiprov@${IFACE}.service`, "/lib/systemd/system/wifiprov@.service"],
  ["lab-ap.service", "/etc/systemd/system/lab-ap.service"],
  ["lab-button.service", "/etc/systemd/system/lab-button.service"],
  ["lab-check.service", "/etc/systemd/system/lab-check.service"],
];

/** Writes `disk` (an ext4 image file) from `baseRoot` plus the binary and the lab files. */
export async function makeDisk(baseRoot: string, binary: string, disk: string): Promise<void> {
  const root = `${disk}.root`;
  await $`rm -rf ${root}`;
  await $`/bin/cp -a ${baseRoot} ${root}`;
  try {
    await install(root, binary);
    // Sparse file; mkfs -d copies the tree with its owners and modes (run as root).
    await $`mkfs.ext4 -q -F -L firstboot -d ${root} ${disk} 1G`.quiet();
  } finally {
    await $`rm -rf ${root}`;
  }
  progress(`root disk ${disk} ready`);
}

async function install(root: string, binary: string): Promise<void> {
  const copy = async (from: string, to: string, mode: number) => {
    await Deno.copyFile(from, join(root, to));
    await Deno.chmod(join(root, to), mode);
  };
  await copy(binary, "usr/bin/wifiprov", 0o755);
  await copy(join(REPO_ROOT, "packaging/wifiprov@.service"), "lib/systemd/system/wifiprov@.service", 0o644);
  for (const unit of ["lab-ap.service", "lab-button.service", "lab-check.service"]) {
    await copy(join(GUEST_DIR, "units", unit), `etc/systemd/system/${unit}`, 0o644);
  }
  for (const file of ["check.sh", "dbus-only.sh", "button.sh", "wifiprov.yaml"]) {
    await copy(join(GUEST_DIR, file), `lab/${file}`, 0o644);
  }
  await copy(join(GUEST_DIR, "hostapd.conf"), "lab/hostapd.conf", 0o600);
  // The boot-partition-like path the device's builder drops the provisioning file on.
  await copy(join(GUEST_DIR, "wifiprov.yaml"), "boot/wifiprov.yaml", 0o600);
  const wants = join(root, "etc/systemd/system/multi-user.target.wants");
  for (const [instance, template] of ENABLED) await Deno.symlink(template, join(wants, instance));
}
