// Hostile credentials from the (fake) supplicant, replayed through the real CLI: whatever bytes the AP hands
// over, the written file must read back as exactly one network block with exactly the expected keys and the
// exact SSID and key bytes; refused or garbled credentials end as wps-failed without a crash or a file.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { commandNames, runReplay } from "../helpers/replay.ts";
import { decodeConfigValue, parseConfigText } from "../../src/config/parse.ts";
import { derivePskHex } from "../../src/config/psk.ts";
import { CRED_CASES, type CredCase, sectionLines } from "./daemon_cases.ts";
import { hex } from "./tlv.ts";
import { stackLines } from "./support.ts";

const yaml = (planSsid?: string) =>
  `version: 1\ninterface: wlan0\nnetworks:\n  - id: home\n    method: wps-pbc\n${
    planSsid ? `    ssid: ${planSsid}\n` : ""
  }`;

function stripTrailingNuls(key: Uint8Array): Uint8Array {
  let end = key.length;
  while (end > 0 && key[end - 1] === 0) end--;
  return key.slice(0, end);
}

/** Checks the single block holds the credential's exact bytes and nothing else. */
async function assertWritten(text: string, c: CredCase, use: number): Promise<void> {
  assert.ok(use >= 0, "the network written is one of the credentials handed over");
  const spec = c.creds[use]!;
  const parsed = parseConfigText(text);
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual([...parsed.globals.keys()], ["ctrl_interface", "update_config"]);
  assert.equal(parsed.networks.length, 1, text);
  const net = parsed.networks[0]!;
  assert.deepEqual([...net.keys()], ["ssid", "key_mgmt", "proto", "pairwise", "psk"]);
  assert.deepEqual([...(decodeConfigValue(net.get("ssid")!) ?? [])], [...spec.ssid]);
  assert.equal(net.get("key_mgmt"), "WPA-PSK");
  const key = stripTrailingNuls(spec.key);
  const psk = net.get("psk")!;
  const keyText = new TextDecoder().decode(key);
  if (/^[0-9a-fA-F]{64}$/.test(keyText)) assert.equal(psk, keyText.toLowerCase());
  else if (psk.startsWith('"')) assert.deepEqual([...(decodeConfigValue(psk) ?? [])], [...key]);
  else assert.equal(psk, await derivePskHex(key, spec.ssid));
  // Not one line may exist besides the ones parsed above (comments aside).
  const lines = text.split("\n").filter((l) => l !== "" && !l.startsWith("#"));
  assert.equal(lines.length, 2 + 2 + 5, text);
}

/** Strings that must never show up outside the config file. */
function secretsOf(c: CredCase): string[] {
  const out = [c.hex];
  for (const spec of c.creds) {
    const key = stripTrailingNuls(spec.key);
    if (key.length >= 6) out.push(hex(key), new TextDecoder().decode(key));
  }
  return out.filter((s) => s.length >= 6);
}

describe("provision with hostile credentials from the supplicant", () => {
  it("replays fixtures that still match the case table", () => {
    const log = readFileSync(new URL("../fixtures/transcripts/hostile_creds.log", import.meta.url), "utf8");
    for (const c of CRED_CASES) assert.ok(log.includes(sectionLines(c).join("\n")), c.name);
  });

  for (const c of CRED_CASES) {
    const what = c.expect.status === "provisioned"
      ? "writes exactly its bytes"
      : `reports ${c.expect.reason}`;
    it(`${what} for the credential case ${c.name}`, async () => {
      const run = await runReplay({ scenario: `hostile_cred_${c.name}`, yaml: yaml(c.planSsid) });
      assert.deepEqual(stackLines(run.stderr), []);
      const report = JSON.parse(run.stdout);
      const net = report.networks[0];
      for (const s of secretsOf(c)) {
        assert.ok(!run.stdout.includes(s), `stdout leaks ${JSON.stringify(s)}`);
        assert.ok(!run.stderr.includes(s), `stderr leaks ${JSON.stringify(s)}`);
      }
      const files = (await fs.readdir(run.outDir).catch(() => [] as string[])).sort();
      if (c.expect.status === "provisioned") {
        assert.equal(run.code, 0, run.stderr);
        assert.equal(net.status, "provisioned");
        assert.deepEqual(files, ["home.conf"]);
        // Without `ssid:` the file holds the credential the supplicant connected with (the report's SSID).
        const use = c.expect.use === "connected"
          ? c.creds.findIndex((spec) => new TextDecoder().decode(spec.ssid) === net.ssid)
          : c.expect.use;
        if (c.creds.length > 1) assert.equal(net.offeredSsids?.length, c.creds.length, "offeredSsids");
        await assertWritten(await fs.readFile(join(run.outDir, "home.conf"), "utf8"), c, use);
      } else {
        assert.equal(run.code, 1, run.stderr);
        assert.equal(net.status, "wps-failed");
        assert.equal(net.reason, c.expect.reason);
        assert.ok(typeof net.message === "string" && net.message.length > 0 && !net.message.includes("\n"));
        assert.deepEqual(files, []);
        const names = commandNames(run);
        // A credential refused as it arrives cancels the walk; one refused after WPS-SUCCESS (open, WEP) is
        // never added: the exchange is over and the supplicant (report-only) added nothing itself.
        if (c.expect.reason === "bad-credential") assert.ok(names.includes("wps_cancel"), names.join(", "));
        else assert.ok(!names.some((n) => n.startsWith("add_network")), names.join(", "));
      }
    });
  }
});
