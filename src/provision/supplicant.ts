// Gets a supplicant connection for the WPS networks and gives it back exactly as found: attaches to a running
// system supplicant (left running) or starts one for the run (stopped afterwards), and turns on
// credential reports for the run only.
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { EnvironmentError, type SupplicantControl, type WpaDriver } from "../wpa/driver.ts";
import type { Settings } from "../settings.ts";

/** An open connection plus what must be undone at the end. */
export interface SupplicantLease {
  driver: WpaDriver;
  startedByUs: boolean;
  release(): Promise<void>;
}

/**
 * Why wps_cred_processing=2: the supplicant then both reports the credential (as WPS-CRED-RECEIVED hex,
 * which we decode) and uses it to connect, so the connection proves the credential before we write it,
 * and nothing is ever written into the system's own config (no save_config).
 */
const CRED_PROCESSING = "2";

/** Debug levels at which wpa_supplicant writes WPS-CRED-RECEIVED (with the key) to its log file or syslog. */
const LEAKY_LEVELS = new Set(["EXCESSIVE", "MSGDUMP", "DEBUG", "INFO"]);

/** Attaches to (or starts) the supplicant on the settings' interface. */
export async function leaseSupplicant(
  control: SupplicantControl,
  settings: Settings,
  warn: (message: string) => void,
): Promise<SupplicantLease> {
  let startedByUs = false;
  let scratchDir: string | undefined;
  if (!(await control.isRunning())) {
    if (!settings.startSupplicant) {
      throw new EnvironmentError(
        "supplicant-not-running",
        `No wpa_supplicant is running on ${settings.iface} (control directory ${settings.ctrlDir}) and starting one is off`,
      );
    }
    scratchDir = await fs.mkdtemp(join(tmpdir(), "wifiprov-"));
    const conf = join(scratchDir, "wpa_supplicant.conf");
    const country = settings.country ? `country=${settings.country}\n` : "";
    await fs.writeFile(
      conf,
      `ctrl_interface=${settings.ctrlDir}\n${country}wps_cred_processing=${CRED_PROCESSING}\n`,
      { mode: 0o600 },
    );
    await control.start(conf);
    startedByUs = true;
  }
  const driver = await control.open();
  const undo = async () => {
    await driver.close();
    if (startedByUs) await control.stop();
    if (scratchDir) await fs.rm(scratchDir, { recursive: true, force: true });
  };
  let restore: Array<readonly string[]>;
  try {
    restore = startedByUs ? [] : await prepareSystemSupplicant(driver, warn);
    if (settings.setCountry && settings.country) await setCountry(driver, settings.country, warn);
  } catch (e) {
    await undo();
    throw e;
  }
  return {
    driver,
    startedByUs,
    async release() {
      // Restores run side by side: each is a separate wpa_cli call, and the report waits for them.
      await Promise.all(restore.map((cmd) => driver.request(cmd).catch(() => undefined)));
      await undo();
    },
  };
}

/**
 * A system supplicant gets credential reports on and, when it logs verbosely, a quieter log level, both for
 * this run only; returns the commands that put it back. The two are independent, so they run side by side.
 * (A supplicant we start runs daemonized without -f/-s, so its log goes nowhere and it needs neither.)
 */
async function prepareSystemSupplicant(
  driver: WpaDriver,
  warn: (message: string) => void,
): Promise<Array<readonly string[]>> {
  const [previousLevel, previous] = await Promise.all([
    quietLogging(driver, warn),
    enableCredentialReports(driver),
  ]);
  const restore: Array<readonly string[]> = [["set", "wps_cred_processing", previous]];
  if (previousLevel !== null) restore.push(["log_level", previousLevel]);
  return restore;
}

async function enableCredentialReports(driver: WpaDriver): Promise<string> {
  const before = await driver.request(["get", "wps_cred_processing"]);
  // Older builds cannot GET this field; 0 is the compiled-in default.
  const previous = before.kind === "data" && /^[0-2]$/.test(before.text.trim()) ? before.text.trim() : "0";
  const set = await driver.request(["set", "wps_cred_processing", CRED_PROCESSING]);
  if (set.kind !== "ok") {
    throw new EnvironmentError("cred-processing-refused", "wpa_supplicant refused to report WPS credentials");
  }
  return previous;
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
    `wpa_supplicant logs at level ${level}, which would write the WPS credential to its log; ` +
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
