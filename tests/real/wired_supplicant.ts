// A real wpa_supplicant (Debian's, installed with apt when missing) on one end of a veth pair inside a
// private network namespace, driven with `-D wired`: it cannot scan or do WPS, but its control interface,
// network list, config writing and the real interactive wpa_cli are the genuine article.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One running wired supplicant and where its pieces are. */
export interface WiredSupplicant {
  iface: string;
  ctrlDir: string;
  confPath: string;
  /** Runs a one-shot `wpa_cli` command and returns its stdout. */
  cli(...args: string[]): string;
  stop(): Promise<void>;
}

/** Installs Debian's wpasupplicant when `wpa_supplicant` is not on PATH; throws (loudly) when it cannot. */
export function ensureWpaSupplicant(): void {
  if (spawnSync("sh", ["-c", "command -v wpa_supplicant && command -v wpa_cli"]).status === 0) return;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  // An index of another architecture that is mid-sync must not stop this install: only the install counts.
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "wpasupplicant", "iproute2"], {
    stdio: "inherit",
    env,
  });
}

let counter = 0;

/** Starts a supplicant on a fresh veth in a fresh namespace with the given config text (mode 0600). */
export async function startWiredSupplicant(
  configText: (ctrlDir: string) => string,
): Promise<WiredSupplicant> {
  const tag = `wp${process.pid % 10000}x${counter++}`;
  const ns = `wifiprov-${tag}`;
  const iface = `${tag}a`;
  const dir = await fs.mkdtemp(join(tmpdir(), "wifiprov-wired-"));
  const ctrlDir = join(dir, "ctrl");
  const confPath = join(dir, "wpa_supplicant.conf");
  await fs.writeFile(confPath, configText(ctrlDir), { mode: 0o600 });
  const ip = (...args: string[]) => execFileSync("ip", args, { stdio: "pipe" });
  ip("netns", "add", ns);
  ip("-n", ns, "link", "add", iface, "type", "veth", "peer", "name", `${tag}b`);
  ip("-n", ns, "link", "set", iface, "up");
  const pidFile = join(dir, "pid");
  execFileSync("ip", [
    "netns",
    "exec",
    ns,
    "wpa_supplicant",
    "-B",
    "-D",
    "wired",
    "-i",
    iface,
    "-c",
    confPath,
    "-P",
    pidFile,
  ], { stdio: "pipe" });
  const cli = (...args: string[]) =>
    execFileSync("wpa_cli", ["-i", iface, "-p", ctrlDir, ...args], { encoding: "utf8" });
  for (let i = 0; i < 50 && !cli("ping").includes("PONG"); i++) await new Promise((r) => setTimeout(r, 100));
  return {
    iface,
    ctrlDir,
    confPath,
    cli,
    async stop() {
      spawnSync("wpa_cli", ["-i", iface, "-p", ctrlDir, "terminate"]);
      await new Promise((r) => setTimeout(r, 300));
      spawnSync("ip", ["netns", "delete", ns]);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
