// Gets a supplicant connection for the WPS networks and gives it back exactly as found: attaches to a running
// system supplicant (left running) or starts one for the run (stopped afterwards). For the run only, the
// supplicant reports credentials without acting on them and never writes its own config file.
import type { SupplicantControl, WpaDriver } from "../wpa/driver.ts";
import { checkpoint, EnvironmentError } from "../errors.ts";
import { parseNetworkList } from "../wpa/replies.ts";
import type { Settings } from "../plan/settings.ts";
import { type ScratchFile, writeScratchFile } from "../adapters/scratch_dir.ts";
import { type StartedScan, startScan } from "../wps/scan.ts";

/** An open connection plus what must be undone at the end. */
export interface SupplicantLease {
  driver: WpaDriver;
  startedByUs: boolean;
  /**
   * Enables again every network that was enabled when the run attached (WPS and select_network disable
   * them). Safe to call more than once; `enable_network` on an enabled network changes nothing.
   */
  restoreNetworks(): Promise<void>;
  /** Restores the networks, then the settings (update_config last), closes the monitor. */
  release(): Promise<void>;
  /** The scan started while attaching to wait for (LeaseOptions.earlyScan), once; else undefined. */
  takeScanAhead(): StartedScan | undefined;
}

/** What the first network to use the lease asks of the attach. */
export interface LeaseOptions {
  /**
   * The scan to send as soon as the monitor is attached (scan.ts earlyScanFor), so the set-up commands go
   * out during the scan's ~4 s instead of before it: one to wait for (taken with takeScanAhead), one only
   * sent, or none. Only the scan is early: WPS is armed by the session, after every set-up command here was
   * acknowledged.
   */
  earlyScan: "wait" | "send" | "none";
}

/**
 * Why wps_cred_processing=1 (report only): with 0 or 2 the supplicant adds a network per credential itself,
 * deletes any existing network with the same SSID and security (wpas_wps_remove_dup_network, hostap
 * wpa_supplicant/wps_supplicant.c) and, with update_config=1, writes its config file at that moment. With 1
 * it only reports the credential hex; wifiprov adds the trial networks itself and proves them.
 */
const CRED_PROCESSING = "1";

/** Debug levels at which wpa_supplicant writes WPS-CRED-RECEIVED (with the key) to its log file or syslog. */
const LEAKY_LEVELS = new Set(["EXCESSIVE", "MSGDUMP", "DEBUG", "INFO"]);

/**
 * Attaches to (or starts) the supplicant on the settings' interface. Each step (probe, config file, start,
 * attach, settings) first checks `signal`; what was done before it fired is undone before the throw.
 * @throws Interrupted once `signal` has fired; EnvironmentError as the control does.
 */
export async function leaseSupplicant(
  control: SupplicantControl,
  settings: Settings,
  warn: (message: string) => void,
  signal: AbortSignal,
  options: LeaseOptions = { earlyScan: "none" },
): Promise<SupplicantLease> {
  checkpoint(signal);
  let startedByUs = false;
  let scratch: ScratchFile | undefined;
  const stopOwn = async () => {
    if (startedByUs) await control.stop();
    await scratch?.remove();
  };
  if (!(await control.isRunning())) {
    if (!settings.startSupplicant) {
      throw new EnvironmentError(
        "supplicant-not-running",
        `No wpa_supplicant is running on ${settings.iface} (control directory ${settings.ctrlDir}) and starting one is off`,
      );
    }
    checkpoint(signal);
    const country = settings.country ? `country=${settings.country}\n` : "";
    scratch = await writeScratchFile(
      "wpa_supplicant.conf",
      `ctrl_interface=${settings.ctrlDir}\n${country}wps_cred_processing=${CRED_PROCESSING}\n`,
    );
    try {
      checkpoint(signal);
      await control.start(scratch.path);
    } catch (e) {
      await scratch.remove();
      throw e;
    }
    startedByUs = true;
  }
  let driver: WpaDriver;
  try {
    checkpoint(signal);
    driver = await control.open();
  } catch (e) {
    await stopOwn();
    throw e;
  }
  // A country set at run time changes which channels may be scanned: then the scan comes after it.
  const runTimeCountry = settings.setCountry ? settings.country : null;
  let ahead: StartedScan | undefined;
  let prepared: Prepared = { restore: [], enabled: [] };
  const giveBack = async () => {
    for (const cmd of prepared.restore) await driver.request(cmd).catch(() => undefined);
    await driver.close();
    await stopOwn();
  };
  try {
    const early = async () => {
      checkpoint(signal);
      if (options.earlyScan === "wait") ahead = await startScan(driver);
      // Its reply (OK, FAIL-BUSY) changes nothing: the supplicant scans again for wps_pbc if it must.
      if (options.earlyScan === "send") await driver.request(["scan"]);
    };
    if (!runTimeCountry) await early();
    checkpoint(signal);
    if (!startedByUs) prepared = await prepareSystemSupplicant(driver, warn);
    checkpoint(signal);
    if (runTimeCountry) await setCountry(driver, runTimeCountry, warn);
    if (runTimeCountry) await early();
  } catch (e) {
    await giveBack();
    throw e;
  }
  const restoreNetworks = async () => {
    for (const id of prepared.enabled) {
      await driver.request(["enable_network", String(id)]).catch(() => undefined);
    }
  };
  return {
    driver,
    startedByUs,
    restoreNetworks,
    async release() {
      // Order matters: the networks first, update_config last, so the supplicant's own re-enabling of the
      // networks WPS disabled (10 s after WPS-SUCCESS) finds nothing to change and writes nothing.
      await restoreNetworks();
      await giveBack();
    },
    takeScanAhead() {
      const taken = ahead;
      ahead = undefined;
      return taken;
    },
  };
}

/** What attaching changed on a system supplicant: commands that undo it (in order), and its enabled networks. */
interface Prepared {
  restore: Array<readonly string[]>;
  enabled: number[];
}

/**
 * A system supplicant gets report-only credential processing, update_config off and, when it logs
 * verbosely, a quieter log level, all for this run only; its enabled networks are noted so they can be
 * enabled again. The reads are independent, so they run side by side.
 */
async function prepareSystemSupplicant(
  driver: WpaDriver,
  warn: (message: string) => void,
): Promise<Prepared> {
  const [previousLevel, processing, updateConfig, networks] = await Promise.all([
    quietLogging(driver, warn),
    readSetting(driver, "wps_cred_processing", /^[0-2]$/),
    readSetting(driver, "update_config", /^[01]$/),
    driver.request(["list_networks"]),
  ]);
  const enabled = networks.kind === "data"
    ? parseNetworkList(networks.text).filter((n) => !n.disabled).map((n) => n.id)
    : [];
  const restore: Array<readonly string[]> = [];
  if (previousLevel !== null) restore.push(["log_level", previousLevel]);
  try {
    await setOrFail(driver, "wps_cred_processing", CRED_PROCESSING);
    restore.push(["set", "wps_cred_processing", processing]);
    if (updateConfig !== "0") {
      await setOrFail(driver, "update_config", "0");
      restore.push(["set", "update_config", updateConfig]);
    }
  } catch (e) {
    for (const cmd of restore) await driver.request(cmd).catch(() => undefined);
    throw e;
  }
  return { restore, enabled };
}

/** A global setting's current value; older builds that cannot GET it answer with the compiled-in 0. */
async function readSetting(driver: WpaDriver, name: string, valid: RegExp): Promise<string> {
  const reply = await driver.request(["get", name]);
  return reply.kind === "data" && valid.test(reply.text.trim()) ? reply.text.trim() : "0";
}

async function setOrFail(driver: WpaDriver, name: string, value: string): Promise<void> {
  const set = await driver.request(["set", name, value]);
  if (set.kind !== "ok") {
    throw new EnvironmentError("supplicant-setting-refused", `wpa_supplicant refused "set ${name} ${value}"`);
  }
}

/**
 * With credential reports on, the supplicant logs WPS-CRED-RECEIVED, key included, at INFO. When it logs at
 * INFO or below we warn and raise its level to WARNING for the run (monitor events are not affected), then
 * restore it. Returns the level to restore, or null when nothing was changed.
 */
async function quietLogging(driver: WpaDriver, warn: (message: string) => void): Promise<string | null> {
  const reply = await driver.request(["log_level"]);
  const level = reply.kind === "data" ? /Current level:\s*(\S+)/.exec(reply.text)?.[1] : undefined;
  if (level === undefined || !LEAKY_LEVELS.has(level)) return null;
  warn(
    `wpa_supplicant logs at level ${level}, which would write the network keys it receives to its log; ` +
      "raising it to WARNING for this run",
  );
  const set = await driver.request(["log_level", "WARNING"]);
  return set.kind === "ok" ? level : null;
}

/** Sets the regulatory country at runtime, as `wpa_cli set country XX` does; a refusal is only a warning. */
async function setCountry(
  driver: WpaDriver,
  country: string,
  warn: (message: string) => void,
): Promise<void> {
  const reply = await driver.request(["set", "country", country]);
  if (reply.kind !== "ok") warn(`wpa_supplicant refused "set country ${country}"`);
}
