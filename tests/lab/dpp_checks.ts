// What the DPP lab scenarios (scripts/lab/guest/scenarios/dpp-*.sh) must show: a real configurator on its
// own radio hands a network over to the agent, whose file a fresh supplicant proves; the URI wifiprov
// computes equals the real supplicant's; another SSID is refused.
import assert from "node:assert/strict";
import type { Check } from "./checks.ts";
import type { Evidence } from "./evidence.ts";

const AP_A = "02:00:00:00:00:00";

function uriOf(e: Evidence, name: string): string {
  return e.text(name).trim();
}

function assertProvisioned(e: Evidence, ssid: string, keyMgmt: RegExp): void {
  assert.equal(e.exitCode(), 0, e.agentStderr());
  const home = e.network("home");
  assert.equal(home.method, "dpp");
  assert.equal(home.status, "provisioned", e.agentStderr());
  assert.equal(home.ssid, ssid);
  assert.equal(
    home.dppUri,
    uriOf(e, "uri-shown.txt"),
    "the report's URI is the one the progress line showed",
  );
  assert.deepEqual([...e.outputModes().keys()], ["home.conf"]);
  assert.equal(e.outputModes().get("home.conf"), "600");
  assert.match(e.written("home.conf"), keyMgmt);
  const proof = e.proof("home");
  assert.equal(proof.result, "COMPLETED", e.text("proof-home.txt"));
  assert.equal(proof.status.get("bssid"), AP_A);
}

/** The DPP scenarios' checks. */
export const DPP_CHECKS: Readonly<Record<string, readonly Check[]>> = {
  "dpp-psk": [
    {
      title:
        "wifiprov's URI equals the real supplicant's dpp_bootstrap_get_uri, and stays the same across runs (dpp-uri, then provision)",
      check: (e) => {
        const ours = uriOf(e, "uri-agent.txt");
        assert.match(ours, /^DPP:C:81\/6;M:[0-9a-f]{12};V:2;K:[A-Za-z0-9+/=]+;;$/);
        assert.equal(ours, uriOf(e, "uri-supplicant.txt"));
        assert.equal(e.network("home").dppUri, ours, "a second run with the same key gives the same URI");
        assert.equal(e.text("key-mode.txt").trim(), "600");
      },
    },
    {
      title:
        "a configurator hands LabNet over (sta-psk); the file is written 0600 and connects a fresh supplicant",
      check: (e) => assertProvisioned(e, "LabNet", /^\s*key_mgmt=WPA-PSK$/m),
    },
    {
      title: "the station's supplicant keeps only the network that connected",
      check: (e) => {
        const rows = e.text("after-networks.txt").trim().split("\n").slice(1);
        assert.equal(rows.length, 1, e.text("after-networks.txt"));
        assert.match(rows[0] ?? "", /^\d+\tLabNet\t/);
      },
    },
  ],
  "dpp-sae": [{
    title: "a configurator hands a WPA3-SAE network over (sta-sae); key_mgmt=SAE, ieee80211w=2, proven",
    check: (e) => {
      assertProvisioned(e, "Lab3", /^\s*key_mgmt=SAE$/m);
      assert.match(e.written("home.conf"), /^\s*ieee80211w=2$/m);
    },
  }],
  "dpp-mismatch": [{
    title: "another SSID than the plan's gives ssid-mismatch, nothing written, no network left behind",
    check: (e) => {
      assert.equal(e.exitCode(), 1, e.agentStderr());
      assert.equal(e.network("home").status, "ssid-mismatch");
      assert.deepEqual([...e.outputModes().keys()], []);
      assert.equal(e.text("after-networks.txt").trim().split("\n").length, 1, e.text("after-networks.txt"));
    },
  }],
  "dpp-timeout": [{
    title:
      "nobody scans: timeout, nothing written, no network added, the bootstrap entry removed, dpp_config_processing as before",
    check: (e) => {
      assert.equal(e.exitCode(), 1, e.agentStderr());
      const home = e.network("home");
      assert.equal(home.status, "timeout", e.agentStderr());
      assert.match(home.dppUri ?? "", /^DPP:C:81\/6;/);
      assert.deepEqual([...e.outputModes().keys()], []);
      assert.equal(e.text("after-networks.txt").trim().split("\n").length, 1, e.text("after-networks.txt"));
      assert.equal(e.text("after-bootstrap.txt").trim(), "FAIL", "the agent's bootstrap entry is gone");
      assert.equal(e.text("after-processing.txt").trim(), e.text("before-processing.txt").trim());
    },
  }],
};
