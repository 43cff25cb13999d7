// Round-trip properties of config rendering not covered by tests/unit/config_render_test.ts (which checks
// renderConfig with a stand-in PSK): the real paths — a WPS credential through trialNetworks and blockFromTrialNetwork, and a
// `psk` network of the file through loadPlan and blockFromPsk — rendered with the real PBKDF2, read back.
import assert from "node:assert/strict";
import fc from "fast-check";
import { blockFromPsk, blockFromTrialNetwork } from "../../src/config/network_block.ts";
import { trialNetworks } from "../../src/wps/trial_networks.ts";
import type { ScanEntry } from "../../src/wpa/replies.ts";
import { decodeConfigValue, parseConfigText } from "../../src/config/parse.ts";
import { derivePskHex } from "../../src/config/psk.ts";
import { renderFile } from "../../src/run/write_config.ts";
import { resolveSettings } from "../../src/plan/settings.ts";
import { loadPlan } from "../../src/plan/load.ts";
import { normalizeCredential } from "../../src/wpa/credential.ts";

/** A WPA2/WPA3 transition AP in the BSS table (its SSID is set per case). */
const SAE_BSS: ScanEntry = {
  bssid: "02:00:00:00:00:00",
  frequency: 2412,
  signal: -30,
  flags: ["WPA2-PSK+SAE-CCMP", "WPS-PBC", "ESS"],
  ssid: new Uint8Array([0x41]),
  ssidText: "A",
  wps: "pbc",
  sae: true,
};

const settings = resolveSettings({ outputDir: "/nonexistent" }, {});
const hexChars = fc.constantFrom(..."0123456789abcdefABCDEF".split(""));
const enc = new TextEncoder();

/** Reads rendered text back; asserts one clean block and returns it. */
function oneBlock(text: string): Map<string, string> {
  const parsed = parseConfigText(text);
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual([...parsed.globals.keys()], ["ctrl_interface", "update_config"]);
  assert.equal(parsed.networks.length, 1);
  const net = parsed.networks[0]!;
  // Every non-comment line is a global, the block's braces, or one of its keys: nothing was added.
  const lines = text.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#"));
  assert.equal(lines.length, 2 + 2 + net.size);
  return net;
}

const bytesOf = (v: string | undefined) => [...(v === undefined ? [] : decodeConfigValue(v) ?? [0xdead])];

/** Asserts `psk` (and `sae_password`) carry exactly `key` for `ssid`. */
async function assertKey(net: Map<string, string>, key: Uint8Array, ssid: Uint8Array): Promise<void> {
  const psk = net.get("psk")!;
  const text = new TextDecoder().decode(key);
  if (/^[0-9a-fA-F]{64}$/.test(text) && key.length === 64) assert.equal(psk, text.toLowerCase());
  else if (psk.startsWith('"')) assert.deepEqual(bytesOf(psk), [...key]);
  else assert.equal(psk, await derivePskHex(key, ssid));
  if (net.has("sae_password")) assert.deepEqual(bytesOf(net.get("sae_password")), [...key]);
}

/** WPS credential → block → file → read back gives the exact SSID and key bytes. */
export const credentialRoundTrip = fc.asyncProperty(
  fc.uint8Array({ minLength: 1, maxLength: 32 }),
  fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 63 }),
    fc.array(hexChars, { minLength: 64, maxLength: 64 }).map((a) => enc.encode(a.join(""))),
  ),
  fc.nat({ max: 3 }),
  fc.boolean(),
  fc.option(fc.nat({ max: 1000 }), { nil: undefined }),
  async (ssid, rawKey, nulPad, sae, priority) => {
    const key = Uint8Array.from([...rawKey, ...new Array(nulPad).fill(0)]);
    const normalized = normalizeCredential({ ssid, authType: 0x20, encrType: 0x08, key });
    if (typeof normalized === "string") return; // the supplicant refuses it too (wps_workaround_cred_key)
    const bss = sae ? [{ ...SAE_BSS, ssid: normalized.ssid }] : [];
    const chosen = trialNetworks([normalized], { generation: "2.10", bss, allowOpen: false });
    assert.ok(chosen.ok);
    const network = chosen.networks[0]!;
    const block = blockFromTrialNetwork(network, {}, priority === undefined ? {} : { priority });
    const net = oneBlock(await renderFile(block, settings));
    assert.deepEqual(bytesOf(net.get("ssid")), [...normalized.ssid]);
    assert.ok(["WPA-PSK", "WPA-PSK SAE"].includes(net.get("key_mgmt")!));
    assert.equal(net.get("priority"), priority === undefined ? undefined : String(priority));
    await assertKey(net, normalized.key, normalized.ssid);
  },
);

const ssidText = fc.string({ unit: "binary", minLength: 1, maxLength: 32 }).filter((s) => {
  const n = enc.encode(s).length;
  return n >= 1 && n <= 32;
});

/** A `psk` network given in the file (JSON text) → plan → file → read back gives its exact SSID and key. */
export const pskNetworkRoundTrip = fc.asyncProperty(
  ssidText,
  fc.oneof(
    fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      minLength: 8,
      maxLength: 63,
    })
      .map((p) => ({ passphrase: p })),
    fc.array(hexChars, { minLength: 64, maxLength: 64 }).map((a) => ({ psk: a.join("") })),
  ),
  fc.constantFrom("WPA-PSK", "SAE", "WPA-PSK SAE"),
  fc.boolean(),
  async (ssid, secret, keyMgmt, hidden) => {
    const net = { id: "net", method: "psk", ssid, ...secret, keyMgmt, hidden };
    const loaded = await loadPlan(JSON.stringify({ version: 1, networks: [net] }), {
      env: () => undefined,
      readFile: () => Promise.resolve({ ok: false, reason: "unused" }),
    });
    if ("psk" in secret && keyMgmt === "SAE") return assert.equal(loaded.ok, false);
    assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.problems));
    const planned = loaded.plan.networks[0]!;
    assert.equal(planned.method, "psk");
    if (planned.method !== "psk") return;
    const block = oneBlock(await renderFile(blockFromPsk(planned), settings));
    assert.deepEqual(bytesOf(block.get("ssid")), [...enc.encode(ssid)]);
    assert.equal(block.get("key_mgmt"), keyMgmt);
    assert.equal(block.get("scan_ssid"), hidden ? "1" : undefined);
    await assertKey(block, enc.encode("psk" in secret ? secret.psk : secret.passphrase), enc.encode(ssid));
  },
);
