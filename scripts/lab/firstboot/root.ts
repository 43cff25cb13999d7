// Turns the unpacked packages into a bootable root tree, doing by hand the few things dpkg's maintainer
// scripts would: users and groups, /bin/sh, enabled sockets, a persistent journal, no login prompts.
import $ from "dax-sh";
import { join } from "node:path";

/** Fixed, so the journal of boot 1 is found under the same machine on boot 2. */
export const MACHINE_ID = "5f1d7c3e9a4b4c2d8e6f0a1b2c3d4e5f";

const PASSWD = [
  "root:x:0:0:root:/root:/bin/sh",
  "messagebus:x:100:101::/nonexistent:/usr/sbin/nologin",
  "systemd-network:x:998:998::/:/usr/sbin/nologin",
  "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin",
];
const GROUP = [
  "root:x:0:",
  "messagebus:x:101:",
  "netdev:x:102:",
  "systemd-journal:x:103:",
  "systemd-network:x:998:",
  "nogroup:x:65534:",
];

async function link(target: string, path: string): Promise<void> {
  await Deno.remove(path).catch(() => {});
  await Deno.symlink(target, path);
}

/** Writes the configuration the guest needs into `root` (an unpacked tree). */
export async function configureRoot(root: string): Promise<void> {
  const etc = join(root, "etc");
  const dirs = ["etc/systemd/system/multi-user.target.wants", "etc/systemd/system/sockets.target.wants"];
  for (const d of [...dirs, "var/log/journal", "var/lib/dbus", "root", "boot", "lab", "usr/local/bin"]) {
    await Deno.mkdir(join(root, d), { recursive: true });
  }
  await Deno.writeTextFile(join(etc, "passwd"), PASSWD.join("\n") + "\n");
  await Deno.writeTextFile(join(etc, "group"), GROUP.join("\n") + "\n");
  await Deno.writeTextFile(
    join(etc, "shadow"),
    PASSWD.map((l) => `${l.split(":")[0]}:*:19000:0:99999:7:::`).join("\n") + "\n",
  );
  await Deno.chmod(join(etc, "shadow"), 0o640);
  await Deno.writeTextFile(join(etc, "machine-id"), MACHINE_ID + "\n");
  await link("/etc/machine-id", join(root, "var/lib/dbus/machine-id"));
  await Deno.writeTextFile(join(etc, "hostname"), "firstboot\n");
  await Deno.writeTextFile(join(etc, "fstab"), "# the root is mounted read-write by the initramfs\n");
  await Deno.mkdir(join(etc, "systemd/journald.conf.d"), { recursive: true });
  await Deno.writeTextFile(join(etc, "systemd/journald.conf.d/lab.conf"), "[Journal]\nStorage=persistent\n");
  await link("/lib/systemd/systemd", join(root, "sbin/init"));
  await link("/lib/systemd/system/multi-user.target", join(etc, "systemd/system/default.target"));
  await link("/lib/systemd/system/dbus.socket", join(etc, "systemd/system/sockets.target.wants/dbus.socket"));
  // No login prompts (no agetty here), nothing that waits for a network or a clock the guest lacks.
  for (const unit of ["getty@.service", "serial-getty@.service", "systemd-networkd-wait-online.service"]) {
    await link("/dev/null", join(etc, "systemd/system", unit));
  }
  // What base-files would provide: /var/run and /var/lock into /run, a sticky /tmp, API mount points.
  await link("/run", join(root, "var/run"));
  await link("/run/lock", join(root, "var/lock"));
  for (const d of ["proc", "sys", "dev", "run", "tmp"]) await Deno.mkdir(join(root, d), { recursive: true });
  await Deno.chmod(join(root, "tmp"), 0o1777);
  await busyboxApplets(root);
}

/** Links every busybox applet the packages do not provide into /usr/local/bin (cat, grep, sleep, ...). */
async function busyboxApplets(root: string): Promise<void> {
  const applets = (await $`${join(root, "bin/busybox")} --list`.text()).split("\n").filter((a) => a !== "");
  for (const applet of applets) {
    const taken = await Promise.all(
      ["bin", "sbin", "usr/bin", "usr/sbin"].map((d) =>
        Deno.lstat(join(root, d, applet)).then(() => true, () => false)
      ),
    );
    if (!taken.includes(true)) await link("/bin/busybox", join(root, "usr/local/bin", applet));
  }
}
