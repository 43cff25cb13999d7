// Makes sure Debian's ansible-core (ansible-playbook, ansible-vault) is installed, with apt-get as root when
// it is missing, for the fleet role's test. Run alone: deno task setup:ansible.
import { $ } from "dax-sh";

// Other sessions may run apt at the same time (the lab and the dist tests install packages too).
const APT = ["apt-get", "-o", "DPkg::Lock::Timeout=600"];
const APT_ENV = { DEBIAN_FRONTEND: "noninteractive" };

/** Installs ansible-core when `ansible-playbook` is not on PATH; throws when that is impossible (not root). */
export async function ensureAnsible(): Promise<void> {
  if (await $.commandExists("ansible-playbook")) return;
  if (process.getuid?.() !== 0) {
    throw new Error('ansible-playbook is missing; install Debian\'s "ansible-core" or run as root once');
  }
  $.logStep("Installing", "ansible-core");
  // An index failing to download (a mirror mid-sync) makes update exit 100 although the main lists arrived.
  await $`${APT} update`.env(APT_ENV).noThrow();
  await $`${APT} install -y --no-install-recommends ansible-core`.env(APT_ENV);
  if (!(await $.commandExists("ansible-playbook"))) {
    throw new Error('Installed ansible-core but "ansible-playbook" is still not on PATH');
  }
}

if (import.meta.main) {
  await ensureAnsible();
  console.log((await $`ansible-playbook --version`.text()).split("\n")[0]);
}
