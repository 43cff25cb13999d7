import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseFirstbootConsole } from "../../scripts/lab/firstboot/markers.ts";

describe("parseFirstbootConsole", () => {
  it("reads the uptimes of each step, also behind systemd's console prefix", () => {
    const m = parseFirstbootConsole([
      "FIRSTBOOT-INITRAMFS uptime=12.90",
      "[   98.1] sh[201]: FIRSTBOOT-BUTTON uptime=98.10",
      "[  152.6] sh[285]: FIRSTBOOT-CHECK-BEGIN boot=1 uptime=152.60",
      "[  162.2] sh[285]: FIRSTBOOT-CONNECTED boot=1 connected=yes uptime=162.20",
      "[  170.0] sh[285]: FIRSTBOOT-DBUS-END rc=0 uptime=170.00",
      "[  174.5] sh[285]: FIRSTBOOT-CHECK-DONE boot=1 connected=yes uptime=174.46",
      "noise",
    ]);
    assert.deepEqual(m, {
      fatal: [],
      initramfs: 12.9,
      button: 98.1,
      checkBegin: 152.6,
      connected: { ok: true, uptime: 162.2 },
      dbus: { rc: 0, uptime: 170 },
      done: 174.46,
    });
  });

  it("reports a boot that never connected and fatal lines", () => {
    const m = parseFirstbootConsole([
      "FIRSTBOOT-FATAL cannot mount the root disk",
      "x FIRSTBOOT-CONNECTED boot=2 connected=no uptime=300.00",
    ]);
    assert.deepEqual(m.connected, { ok: false, uptime: 300 });
    assert.deepEqual(m.fatal, ["FIRSTBOOT-FATAL cannot mount the root disk"]);
    assert.equal(m.done, undefined);
  });
});
