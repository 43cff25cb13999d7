// Finds the access points the supplicant can see, with their WPS state: trigger a scan, wait for its
// results event, read scan_results (or iterate `bss` when the reply hits wpa_supplicant's 4096-byte cap).
import type { WpaDriver } from "../wpa/driver.ts";
import { parseBss, parseScanResults, type Reply, type ScanEntry } from "../wpa/replies.ts";
import { EnvironmentError } from "../errors.ts";
import { supplicantGoneDetail } from "./state.ts";

/** A scan takes ~4 s on a real radio; wait a bit longer before reading whatever results exist. */
const SCAN_WAIT_MS = 12_000;
/** Replies are truncated at 4096 bytes; anything this close to it may be missing rows. */
const REPLY_CAP_MARGIN = 4000;
/** Upper bound on `bss NEXT-` iterations, in case a garbled reply never ends the walk. */
const MAX_BSS_ENTRIES = 2048;

/** Scans and returns every AP seen. `waitMs` bounds the wait for the results event. */
export async function scanAccessPoints(driver: WpaDriver, waitMs = SCAN_WAIT_MS): Promise<ScanEntry[]> {
  return await (await startScan(driver, waitMs)).take();
}

/**
 * Whether a network's enrolment starts with a fresh scan: push-button with a named BSSID, because
 * `wps_pbc <bssid>` switches off the supplicant's PBC overlap check (hostap wpa_supplicant/wps_supplicant.c,
 * wpas_wps_start_pbc) and wifiprov runs its own on the scan. Without a BSSID `wps_pbc` scans by itself;
 * `wps_pin` and DPP need no scan of ours.
 */
export function freshScanNeeded(network: { method: string; bssid?: string | undefined }): boolean {
  return network.method === "wps-pbc" && network.bssid !== undefined;
}

/**
 * The scan sent right after the monitor attaches, before the set-up commands, for the first network that
 * needs the supplicant (issue 13: the set-up then goes out during the scan's ~4 s):
 * - `wait`: the fresh scan of freshScanNeeded, whose results the session takes for its overlap check;
 * - `send`: push-button without a BSSID. Nobody waits for it: `wps_pbc` asks the supplicant for a scan,
 *   which it defers while one runs ("Already scanning", hostap wpa_supplicant/scan.c), and it selects the
 *   WPS AP from the results of the scan under way (lab, wpa_supplicant 2.10: association 90 ms after this
 *   scan's CTRL-EVENT-SCAN-RESULTS, no second scan);
 * - `none`: PIN and DPP (not measured, so left as they were).
 * The one place this is decided: the lease and the session both ask here.
 */
export function earlyScanFor(
  network: { method: string; bssid?: string | undefined },
): "wait" | "send" | "none" {
  if (freshScanNeeded(network)) return "wait";
  return network.method === "wps-pbc" ? "send" : "none";
}

/** A scan the supplicant accepted (or one already running); its access points are taken once it is done. */
export interface StartedScan {
  /**
   * The access points seen, once the scan's results event came (or `waitMs` passed: then what is there).
   * @throws EnvironmentError `scan-refused` when the supplicant refused the scan (FAIL-BUSY excepted), and
   * what waiting or reading threw (EnvironmentError when the monitor or the supplicant went away).
   */
  take(): Promise<ScanEntry[]>;
}

/**
 * Sends `scan` and returns once the supplicant answered it; the wait for the results event goes on in the
 * background, so other commands can be sent meanwhile (the run's set-up, run/supplicant_lease.ts). A
 * failure of that wait is held for take(), never left unhandled: a run that ends before it takes the scan
 * (a refused setting, a signal) simply drops it. A refused scan is held for take() too, so a session that
 * checks the radio first (session.ts requireUsableRadio) still reports why the radio cannot scan.
 * @throws EnvironmentError when the `scan` command itself cannot be sent.
 */
export async function startScan(driver: WpaDriver, waitMs = SCAN_WAIT_MS): Promise<StartedScan> {
  // Events queued since the monitor attached (e.g. the supplicant's own start-up scan, done before the AP
  // was up) would otherwise pass for the results of our scan.
  while ((await driver.nextEvent(0)) !== null) { /* discard */ }
  const reply = await driver.request(["scan"]);
  // A refused scan leaves only the supplicant's old results, on which an overlap could be missed (a named
  // BSSID switches the supplicant's own check off): never read them as if they were fresh.
  const done = scanAccepted(reply) ? waitForScanResults(driver, waitMs) : Promise.reject(scanRefused(reply));
  const settled = done.then(() => readScanResults(driver)).then(
    (aps) => ({ ok: true as const, aps }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return {
    async take() {
      const outcome = await settled;
      if (!outcome.ok) throw outcome.error;
      return outcome.aps;
    },
  };
}

/** Reads the current scan results without starting a scan. */
export async function readScanResults(driver: WpaDriver): Promise<ScanEntry[]> {
  const reply = await driver.request(["scan_results"]);
  if (reply.kind !== "data") return [];
  if (reply.text.length < REPLY_CAP_MARGIN) return parseScanResults(reply.text);
  return await iterateBss(driver);
}

async function iterateBss(driver: WpaDriver): Promise<ScanEntry[]> {
  const entries: ScanEntry[] = [];
  const seen = new Set<number>();
  let cursor = "FIRST";
  for (let i = 0; i < MAX_BSS_ENTRIES; i++) {
    const reply = await driver.request(["bss", cursor]);
    if (reply.kind !== "data") break;
    const entry = parseBss(reply.text);
    // A repeated id would walk in circles (a garbled or hostile reply): stop there.
    if (!entry || entry.id === undefined || seen.has(entry.id)) break;
    seen.add(entry.id);
    entries.push(entry);
    cursor = `NEXT-${entry.id}`;
  }
  return entries;
}

/** OK, or FAIL-BUSY: a scan is already running, and its results serve us just as well. */
function scanAccepted(reply: Reply): boolean {
  return reply.kind === "ok" || (reply.kind === "fail" && reply.text.includes("BUSY"));
}

function scanRefused(reply: Reply): EnvironmentError {
  // Only the supplicant's own words are quoted; anything else it answered is not echoed.
  const answer = reply.kind === "fail" && /^FAIL[A-Z-]*$/.test(reply.text)
    ? `"${reply.text}"`
    : "something other than OK";
  return new EnvironmentError(
    "scan-refused",
    `wpa_supplicant refused to scan (it answered ${answer}), and its old scan results are not used; ` +
      "see its log for why",
  );
}

/**
 * Waits for the accepted scan's CTRL-EVENT-SCAN-RESULTS. A scan that fails after its OK
 * (CTRL-EVENT-SCAN-FAILED, hostap wpa_supplicant/scan.c) or whose results never come within `waitMs` leaves
 * only old results: refused like a FAIL, never read as fresh.
 * @throws EnvironmentError `scan-refused`, or `supplicant-gone` at CTRL-EVENT-TERMINATING.
 */
async function waitForScanResults(driver: WpaDriver, waitMs: number): Promise<void> {
  const end = Date.now() + waitMs;
  for (;;) {
    const left = end - Date.now();
    const event = left > 0 ? await driver.nextEvent(left) : null;
    if (event === null) {
      throw new EnvironmentError(
        "scan-refused",
        `wpa_supplicant sent no scan results within ${
          Math.round(waitMs / 1000)
        } s, and its old scan results are not used`,
      );
    }
    if (event.name === "CTRL-EVENT-SCAN-RESULTS") return;
    if (event.name === "CTRL-EVENT-SCAN-FAILED") {
      throw new EnvironmentError(
        "scan-refused",
        "wpa_supplicant's scan failed (CTRL-EVENT-SCAN-FAILED), and its old scan results are not used; see its log for why",
      );
    }
    if (event.name === "CTRL-EVENT-TERMINATING") {
      throw new EnvironmentError("supplicant-gone", supplicantGoneDetail(event));
    }
  }
}
