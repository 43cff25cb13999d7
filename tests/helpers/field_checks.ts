// Assertions shared by the field tests (issue 10): the system supplicant is left as found (networks by id,
// SSID, BSSID and DISABLED flag; globals; its config file byte for byte with its mode; it never wrote that
// file), plus the connected trial network after a success; the passphrase travelled only on stdin.
import assert from "node:assert/strict";
import type { FieldRun, NetworkRow } from "./field.ts";

const key = (r: NetworkRow) =>
  `${r.id}\t${r.ssid}\t${r.bssid}\t${r.flags.includes("[DISABLED]") ? "disabled" : "enabled"}`;

/**
 * `list_networks` after equals before (protocol.md: ids, SSIDs, BSSIDs, DISABLED flag); after a success
 * exactly one more network, the connected one ([CURRENT], enabled, with `connectedSsid`).
 */
export function assertNetworksKept(run: FieldRun, connectedSsid?: string): void {
  const before = run.before.networks.map(key);
  const kept = run.after.networks.filter((r) => run.before.networks.some((b) => b.id === r.id));
  assert.deepEqual(kept.map(key), before, "every network of the user is still there, same id and state");
  const added = run.after.networks.filter((r) => !run.before.networks.some((b) => b.id === r.id));
  if (connectedSsid === undefined) {
    assert.deepEqual(added, [], "nothing the attempt added remains");
    return;
  }
  assert.equal(added.length, 1, `only the connected network stays: ${JSON.stringify(added)}`);
  assert.equal(added[0]!.ssid, connectedSsid);
  assert.match(added[0]!.flags, /\[CURRENT\]/);
  assert.doesNotMatch(added[0]!.flags, /\[DISABLED\]/);
}

/** The supplicant's globals are back, its config file is byte-identical with the same mode, never written. */
export function assertSupplicantRestored(run: FieldRun): void {
  assert.deepEqual(run.after.globals, run.before.globals, "update_config, wps_cred_processing, log_level");
  assert.ok(run.before.config, "the scenario has a system config file");
  assert.equal(run.after.config?.text, run.before.config.text, "the system config file is byte-identical");
  assert.equal(
    run.after.config?.mode.toString(8),
    run.before.config.mode.toString(8),
    "the system config file keeps its mode",
  );
  const written = run.writes.filter((w) => w.written);
  assert.deepEqual(written, [], "the supplicant wrote its config: update_config was on at that moment");
}

/** The secret never appeared in a one-shot argv and did arrive, as `set_network <id> psk`, on stdin. */
export function assertPskOnStdinOnly(run: FieldRun, secrets: string[], networkId: number): void {
  for (const argv of run.oneShot) {
    for (const s of secrets) {
      assert.ok(!argv.join(" ").includes(s), `one-shot argv carries a secret: ${argv[0]}`);
    }
  }
  const psk = run.stdin.filter((l) => new RegExp(`^set_network ${networkId} psk `).test(l));
  assert.equal(
    psk.length,
    1,
    `set_network ${networkId} psk on stdin: ${run.stdin.map((l) => l.split(" ").slice(0, 3).join(" "))}`,
  );
  assert.ok(secrets.some((s) => psk[0]!.includes(s)), "the psk sent on stdin is the credential's");
}
