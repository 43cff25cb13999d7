// Proves the credentials of one enrolment: adds them to the supplicant as trial networks (the key only
// through the interactive wpa_cli's stdin), selects them, waits until one connects, reads back what the
// supplicant used, and removes every trial network that is not kept. Nothing the attempt added survives a
// failure.
import type { WpaDriver } from "../wpa/driver.ts";
import { EnvironmentError } from "../errors.ts";
import type { Reply } from "../wpa/replies.ts";
import { bytesToHex } from "../bytes.ts";
import { derivePskHex } from "../config/psk.ts";
import type { Clock } from "./clock.ts";
import type { TrialNetwork } from "./trial_networks.ts";
import { trialDeadline, trialExpired, type TrialOutcome, type TrialState, trialStep } from "./trial.ts";

/** What the supplicant reports for the network that connected (`get_network <id> …`). */
export interface ReadBack {
  keyMgmt?: string;
  proto?: string;
  pairwise?: string;
}

/** How the trial ended; on success the index of the network (into the list given) that connected. */
export type TrialResult =
  | { kind: "connected"; index: number; networkId: number; bssid?: string; readBack: ReadBack }
  | Exclude<TrialOutcome, { kind: "connected" }>
  | { kind: "interrupted" };

/** What the trial needs from the session. */
export interface TrialDeps {
  driver: WpaDriver;
  clock: Clock;
  signal: AbortSignal;
  graceMs: number;
  /** Keep the network that connected in the running supplicant (the device stays online). */
  keepNetwork: boolean;
}

/** Adds, selects and proves the trial networks; removes what is not kept whatever happens. */
export async function proveTrialNetworks(networks: TrialNetwork[], deps: TrialDeps): Promise<TrialResult> {
  const { driver } = deps;
  const ids: number[] = [];
  let keep: number | undefined;
  try {
    for (const net of networks) ids.push(await addTrialNetwork(driver, net));
    await expectOk(driver, ["select_network", String(ids[0])]);
    for (const id of ids.slice(1)) await expectOk(driver, ["enable_network", String(id)]);
    const outcome = await waitForConnection(ids, deps);
    if (outcome.kind !== "connected") return outcome;
    const readBack = await readNetwork(driver, outcome.networkId);
    if (deps.keepNetwork) keep = outcome.networkId;
    const bssid = outcome.bssid ? { bssid: outcome.bssid } : {};
    return {
      kind: "connected",
      index: ids.indexOf(outcome.networkId),
      networkId: outcome.networkId,
      ...bssid,
      readBack,
    };
  } finally {
    for (const id of ids) {
      if (id !== keep) await driver.request(["remove_network", String(id)]).catch(() => undefined);
    }
  }
}

/** `add_network` plus its settings; the key goes through `requestSecret`, never a process argument. */
async function addTrialNetwork(driver: WpaDriver, net: TrialNetwork): Promise<number> {
  const reply = await driver.request(["add_network"]);
  const id = reply.kind === "data" && /^\d+$/.test(reply.text.trim()) ? Number(reply.text.trim()) : NaN;
  if (!Number.isInteger(id)) {
    throw new EnvironmentError(
      "add-network-refused",
      "wpa_supplicant refused to add a network (add_network)",
    );
  }
  const set = async (name: string, value: string) =>
    await expectOk(driver, ["set_network", String(id), name, value]);
  try {
    await set("ssid", bytesToHex(net.ssid));
    await set("key_mgmt", net.keyMgmt);
    if (net.proto) await set("proto", net.proto);
    if (net.pairwise) await set("pairwise", net.pairwise);
    if (net.ieee80211w !== undefined) await set("ieee80211w", String(net.ieee80211w));
    const key = await keyValue(net);
    if (key !== null) {
      const r = await driver.requestSecret(["set_network", String(id), "psk", key]);
      if (r.kind !== "ok") throw refused("set_network psk");
    }
  } catch (e) {
    await driver.request(["remove_network", String(id)]).catch(() => undefined);
    throw e;
  }
  return id;
}

/**
 * The `psk` value: a quoted passphrase when it is printable ASCII (wpa_cli's line reader and the control
 * interface take it verbatim between the first and the last quote), else the derived PSK as 64 hex digits.
 */
async function keyValue(net: TrialNetwork): Promise<string | null> {
  if (net.key.kind === "none") return null;
  if (net.key.kind === "psk") return net.key.hex;
  const bytes = net.key.bytes;
  if (bytes.every((b) => b >= 0x20 && b < 0x7f)) return `"${String.fromCharCode(...bytes)}"`;
  return await derivePskHex(bytes, net.ssid);
}

async function expectOk(driver: WpaDriver, args: readonly string[]): Promise<void> {
  const reply: Reply = await driver.request(args);
  if (reply.kind !== "ok") throw refused(`${args[0]} ${args[2] ?? ""}`.trim());
}

function refused(what: string): EnvironmentError {
  return new EnvironmentError(
    "trial-network-refused",
    `wpa_supplicant refused ${what} for the trial network`,
  );
}

async function waitForConnection(
  ids: number[],
  deps: TrialDeps,
): Promise<TrialOutcome | { kind: "interrupted" }> {
  let state: TrialState = { ids, startedAt: deps.clock.now(), graceMs: deps.graceMs, setbacks: 0 };
  const aborted = new Promise<"aborted">((resolve) => {
    if (deps.signal.aborted) resolve("aborted");
    deps.signal.addEventListener("abort", () => resolve("aborted"), { once: true });
  });
  for (;;) {
    if (deps.signal.aborted) return { kind: "interrupted" };
    const left = trialDeadline(state) - deps.clock.now();
    if (left <= 0) return trialExpired(state);
    const event = await Promise.race([deps.driver.nextEvent(left), aborted]);
    if (event === "aborted") return { kind: "interrupted" };
    if (event === null) continue;
    const next = trialStep(state, event);
    state = next.state;
    if (next.outcome) return next.outcome;
  }
}

/** `get_network <id> key_mgmt|proto|pairwise`: what the file must say, as the supplicant used it. */
async function readNetwork(driver: WpaDriver, id: number): Promise<ReadBack> {
  const read = async (name: string) => {
    const r = await driver.request(["get_network", String(id), name]);
    const text = r.kind === "data" ? r.text.trim() : "";
    return /^[A-Z0-9-]+(?: [A-Z0-9-]+)*$/.test(text) ? text : undefined;
  };
  const [keyMgmt, proto, pairwise] = [await read("key_mgmt"), await read("proto"), await read("pairwise")];
  return {
    ...(keyMgmt ? { keyMgmt } : {}),
    ...(proto ? { proto } : {}),
    ...(pairwise ? { pairwise } : {}),
  };
}
