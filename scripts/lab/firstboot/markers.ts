// Reads the first-boot guest's console markers (pure): the uptimes of the steps each boot went through.
// Written by guest/initramfs-init.sh, guest/button.sh and guest/check.sh.

/** Uptimes (seconds since the guest kernel started) of each marker seen on one boot. */
export interface BootMarkers {
  initramfs?: number;
  button?: number;
  checkBegin?: number;
  connected?: { ok: boolean; uptime: number };
  dbus?: { rc: number; uptime: number };
  done?: number;
  fatal: string[];
}

function field(line: string, key: string): string | undefined {
  return new RegExp(`(?:^|\\s)${key}=(\\S*)`).exec(line)?.[1];
}

/** Parses one boot's console lines. */
export function parseFirstbootConsole(lines: readonly string[]): BootMarkers {
  const m: BootMarkers = { fatal: [] };
  for (const raw of lines) {
    // systemd's console output may prefix a unit's lines; markers are found anywhere on the line.
    const at = raw.indexOf("FIRSTBOOT-");
    if (at < 0) continue;
    const line = raw.slice(at);
    const uptime = Number(field(line, "uptime"));
    const marker = line.split(" ")[0];
    if (marker === "FIRSTBOOT-INITRAMFS") m.initramfs = uptime;
    else if (marker === "FIRSTBOOT-BUTTON") m.button = uptime;
    else if (marker === "FIRSTBOOT-CHECK-BEGIN") m.checkBegin = uptime;
    else if (marker === "FIRSTBOOT-CONNECTED") {
      m.connected = { ok: field(line, "connected") === "yes", uptime };
    } else if (marker === "FIRSTBOOT-DBUS-END") m.dbus = { rc: Number(field(line, "rc")), uptime };
    else if (marker === "FIRSTBOOT-CHECK-DONE") m.done = uptime;
    else if (marker === "FIRSTBOOT-FATAL") m.fatal.push(line);
  }
  return m;
}
