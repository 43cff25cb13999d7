// Round-trip properties of config rendering not covered by tests/unit/config_render_test.ts (which checks
// renderConfig with a stand-in PSK): the real paths — a WPS credential through blockFromCredential, and a
// `psk` network of the file through loadPlan and blockFromPsk — rendered with the real PBKDF2, read back.
import assert from "node:assert/strict";
import fc from "fast-check";
import { blockFromCredential, blockFromPsk } from "../../src/config/network_block.ts";
import { decodeConfigValue, parseConfigText } from "../../src/config/parse.ts";
import { derivePskHex } from "../../src/config/psk.ts";
import { renderFile } from "../../src/provision/write.ts";
import { resolveSettings } from "../../src/settings.ts";
import { loadPlan } from "../../src/plan/load.ts";
import type { WpsCredential } from "../../src/wpa/credential.ts";

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
    const cred: WpsCredential = { ssid, authType: 0x20, encrType: 0x08, key };
    const block = blockFromCredential(cred, {
      apAdvertisesSae: sae,
      ...(priority === undefined ? {} : { priority }),
    });
    let end = key.length;
    while (end > 0 && key[end - 1] === 0) end--;
    const stripped = key.slice(0, end);
    if (stripped.length === 0) return assert.equal(block, null);
    assert.ok(block);
    const net = oneBlock(await renderFile(block, settings));
    assert.deepEqual(bytesOf(net.get("ssid")), [...ssid]);
    assert.ok(["WPA-PSK", "WPA-PSK SAE"].includes(net.get("key_mgmt")!));
    assert.equal(net.get("priority"), priority === undefined ? undefined : String(priority));
    await assertKey(net, stripped, ssid);
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
