// Human texts follow the network's method: a DPP run never speaks of WPS, and its hint names what the person
// can do with the network as planned (with or without a key file).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { describeEvent } from "../../src/cli/human.ts";
import { dppFailureFields } from "../../src/run/dpp_network.ts";
import { failureFields as wpsFailureFields } from "../../src/run/wps_network.ts";
import { trialExpired } from "../../src/wps/trial.ts";

const URI = "DPP:C:81/6;M:020000000100;V:2;K:abc;;";

describe("describeEvent by method", () => {
  it("starts a dpp network without WPS words, a WPS one with them", () => {
    const dpp = describeEvent({ type: "network-started", id: "dev", method: "dpp" }) ?? "";
    assert.doesNotMatch(dpp, /WPS/);
    assert.match(dpp, /DPP/);
    assert.match(describeEvent({ type: "network-started", id: "b", method: "wps-pbc" }) ?? "", /WPS/);
  });

  it("points at dpp-uri only for a network with a key file", () => {
    const listening = { type: "dpp-listening", id: "dev", uri: URI, freq: 2437, timeoutSec: 5 } as const;
    const withKey = describeEvent({ ...listening, keyFile: true }) ?? "";
    assert.match(withKey, /wifiprov dpp-uri/);
    assert.ok(withKey.endsWith(URI));
    const runOnly = describeEvent({ ...listening, keyFile: false }) ?? "";
    assert.doesNotMatch(runOnly, /dpp-uri/);
    assert.match(runOnly, /valid for this run only/);
    assert.ok(runOnly.endsWith(URI));
  });
});

describe("connect-failed wording", () => {
  const expired = trialExpired({ startedAt: 0, graceMs: 1, setbacks: 2, ids: [] });
  it("says DPP for a DPP run and names the handed-over SSID in the report line", () => {
    const fields = dppFailureFields({
      kind: "connect-failed",
      uri: URI,
      detail: expired.kind === "connect-failed" ? expired.detail : "",
      ssid: new TextEncoder().encode("LabNet"),
    });
    assert.equal(fields.status, "connect-failed");
    assert.doesNotMatch(fields.message ?? "", /WPS/);
    assert.match(fields.message ?? "", /2 failed attempts/);
    assert.equal(fields.ssid, "LabNet");
  });
  it("keeps saying WPS for a WPS run", () => {
    const detail = expired.kind === "connect-failed" ? expired.detail : "";
    const fields = wpsFailureFields({ kind: "connect-failed", detail }, "wps-pbc");
    assert.match(fields.message ?? "", /^WPS succeeded but /);
  });
});
