// Drives one DPP (Wi-Fi Easy Connect) enrollee run on a connected supplicant: bootstrap with the key (only
// through the interactive wpa_cli's stdin), check the supplicant's URI against wifiprov's own, listen, wait
// for the configuration object, then stop listening, drop the bootstrap entry and prove the network as a
// trial network. Always gives back what it changed (dpp_config_processing, listen, bootstrap entry).
import type { WpaDriver } from "../wpa/driver.ts";
import { checkpoint, type DppFailReason, EnvironmentError, Interrupted } from "../errors.ts";
import { parseKeyValues } from "../wpa/replies.ts";
import type { DppPlannedNetwork } from "../plan/plan.ts";
import { requireUsableRadio, type WpsSessionDeps } from "../wps/session.ts";
import type { TrialNetwork } from "../wps/trial_networks.ts";
import { proveTrialNetworks, type ReadBack } from "../wps/trial_session.ts";
import { ssidFields } from "../report/report.ts";
import { utf8Encode } from "../bytes.ts";
import {
  type DppConfigObject,
  dppExpired,
  dppStep,
  type DppWaitOutcome,
  initialDppState,
  reportsDppConfig,
} from "./conf.ts";
import { keyHex, newDppKeyText, parseDppKey } from "./key.ts";
import { dppTrialNetwork } from "./network.ts";
import { channelForFreq, chanText, compactMac, dppUri, dppVersionOf } from "./uri.ts";

/** Timing knobs of one run. */
export interface DppTiming {
  timeoutMs: number;
  connectGraceMs: number;
  keepNetwork: boolean;
}

/** How a DPP run ended; `uri` is there once the supplicant listened with it. */
export type DppOutcome =
  | {
    kind: "success";
    uri: string;
    network: TrialNetwork;
    readBack: ReadBack;
    networkId: number;
    bssid?: string;
  }
  | { kind: "timeout"; uri: string }
  | { kind: "dpp-failed"; uri?: string; reason: DppFailReason; detail: string }
  | { kind: "ssid-mismatch"; uri: string; receivedSsids: Uint8Array[] }
  | { kind: "connect-failed"; uri: string; detail: string; ssid: Uint8Array }
  | { kind: "interrupted"; uri?: string };

/**
 * Runs one enrolment; expected failures are outcomes. Once `deps.signal` has fired nothing more is started
 * (no setting changed, no dpp_bootstrap_gen, no dpp_listen, no trial network): the outcome is `interrupted`,
 * and what was changed before is given back.
 * @throws EnvironmentError when the radio is disabled, the build has no DPP, or the supplicant or the event
 * monitor goes away.
 */
export async function runDppSession(
  net: DppPlannedNetwork,
  timing: DppTiming,
  deps: WpsSessionDeps,
): Promise<DppOutcome> {
  try {
    return await enrol(net, timing, deps);
  } catch (e) {
    if (e instanceof Interrupted) return { kind: "interrupted" };
    throw e;
  }
}

/** runDppSession's steps; each begins at a checkpoint of the signal. */
async function enrol(net: DppPlannedNetwork, timing: DppTiming, deps: WpsSessionDeps): Promise<DppOutcome> {
  const { driver } = deps;
  checkpoint(deps.signal);
  await requireUsableRadio(driver);
  if (!reportsDppConfig(driver.version)) {
    const detail = `wpa_supplicant ${driver.version} does not report the configuration object's passphrase ` +
      "(DPP-CONFOBJ-PASS/-PSK came with 2.10): DPP needs wpa_supplicant 2.10 or later";
    return { kind: "dpp-failed", reason: "dpp-supplicant-too-old", detail };
  }
  checkpoint(deps.signal);
  const mac = await interfaceMac(driver);
  checkpoint(deps.signal);
  const restoreProcessing = await reportOnlyProcessing(driver);
  try {
    checkpoint(deps.signal);
    const boot = await bootstrap(net, mac, driver);
    if ("kind" in boot) return boot;
    let stopped = false;
    const stopOnce = async () => {
      if (!stopped) await stop(driver, boot.id);
      stopped = true;
    };
    try {
      checkpoint(deps.signal);
      const listen = await driver.request(["dpp_listen", String(net.listenFreq)]);
      if (listen.kind !== "ok") {
        return {
          kind: "dpp-failed",
          uri: boot.uri,
          reason: "dpp-listen-refused",
          detail: "wpa_supplicant refused dpp_listen",
        };
      }
      const timeoutSec = Math.round(timing.timeoutMs / 1000);
      const keyFile = net.key !== undefined; // else the URI holds for this run only
      deps.emit({
        type: "dpp-listening",
        id: net.id,
        uri: boot.uri,
        freq: net.listenFreq,
        timeoutSec,
        keyFile,
      });
      const waited = await waitForConfig(timing.timeoutMs, deps);
      if (waited.kind === "supplicant-gone") throw new EnvironmentError("supplicant-gone", waited.detail);
      if (waited.kind !== "received") return { ...waited, uri: boot.uri };
      await stopOnce(); // before the trial: the radio leaves the listen channel to connect
      checkpoint(deps.signal);
      return await prove(net, waited.config, boot.uri, timing, deps);
    } finally {
      await stopOnce();
    }
  } finally {
    await restoreProcessing();
  }
}

/** The MAC the supplicant uses on the interface (`status` → `address=`), as the URI writes it. */
async function interfaceMac(driver: WpaDriver): Promise<string> {
  const reply = await driver.request(["status"]);
  const address = reply.kind === "data" ? parseKeyValues(reply.text).get("address") : undefined;
  const mac = address === undefined ? null : compactMac(address);
  if (mac === null) {
    throw new EnvironmentError(
      "no-mac-address",
      "wpa_supplicant's status names no MAC address for the interface",
    );
  }
  return mac;
}

/**
 * dpp_config_processing=0 for the run (report only: the supplicant adds no network and writes no config on
 * its own, wpas_dpp_process_config); returns what gives the old value back.
 */
async function reportOnlyProcessing(driver: WpaDriver): Promise<() => Promise<void>> {
  const reply = await driver.request(["get", "dpp_config_processing"]);
  const old = reply.kind === "data" ? reply.text.trim() : "0";
  if (!/^[12]$/.test(old)) return async () => {};
  const set = await driver.request(["set", "dpp_config_processing", "0"]);
  if (set.kind !== "ok") {
    throw new EnvironmentError(
      "supplicant-setting-refused",
      'wpa_supplicant refused "set dpp_config_processing 0"',
    );
  }
  return async () => {
    await driver.request(["set", "dpp_config_processing", old]).catch(() => undefined);
  };
}

/** dpp_bootstrap_gen with the key through stdin, then the URI check; the entry's id and the URI. */
async function bootstrap(
  net: DppPlannedNetwork,
  mac: string,
  driver: WpaDriver,
): Promise<{ id: string; uri: string } | Extract<DppOutcome, { kind: "dpp-failed" }>> {
  const key = net.key ?? ephemeralKey();
  const channel = channelForFreq(net.listenFreq)!; // the schema admits only frequencies that have one
  const ours = dppUri({
    channel,
    mac,
    publicKeyDer: key.publicKeyDer,
    dppVersion: dppVersionOf(driver.version),
  });
  const gen = await driver.requestSecret([
    "dpp_bootstrap_gen",
    "type=qrcode",
    `chan=${chanText(channel)}`,
    `mac=${mac}`,
    `key=${keyHex(key)}`,
  ]);
  if (gen.kind === "unknown-command") {
    throw new EnvironmentError("dpp-unsupported", "this wpa_supplicant was built without DPP (CONFIG_DPP)");
  }
  const id = gen.kind === "data" ? gen.text.trim() : "";
  if (!/^\d+$/.test(id)) {
    return {
      kind: "dpp-failed",
      reason: "dpp-bootstrap-refused",
      detail: "wpa_supplicant refused dpp_bootstrap_gen",
    };
  }
  const got = await driver.request(["dpp_bootstrap_get_uri", id]);
  const theirs = got.kind === "data" ? got.text.trim() : "";
  if (theirs !== ours) {
    await driver.request(["dpp_bootstrap_remove", id]).catch(() => undefined);
    const detail = `wpa_supplicant's URI ${
      JSON.stringify(theirs.slice(0, 200))
    } differs from wifiprov's ${ours}`;
    return { kind: "dpp-failed", reason: "dpp-uri-mismatch", detail };
  }
  return { id, uri: ours };
}

function ephemeralKey() {
  const parsed = parseDppKey(newDppKeyText());
  if (!parsed.ok) throw new Error("a freshly made DPP key did not parse"); // a bug
  return parsed.key;
}

async function stop(driver: WpaDriver, id: string): Promise<void> {
  await driver.request(["dpp_stop_listen"]).catch(() => undefined);
  await driver.request(["dpp_bootstrap_remove", id]).catch(() => undefined);
}

async function waitForConfig(
  timeoutMs: number,
  deps: WpsSessionDeps,
): Promise<DppWaitOutcome | { kind: "timeout" } | { kind: "interrupted" }> {
  const deadline = deps.clock.now() + timeoutMs;
  let state = initialDppState();
  const aborted = new Promise<"aborted">((resolve) => {
    if (deps.signal.aborted) resolve("aborted");
    deps.signal.addEventListener("abort", () => resolve("aborted"), { once: true });
  });
  for (;;) {
    if (deps.signal.aborted) return { kind: "interrupted" };
    const left = deadline - deps.clock.now();
    if (left <= 0) return dppExpired(state);
    const event = await Promise.race([deps.driver.nextEvent(left), aborted]);
    if (event === "aborted") return { kind: "interrupted" };
    if (event === null) continue;
    const next = dppStep(state, event);
    state = next.state;
    if (next.outcome) return next.outcome;
  }
}

/** The configuration object as a trial network, proven by a connection (as for WPS). */
async function prove(
  net: DppPlannedNetwork,
  config: DppConfigObject,
  uri: string,
  timing: DppTiming,
  deps: WpsSessionDeps,
): Promise<DppOutcome> {
  const chosen = dppTrialNetwork(config, net.ssid === undefined ? undefined : utf8Encode(net.ssid));
  if (!chosen.ok) return { ...chosen.refusal, uri };
  const network = chosen.network;
  deps.emit({ type: "credential-received", id: net.id, ssid: ssidFields(network.ssid).ssid });
  const trial = await proveTrialNetworks([network], {
    ...deps,
    graceMs: timing.connectGraceMs,
    keepNetwork: timing.keepNetwork,
  });
  if (trial.kind === "supplicant-gone") throw new EnvironmentError("supplicant-gone", trial.detail);
  if (trial.kind === "interrupted") return { kind: "interrupted", uri };
  if (trial.kind !== "connected") return { ...trial, uri, ssid: network.ssid };
  const bssid = trial.bssid ? { bssid: trial.bssid } : {};
  deps.emit({ type: "connected", id: net.id, ssid: ssidFields(network.ssid).ssid, ...bssid });
  return { kind: "success", uri, network, readBack: trial.readBack, networkId: trial.networkId, ...bssid };
}
