// `wifiprov scan`: the access points in range with their WPS state, as JSON on stdout.
import { wpaCliControl } from "../adapters/wpa_cli.ts";
import { DEFAULT_SUPPLICANT_DRIVER } from "../plan/driver_list.ts";
import { scanAccessPoints } from "../wps/scan.ts";
import { requireUsableRadio } from "../wps/session.ts";
import { describeAccessPoint } from "../report/scan_report.ts";
import { EnvironmentError } from "../errors.ts";
import { acquireInterfaceLock, interfaceLockDirs, type Lock } from "../adapters/lock.ts";
import { EXIT } from "../report/report.ts";
import type { ScanOptions } from "./program.ts";
import type { Io } from "../adapters/process_io.ts";

/**
 * Runs `scan` against a running supplicant, holding the interface's lock as `provision` does (a scan in
 * the middle of a WPS or DPP exchange would disturb it); exit 3 with a one-line message when the lock is
 * held, there is no supplicant, the radio is disabled or the supplicant refuses the scan (`scan-refused`).
 */
export async function scanCommand(opts: ScanOptions, io: Io): Promise<number> {
  let lock: Lock;
  try {
    lock = await acquireInterfaceLock(opts.interface, interfaceLockDirs(opts.lockDir ?? null));
  } catch (e) {
    if (!(e instanceof EnvironmentError)) throw e;
    io.stderr(`wifiprov: ${e.message}\n`);
    return EXIT.environment;
  }
  try {
    return await scanLocked(opts, io);
  } finally {
    await lock.release();
  }
}

async function scanLocked(opts: ScanOptions, io: Io): Promise<number> {
  const control = wpaCliControl({
    wpaCli: opts.wpaCli,
    wpaSupplicant: "wpa_supplicant",
    iface: opts.interface,
    ctrlDir: opts.ctrlDir,
    // scan never starts a supplicant; the list is only there to satisfy the settings shape.
    drivers: DEFAULT_SUPPLICANT_DRIVER,
    secretEnvNames: [],
  });
  try {
    if (!(await control.isRunning())) {
      io.stderr(
        `wifiprov: no wpa_supplicant is running on ${opts.interface} (control directory ${opts.ctrlDir})\n`,
      );
      return EXIT.environment;
    }
    const driver = await control.open();
    try {
      // A disabled radio refuses the scan: say so, and what to do, rather than only that it was refused.
      await requireUsableRadio(driver);
      const aps = await scanAccessPoints(driver);
      const doc = { interface: opts.interface, accessPoints: aps.map(describeAccessPoint) };
      io.stdout(JSON.stringify(doc, null, 2) + "\n");
      return EXIT.ok;
    } finally {
      await driver.close();
    }
  } catch (e) {
    if (!(e instanceof EnvironmentError)) throw e;
    io.stderr(`wifiprov: ${e.message}\n`);
    return EXIT.environment;
  }
}
