// Gets a supplicant connection for the WPS networks and gives it back exactly as found: attaches to a running
// system supplicant (left running) or starts one for the run (stopped afterwards). For the run only, the
// supplicant reports credentials without acting on them and never writes its own config file.
import type { SupplicantControl, WpaDriver } from "../wpa/driver.ts";
import { checkpoint, EnvironmentError } from "../errors.ts";
import { type NetworkListEntry, parseNetworkList } from "../wpa/replies.ts";
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

/** The debug levels `log_level` names (hostap src/utils/wpa_debug.c debug_level_str). */
const KNOWN_LEVELS = new Set(["EXCESSIVE", "MSGDUMP", "DEBUG", "INFO", "WARNING", "ERROR"]);

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
 * enabled again. The reads are independent, so they run side by side. Every one of these guards must be
 * answered before WPS is armed (issue 13): a read or a change the supplicant does not answer as expected
 * stops the run here, with what was already changed given back.
 * @throws EnvironmentError (`supplicant-setting-refused`) naming the command that was not answered.
 */
async function prepareSystemSupplicant(
  driver: WpaDriver,
  warn: (message: string) => void,
): Promise<Prepared> {
  // First, so that a failed read after it still finds the level to give back.
  const previousLevel = await quietLogging(driver, warn);
  const restore: Array<readonly string[]> = [];
  if (previousLevel !== null) restore.push(["log_level", previousLevel]);
  let enabled: number[];
  try {
    const [processing, updateConfig, networks] = await Promise.all([
      readSetting(driver, "wps_cred_processing", /^[0-2]$/).then(answered),
      readSetting(driver, "update_config", /^[01]$/).then(answered),
      readNetworkList(driver).then(answered),
    ]);
    enabled = networks.filter((n) => !n.disabled).map((n) => n.id);
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

/** A read the supplicant did not answer as expected: the command, for the message. */
type Unanswered = { unanswered: string };

/** The value of a read, or the error that stops the run when it was not answered. */
function answered<T>(read: T | Unanswered): T {
  if (typeof read === "object" && read !== null && "unanswered" in read) throw unanswered(read.unanswered);
  return read as T;
}

function unanswered(command: string): EnvironmentError {
  return new EnvironmentError(
    "supplicant-setting-refused",
    `wpa_supplicant did not answer "${command}" as expected; without it the run could not give the supplicant back as found`,
  );
}

/** A global setting's current value (wpa_supplicant 2.9 and later answer GET for these). */
async function readSetting(driver: WpaDriver, name: string, valid: RegExp): Promise<string | Unanswered> {
  const reply = await driver.request(["get", name]);
  const value = reply.kind === "data" ? reply.text.trim() : "";
  return valid.test(value) ? value : { unanswered: `get ${name}` };
}

/** The reply is cut at 4096 bytes (hostap ctrl_iface): a longer list is read on with `LAST_ID=`. */
const LIST_REPLY_NEAR_CAP = 3800;

/**
 * Every configured network: `list_networks`, continued with `list_networks LAST_ID=<id>` (hostap
 * wpa_supplicant/ctrl_iface.c wpa_supplicant_ctrl_iface_list_networks) while a reply nears the 4096-byte
 * cap, so that a long list does not leave networks out of those enabled again.
 */
async function readNetworkList(driver: WpaDriver): Promise<NetworkListEntry[] | Unanswered> {
  const all: NetworkListEntry[] = [];
  let args = ["list_networks"];
  for (;;) {
    const reply = await driver.request(args);
    if (reply.kind !== "data") return { unanswered: args.join(" ") };
    // A build without LAST_ID= answers the first page again: nothing new, so the walk ends.
    const fresh = parseNetworkList(reply.text).filter((n) => all.every((seen) => seen.id !== n.id));
    all.push(...fresh);
    const last = fresh.at(-1);
    if (reply.text.length < LIST_REPLY_NEAR_CAP || last === undefined) return all;
    args = ["list_networks", `LAST_ID=${last.id}`];
  }
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
  const level = reply.kind === "data" ? /^Current level: *(\S+) *$/m.exec(reply.text)?.[1] : undefined;
  // Unknown is not safe: it may be a level that logs the keys ("?" is hostap's word for one it cannot name).
  if (level === undefined || !KNOWN_LEVELS.has(level)) throw unanswered("log_level");
  if (!LEAKY_LEVELS.has(level)) return null;
  const set = await driver.request(["log_level", "WARNING"]);
  if (set.kind !== "ok") {
    throw new EnvironmentError(
      "supplicant-setting-refused",
      `wpa_supplicant refused "log_level WARNING"; at level ${level} it would write the network keys it receives to its log`,
    );
  }
  warn(
    `wpa_supplicant logs at level ${level}, which would write the network keys it receives to its log; ` +
      "raised to WARNING for this run",
  );
  return level;
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
