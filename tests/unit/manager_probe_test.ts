import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import * as net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { probeManagers } from "../../src/adapters/manager_probe.ts";
import { detectManager } from "../../src/manager/detect.ts";

/** A fake /proc, /run/NetworkManager and /sys/class/net under one temp folder. */
async function fakeSystem(
  procs: Record<string, { comm: string; argv: string[] }>,
  iface: { name: string; ifindex: number; flags: string } | null,
  nmDeviceState?: string,
) {
  const root = await fs.mkdtemp(join(tmpdir(), "wifiprov-probe-"));
  const paths = {
    proc: join(root, "proc"),
    networkManagerRun: join(root, "nm"),
    sysClassNet: join(root, "net"),
  };
  for (const [pid, p] of Object.entries(procs)) {
    await fs.mkdir(join(paths.proc, pid), { recursive: true });
    await fs.writeFile(join(paths.proc, pid, "comm"), `${p.comm}\n`);
    await fs.writeFile(join(paths.proc, pid, "cmdline"), p.argv.map((a) => `${a}\0`).join(""));
  }
  await fs.mkdir(join(paths.proc, "self"), { recursive: true });
  if (iface) {
    await fs.mkdir(join(paths.sysClassNet, iface.name), { recursive: true });
    await fs.writeFile(join(paths.sysClassNet, iface.name, "ifindex"), `${iface.ifindex}\n`);
    await fs.writeFile(join(paths.sysClassNet, iface.name, "flags"), `${iface.flags}\n`);
    if (nmDeviceState !== undefined) {
      await fs.mkdir(join(paths.networkManagerRun, "devices"), { recursive: true });
      await fs.writeFile(join(paths.networkManagerRun, "devices", String(iface.ifindex)), nmDeviceState);
    }
  }
  return { root, paths };
}

describe("probeManagers", () => {
  it("reads processes by program name, even past comm's 15 characters, and the interface's flags", async () => {
    const { paths } = await fakeSystem({
      "1": { comm: "systemd", argv: ["/lib/systemd/systemd"] },
      "77": { comm: "systemd-network", argv: ["/lib/systemd/systemd-networkd"] },
      "88": { comm: "iwd", argv: ["/usr/libexec/iwd"] },
      "99": { comm: "kworker/0:1", argv: [] },
    }, { name: "wlan0", ifindex: 4, flags: "0x1003" });
    const facts = await probeManagers("wlan0", paths);
    assert.deepEqual(facts.processes.map((p) => [p.pid, p.name]).sort(), [
      [1, "systemd"],
      [77, "systemd-networkd"],
      [88, "iwd"],
      [99, "kworker/0:1"],
    ]);
    assert.equal(facts.ifaceExists, true);
    assert.equal(facts.ifaceUp, true);
    const v = detectManager(facts, "wlan0", "/nonexistent");
    assert.equal(v.kind === "managed" && v.manager, "iwd (with systemd-networkd)");
  });

  it("reads NetworkManager's per-device managed flag", async () => {
    const nm = { "5": { comm: "NetworkManager", argv: ["/usr/sbin/NetworkManager", "--no-daemon"] } };
    const iface = { name: "wlan0", ifindex: 3, flags: "0x1003" };
    const off = await fakeSystem(nm, iface, "# NetworkManager device state\n[device]\nmanaged=false\n");
    assert.equal((await probeManagers("wlan0", off.paths)).nmDeviceManaged, false);
    const on = await fakeSystem(nm, iface, "[device]\nmanaged=true\nperm-hw-addr-fake=02:00:00:00:00:00\n");
    assert.equal((await probeManagers("wlan0", on.paths)).nmDeviceManaged, true);
    const none = await fakeSystem(nm, iface);
    assert.equal((await probeManagers("wlan0", none.paths)).nmDeviceManaged, undefined);
  });

  it("sees a down or missing interface", async () => {
    const down = await fakeSystem({}, { name: "wlan0", ifindex: 3, flags: "0x1002" });
    assert.equal((await probeManagers("wlan0", down.paths)).ifaceUp, false);
    const missing = await fakeSystem({}, null);
    const facts = await probeManagers("wlan0", missing.paths);
    assert.equal(facts.ifaceExists, false);
    assert.equal(facts.ifaceUp, false);
  });

  it("finds a control socket only when it is a socket", async () => {
    const { root, paths } = await fakeSystem({}, { name: "wlan0", ifindex: 3, flags: "0x1003" });
    const ctrl = join(root, "ctrl");
    const plain = join(root, "plain");
    await fs.mkdir(ctrl);
    await fs.mkdir(plain);
    await fs.writeFile(join(plain, "wlan0"), "not a socket");
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(join(ctrl, "wlan0"), resolve));
    try {
      const facts = await probeManagers("wlan0", paths);
      assert.equal(facts.ctrlSocketIn(ctrl), true);
      assert.equal(facts.ctrlSocketIn(plain), false);
      assert.equal(facts.ctrlSocketIn(join(root, "absent")), false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
