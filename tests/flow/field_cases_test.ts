// The field cases of issue 10 (tests/fixtures/field, replayed by the stateful fake supplicant): the right
// credential is chosen and proven by a real connection, the written file says what connected, and the
// system supplicant (update_config=1, the user's networks, its own config file) is left exactly as found.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type FieldRun, peek, runField } from "../helpers/field.ts";
import {
  assertNetworksKept,
  assertPskOnStdinOnly,
  assertSupplicantRestored,
} from "../helpers/field_checks.ts";
import { decodeConfigValue, parseConfigText } from "../../src/config/parse.ts";
import { derivePskHex } from "../../src/config/psk.ts";

const FIELD = resolve(import.meta.dirname!, "../fixtures/field");
const enc = new TextEncoder();
const hexOf = (s: string) => Buffer.from(s).toString("hex");

/** A field case that must end provisioned; `ssid`/`key`/`bssid` are what the AP really uses. */
interface SuccessCase {
  name: string;
  says: string;
  ssid: string;
  key: string;
  bssid: string;
  check?: (run: FieldRun) => void;
}

const SUCCESS: SuccessCase[] = [
  {
    name: "01-dualband-wanted-second",
    says: "takes the planned HomeNet credential although HomeNet-5G came first",
    ssid: "HomeNet",
    key: "two band router pass",
    bssid: "02:00:00:00:10:00",
  },
  {
    name: "03-dualband-no-ssid",
    says: "without ssid: keeps the credential the supplicant connected with, report and file agree",
    ssid: "HomeNet",
    key: "two band router pass",
    bssid: "02:00:00:00:10:00",
  },
  {
    name: "04-mixed-mode-two-creds",
    says: "never writes weaker than what connected: proto has RSN, pairwise has CCMP",
    ssid: "MixNet",
    key: "mixed mode pass",
    bssid: "02:00:00:00:20:00",
    check(run) {
      const block = confBlock(run);
      assert.match(block.get("proto") ?? "", /\bRSN\b/);
      assert.match(block.get("pairwise") ?? "", /\bCCMP\b/);
    },
  },
  {
    name: "10-dualband-same-uuid-bssid",
    says: "takes a second PBC BSS with the same UUID-E as the same router: wps_pbc <bssid> is sent",
    ssid: "HomeNet",
    key: "two band router pass",
    bssid: "02:00:00:00:10:00",
    check(run) {
      const sent = [...run.oneShot.map((a) => a.join(" ")), ...run.stdin];
      assert.ok(sent.includes("wps_pbc 02:00:00:00:10:00"), sent.join(", "));
    },
  },
  {
    name: "14-system-update-config",
    says: "keeps the user's own LabNet network (same SSID and security) with its id",
    ssid: "LabNet",
    key: "correct horse battery staple",
    bssid: "02:00:00:00:00:00",
    check(run) {
      const own = run.after.networks.find((r) => r.id === "1");
      assert.deepEqual(own && [own.ssid, own.flags.includes("[DISABLED]")], ["LabNet", false]);
    },
  },
  {
    name: "17a-ssid-nul-padded-with-plan",
    says: "strips the trailing NULs of a padded SSID as wpa_supplicant does",
    ssid: "PadNet",
    key: "padded ssid pass",
    bssid: "02:00:00:00:c0:00",
  },
];

const scenarioOf = (name: string) => `field_${name.replaceAll("-", "_")}`;
const yamlOf = (name: string) => fs.readFile(join(FIELD, `${name}.yaml`), "utf8");

function confBlock(run: FieldRun): Map<string, string> {
  return parseConfigText(readFileSync(join(run.outDir, "home.conf"), "utf8")).networks[0]!;
}

describe("field cases against a stateful wpa_supplicant", () => {
  for (const c of SUCCESS) {
    it(`${c.name}: ${c.says}`, async () => {
      const run = await runField(scenarioOf(c.name), await yamlOf(c.name));
      assert.equal(run.code, 0, `${run.stderr}\n${run.stdout.slice(0, 600)}`);
      const report = JSON.parse(run.stdout);
      assert.equal(report.networks[0].status, "provisioned");
      const connected = run.connections.at(-1);
      assert.ok(connected, "the supplicant connected with a trial network: the AP accepted its key");
      assert.equal(connected.bssid, c.bssid);
      assert.equal(report.networks[0].ssid, c.ssid);
      assert.equal(report.networks[0].bssid, connected.bssid, "the report names the BSS that connected");

      const block = confBlock(run);
      assert.deepEqual(decodeConfigValue(block.get("ssid")!), enc.encode(c.ssid));
      const pmk = await derivePskHex(enc.encode(c.key), enc.encode(c.ssid));
      assert.ok([`"${c.key}"`, pmk].includes(block.get("psk")!), "the file holds the AP's key");
      for (const field of ["key_mgmt", "proto", "pairwise"]) {
        const reported = peek(run, "get_network", String(connected.id), field);
        assert.equal(block.get(field), reported, `${field} written as the connected network has it`);
      }
      c.check?.(run);

      assertNetworksKept(run, c.ssid);
      assertSupplicantRestored(run);
      assert.ok(run.writes.length >= 1, "the run reached a moment where the supplicant writes its config");
      assertPskOnStdinOnly(run, [c.key, pmk, hexOf(c.key)], connected.id);
    });
  }

  it("11a-rfkill-any: a disabled radio fails within seconds with exit 3 and a reason naming it", async () => {
    const run = await runField("field_11a_rfkill_any", await yamlOf("11a-rfkill-any"));
    assert.equal(run.code, 3, `${run.stderr}\n${run.stdout.slice(0, 600)}`);
    // Structural, not a speed target: the button was never pressed and no walk time was waited out
    // (the plan's timeout is the full 120 s walk time).
    assert.ok(!run.oneShot.some((c) => c[0] === "wps_pbc"), "wps_pbc never sent");
    assert.ok(run.tookMs < 60_000, `took ${run.tookMs} ms: it waited for the walk time`);
    const report = JSON.parse(run.stdout);
    assert.match(`${report.error?.reason} ${report.error?.message}`, /rfkill|radio|interface[ -]disabled/i);
    assert.match(report.error?.message ?? "", /disabled|blocked/i);
    assert.deepEqual(await fs.readdir(run.outDir).catch(() => []), [], "nothing written");
    assertNetworksKept(run);
    assertSupplicantRestored(run);
  });
});
