import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  detectManager,
  type ManagerFacts,
  optionList,
  overrideDir,
  type ProcessEntry,
} from "../../src/manager/detect.ts";

const CTRL = "/var/run/wpa_supplicant";

function proc(pid: number, ...argv: string[]): ProcessEntry {
  return { pid, name: argv[0]!.split("/").at(-1)!, argv };
}

/** Facts for wlan0: the interface exists and is up unless said otherwise; sockets only where listed. */
function facts(
  processes: ProcessEntry[],
  more: Partial<ManagerFacts> & { sockets?: string[] } = {},
): ManagerFacts {
  const sockets = new Set(more.sockets ?? []);
  return {
    processes,
    ifaceExists: more.ifaceExists ?? true,
    ifaceUp: more.ifaceUp ?? true,
    ctrlSocketIn: (dir) => sockets.has(dir),
    ...(more.nmDeviceManaged === undefined ? {} : { nmDeviceManaged: more.nmDeviceManaged }),
  };
}

const SYSTEMD = proc(1, "/lib/systemd/systemd");
const NM = proc(310, "/usr/sbin/NetworkManager", "--no-daemon");
const NM_SUPPLICANT = proc(
  320,
  "/sbin/wpa_supplicant",
  "-u",
  "-s",
  "-O",
  "DIR=/run/wpa_supplicant GROUP=netdev",
);
const STOCK = proc(400, "/sbin/wpa_supplicant", "-c/etc/wpa_supplicant/wpa_supplicant-wlan0.conf", "-iwlan0");
const DBUS_ONLY = proc(500, "/sbin/wpa_supplicant", "-u");

describe("detectManager", () => {
  const cases: Array<{ name: string; facts: ManagerFacts; reason?: string; manager?: string }> = [
    { name: "nothing but the stock supplicant unit", facts: facts([SYSTEMD, STOCK], { sockets: [CTRL] }) },
    { name: "no supplicant at all (wifiprov starts its own)", facts: facts([SYSTEMD], { ifaceUp: false }) },
    {
      name: "NetworkManager with its D-Bus supplicant (socket via -O)",
      facts: facts([SYSTEMD, NM, NM_SUPPLICANT], { sockets: ["/run/wpa_supplicant"] }),
      reason: "managed-by-networkmanager",
      manager: "NetworkManager",
    },
    {
      name: "NetworkManager even while it has no device state yet",
      facts: facts([NM]),
      reason: "managed-by-networkmanager",
    },
    {
      name: "NetworkManager that marked the device unmanaged",
      facts: facts([NM, STOCK], { nmDeviceManaged: false, sockets: [CTRL] }),
    },
    {
      name: "connman",
      facts: facts([proc(200, "/usr/sbin/connmand", "-n")]),
      reason: "managed-by-connman",
      manager: "connman",
    },
    {
      name: "connman told to leave wlan0 alone",
      facts: facts([proc(200, "/usr/sbin/connmand", "--nodevice=wlan0")]),
    },
    { name: "connman limited to eth0", facts: facts([proc(200, "/usr/sbin/connmand", "-i", "eth0")]) },
    {
      name: "connman limited to wlan0 and eth0",
      facts: facts([proc(200, "/usr/sbin/connmand", "--device=eth0,wlan0")]),
      reason: "managed-by-connman",
    },
    {
      name: "iwd alone",
      facts: facts([proc(250, "/usr/libexec/iwd")]),
      reason: "managed-by-iwd",
      manager: "iwd",
    },
    {
      name: "iwd with systemd-networkd",
      facts: facts([proc(240, "/lib/systemd/systemd-networkd"), proc(250, "/usr/libexec/iwd")]),
      reason: "managed-by-iwd",
      manager: "iwd (with systemd-networkd)",
    },
    { name: "iwd ignoring wlan*", facts: facts([proc(250, "/usr/libexec/iwd", "-I", "wlan*")]) },
    { name: "iwd only for wlp*", facts: facts([proc(250, "/usr/libexec/iwd", "--interfaces=wlp*")]) },
    {
      name: "a D-Bus-only supplicant holding the interface (up, no socket)",
      facts: facts([DBUS_ONLY]),
      reason: "supplicant-dbus-only",
      manager: "wpa_supplicant (D-Bus)",
    },
    {
      name: "a D-Bus-only supplicant while the interface is down",
      facts: facts([DBUS_ONLY], { ifaceUp: false }),
    },
    {
      name: "Debian's wpa_supplicant.service (-O) that does not hold the interface",
      facts: facts([NM_SUPPLICANT]),
    },
    {
      name: "a D-Bus supplicant whose socket for the interface is in another -O directory",
      facts: facts([proc(320, "/sbin/wpa_supplicant", "-u", "-O", "/run/other")], {
        sockets: ["/run/other"],
      }),
      reason: "supplicant-dbus-only",
    },
    {
      name: "a D-Bus supplicant that also has a socket where wifiprov looks",
      facts: facts([NM_SUPPLICANT], { sockets: [CTRL] }),
    },
    {
      name: "a missing interface (reported later by the run itself)",
      facts: facts([NM], { ifaceExists: false }),
    },
  ];
  for (const c of cases) {
    it(`${c.reason ? "stops" : "goes ahead"} for ${c.name}`, () => {
      const v = detectManager(c.facts, "wlan0", CTRL);
      if (c.reason === undefined) return assert.deepEqual(v, { kind: "free" });
      assert.equal(v.kind, "managed");
      if (v.kind !== "managed") return;
      assert.equal(v.reason, c.reason);
      if (c.manager) assert.equal(v.manager, c.manager);
      assert.doesNotMatch(v.message, /\n/, "one line");
      assert.match(v.message, /wlan0/);
      assert.match(v.message, /--ignore-manager/);
    });
  }

  it("names NetworkManager, not its supplicant, when both are seen", () => {
    const v = detectManager(facts([DBUS_ONLY, NM]), "wlan0", CTRL);
    assert.equal(v.kind === "managed" && v.manager, "NetworkManager");
  });

  it("tells the user to use the other directory when the socket is there", () => {
    const v = detectManager(
      facts([proc(320, "/sbin/wpa_supplicant", "-u", "-O/run/other")], { sockets: ["/run/other"] }),
      "wlan0",
      CTRL,
    );
    assert.match(v.kind === "managed" ? v.message : "", /--ctrl-dir \/run\/other/);
  });
});

describe("optionList and overrideDir", () => {
  it("reads every spelling of a list option", () => {
    assert.deepEqual(optionList(["x", "-i", "a,b"], "-i", "--device"), ["a", "b"]);
    assert.deepEqual(optionList(["x", "-ia"], "-i", "--device"), ["a"]);
    assert.deepEqual(optionList(["x", "--device=a", "--device", "b"], "-i", "--device"), ["a", "b"]);
    assert.equal(optionList(["x", "--nodaemon"], "-n", "--nodevice"), undefined);
  });

  it("reads -O as wpa_supplicant does (DIR= form or a plain directory)", () => {
    assert.equal(
      overrideDir(["w", "-u", "-O", "DIR=/run/wpa_supplicant GROUP=netdev"]),
      "/run/wpa_supplicant",
    );
    assert.equal(overrideDir(["w", "-O/run/x"]), "/run/x");
    assert.equal(overrideDir(["w", "-u"]), undefined);
  });
});
