// Pure: decides from observed facts whether another network manager owns the interface, so wifiprov stops
// (exit 3) before touching anything instead of fighting it. The probe (probe.ts) gathers the facts.
import type { ManagerReason } from "../errors.ts";

/** One running process: its program name (argv[0] without folders, else comm) and its arguments. */
export interface ProcessEntry {
  pid: number;
  name: string;
  argv: readonly string[];
}

/** What the probe saw, for one interface. */
export interface ManagerFacts {
  processes: readonly ProcessEntry[];
  /** The interface exists (`/sys/class/net/<iface>`); nothing can manage one that does not. */
  ifaceExists: boolean;
  /** NetworkManager's own per-device state (`/run/NetworkManager/devices/<ifindex>`, `managed=`), if any. */
  nmDeviceManaged?: boolean;
  /** Whether `<dir>/<iface>` is a socket, for the run's control directory and each `-O` directory seen. */
  ctrlSocketIn: (dir: string) => boolean;
  /** The interface is administratively up (a supplicant holding it brings it up). */
  ifaceUp: boolean;
}

/** Why the run stops; the report's `error.reason` (the codes live in src/errors.ts). */
export type { ManagerReason };

/** The decision: go ahead, or stop with a reason and a one-line message naming the manager. */
export type ManagerVerdict =
  | { kind: "free" }
  | { kind: "managed"; reason: ManagerReason; manager: string; message: string };

const OVERRIDE =
  "pass --ignore-manager (or `ignoreManager: true`) only if you know it leaves the interface alone";

/** Applies the rules in order: NetworkManager, connman, iwd, then a D-Bus-only wpa_supplicant. */
export function detectManager(facts: ManagerFacts, iface: string, ctrlDir: string): ManagerVerdict {
  // A missing interface is the run's own error to report later, whoever else is running.
  if (!facts.ifaceExists) return { kind: "free" };
  return networkManager(facts, iface) ?? connman(facts, iface) ?? iwd(facts, iface) ??
    dbusOnlySupplicant(facts, iface, ctrlDir) ?? { kind: "free" };
}

function running(facts: ManagerFacts, name: string): ProcessEntry | undefined {
  return facts.processes.find((p) => p.name === name);
}

function managed(reason: ManagerReason, manager: string, what: string): ManagerVerdict {
  return { kind: "managed", reason, manager, message: `${what}; ${OVERRIDE}` };
}

/** NetworkManager manages Wi-Fi devices unless told otherwise; its device state file says so per device. */
function networkManager(facts: ManagerFacts, iface: string): ManagerVerdict | undefined {
  if (!running(facts, "NetworkManager") || facts.nmDeviceManaged === false) return undefined;
  return managed(
    "managed-by-networkmanager",
    "NetworkManager",
    `${iface} is managed by NetworkManager, which never reads /etc/wpa_supplicant: connect with nmcli ` +
      `instead, or hand the interface over with "nmcli device set ${iface} managed no"`,
  );
}

/** connman takes every device except those in --nodevice, or only those in --device. */
function connman(facts: ManagerFacts, iface: string): ManagerVerdict | undefined {
  const proc = running(facts, "connmand");
  if (!proc) return undefined;
  const only = optionList(proc.argv, "-i", "--device");
  const except = optionList(proc.argv, "-I", "--nodevice");
  if ((only && !only.includes(iface)) || except?.includes(iface)) return undefined;
  return managed(
    "managed-by-connman",
    "connman",
    `${iface} is managed by connman: connect with connmanctl instead, or leave the interface to ` +
      `wpa_supplicant (connmand --nodevice=${iface})`,
  );
}

/** iwd takes every wireless device except those matched by --nointerfaces, or only --interfaces. */
function iwd(facts: ManagerFacts, iface: string): ManagerVerdict | undefined {
  const proc = running(facts, "iwd");
  if (!proc) return undefined;
  const only = optionList(proc.argv, "-i", "--interfaces");
  const except = optionList(proc.argv, "-I", "--nointerfaces");
  if ((only && !matchesAny(only, iface)) || (except && matchesAny(except, iface))) return undefined;
  const withNetworkd = running(facts, "systemd-networkd") ? " (with systemd-networkd)" : "";
  return managed(
    "managed-by-iwd",
    `iwd${withNetworkd}`,
    `${iface} is managed by iwd${withNetworkd}, which replaces wpa_supplicant: use iwd's own WPS ` +
      `("iwctl wsc ${iface} push-button"), or stop iwd and let wpa_supplicant have the interface`,
  );
}

/**
 * A supplicant in D-Bus mode (`-u`) holds interfaces its D-Bus client (NetworkManager, connman, a custom
 * program) added; those get a control socket only in its `-O` directory. No socket where wifiprov or `-O`
 * looks, yet the interface is up: a D-Bus-only supplicant holds it, and starting a second one would fight.
 */
function dbusOnlySupplicant(facts: ManagerFacts, iface: string, ctrlDir: string): ManagerVerdict | undefined {
  if (facts.ctrlSocketIn(ctrlDir)) return undefined;
  for (const proc of facts.processes) {
    if (proc.name !== "wpa_supplicant" || !proc.argv.includes("-u")) continue;
    const override = overrideDir(proc.argv);
    if (override !== undefined && facts.ctrlSocketIn(override)) {
      return managed(
        "supplicant-dbus-only",
        "wpa_supplicant (D-Bus)",
        `${iface} is held by a D-Bus wpa_supplicant (pid ${proc.pid}) whose control socket is in ` +
          `${override}: run again with --ctrl-dir ${override}`,
      );
    }
    if (override === undefined && facts.ifaceUp) {
      return managed(
        "supplicant-dbus-only",
        "wpa_supplicant (D-Bus)",
        `${iface} is held by a D-Bus-only wpa_supplicant (pid ${proc.pid}, -u, no control socket in ` +
          `${ctrlDir}): provision through whatever drives it over D-Bus, or stop it`,
      );
    }
  }
  return undefined;
}

/** The values of a list option (`-i a,b`, `-ia`, `--device=a,b`, `--device a`), or undefined when absent. */
export function optionList(argv: readonly string[], short: string, long: string): string[] | undefined {
  let found: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let value: string | undefined;
    if (arg === short || arg === long) value = argv[i + 1];
    else if (arg.startsWith(`${long}=`)) value = arg.slice(long.length + 1);
    else if (arg.startsWith(short) && !arg.startsWith("--") && arg.length > short.length) {
      value = arg.slice(short.length);
    }
    if (value !== undefined) found = [...(found ?? []), ...value.split(",").filter((v) => v !== "")];
  }
  return found;
}

/** `-O "DIR=/run/wpa_supplicant GROUP=netdev"` or `-O /run/wpa_supplicant`, as wpa_supplicant reads it. */
export function overrideDir(argv: readonly string[]): string | undefined {
  const value = optionList(argv, "-O", "-O")?.join(",");
  if (value === undefined) return undefined;
  const dir = /(?:^|\s)DIR=(\S+)/.exec(value)?.[1];
  return dir ?? value.split(/\s/)[0];
}

/** iwd's interface lists are glob patterns (`wlan*`); only `*` and `?` are used in practice. */
function matchesAny(patterns: readonly string[], iface: string): boolean {
  return patterns.some((p) => {
    const re = p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".");
    return new RegExp(`^${re}$`).test(iface);
  });
}
