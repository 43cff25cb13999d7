// Lays out the Ansible role test: two local "devices" (inventory hosts with connection local, each with its
// own folders and the fake wpa_cli in place of the radio), one whose WPS button is pressed and one that times
// out, a secret from Ansible Vault for the first and from the controller's environment for the second.
import { $ } from "dax-sh";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { FAKE_WPA_CLI, FAKE_WPA_SUPPLICANT, REPLAY_DIR } from "../helpers/replay.ts";

/** The two secrets: each must reach its host's config file and nothing else. */
export const SECRETS = { vault: "vaulted horse battery staple", env: "environment horse battery staple" };
/** The controller variable that carries the second host's secret. */
export const SECRET_ENV_NAME = "WIFIPROV_TEST_OFFICE_PASSPHRASE";
/** The inventory hosts: `dev-ok` gets its credential, `dev-timeout` waits in vain. */
export const HOSTS = ["dev-ok", "dev-timeout"] as const;

/** Paths of one prepared fleet. */
export interface Fleet {
  root: string;
  inventory: string;
  vaultPasswordFile: string;
  summaryDir: string;
  /** Per host: the folder standing for its file system. */
  hostDir: (host: typeof HOSTS[number]) => string;
}

// A PSK network whose passphrase comes from a secret file, and a WPS network (the replayed transcript).
const PLAN = {
  version: 1,
  interface: "wlan2",
  networks: [
    { id: "office", method: "psk", ssid: "Office", passphrase: { file: "{{ wifiprov_secret_dir }}/office" } },
    { id: "home", method: "wps-pbc", ssid: "LabNet" },
  ],
};

/** Writes inventory, vaulted secret and per-host folders under `root`. */
export async function prepareFleet(root: string): Promise<Fleet> {
  const hostDir = (host: string) => join(root, "hosts", host);
  const vaultPasswordFile = join(root, "vault-password");
  await writeFile(vaultPasswordFile, "test vault password\n", { mode: 0o600 });
  const hosts: Record<string, unknown> = {};
  for (const host of HOSTS) {
    const dir = hostDir(host);
    await mkdir(join(dir, "state"), { recursive: true });
    await writeFile(join(dir, "state", "supplicant-running"), "");
    const scenario = host === "dev-ok" ? "success" : "wps_timeout";
    hosts[host] = {
      ansible_connection: "local",
      ansible_python_interpreter: "/usr/bin/python3",
      wifiprov_become: false,
      wifiprov_bin: join(dir, "usr/local/bin/wifiprov"),
      wifiprov_work_dir: join(dir, "var/lib/wifiprov"),
      wifiprov_secret_dir: join(dir, "run/wifiprov-secrets"),
      wifiprov_plan: PLAN,
      wifiprov_secrets: {
        office: host === "dev-ok"
          ? "{{ vault_office_passphrase }}"
          : `{{ lookup('env', '${SECRET_ENV_NAME}') }}`,
      },
      wifiprov_args: [
        ...["--output-dir", join(dir, "etc/wpa_supplicant"), "--ctrl-dir", join(dir, "run/wpa_supplicant")],
        // Each simulated device has its own /run, so its own interface lock (both use the name wlan2).
        ...["--lock-dir", join(dir, "run/wifiprov")],
        ...["--wpa-cli", FAKE_WPA_CLI, "--wpa-supplicant", FAKE_WPA_SUPPLICANT],
        ...(host === "dev-timeout" ? ["--timeout", "3"] : []),
      ],
      wifiprov_environment: {
        FAKE_WPA_SCENARIO: join(REPLAY_DIR, `${scenario}.json`),
        FAKE_WPA_STATE: join(dir, "state"),
      },
    };
  }
  const inventory = join(root, "inventory.yml");
  await writeFile(inventory, JSON.stringify({ all: { children: { wifiprov: { hosts } } } }, null, 2));
  // host_vars beside the inventory: the vaulted variable, encrypted with ansible-vault itself.
  const vaultFile = join(root, "host_vars", "dev-ok", "vault.yml");
  await mkdir(join(root, "host_vars", "dev-ok"), { recursive: true });
  await writeFile(vaultFile, `vault_office_passphrase: "${SECRETS.vault}"\n`, { mode: 0o600 });
  await $`ansible-vault encrypt --vault-password-file ${vaultPasswordFile} ${vaultFile}`.quiet();
  return { root, inventory, vaultPasswordFile, summaryDir: join(root, "summary"), hostDir };
}
