// Unit tests of reading the lab guest's console markers (no VM needed).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseConsole } from "../../scripts/lab/markers.ts";

describe("parseConsole", () => {
  it("collects boot times, the agent copy and each scenario's code and duration", () => {
    const summary = parseConsole([
      "LAB-USERLAND uptime=3.50",
      "[    8.98] platform regulatory.0: firmware: failed to load regulatory.db (-2)",
      "LAB-READY kernel=6.1.0-56-amd64 uptime=5.02",
      "LAB-AGENT copied=110414000 seconds=7.78",
      "LAB-SUPPLICANT wpa_supplicant v2.9",
      "LAB-SCENARIO-BEGIN happy uptime=12.89",
      "LAB-SCENARIO-END happy rc=0 seconds=25.41 uptime=38.30",
      "LAB-SCENARIO-BEGIN overlap uptime=38.40",
      "LAB-DONE rc=1 uptime=60.1",
    ]);
    assert.equal(summary.userlandUptime, 3.5);
    assert.equal(summary.kernel, "6.1.0-56-amd64");
    assert.equal(summary.agentCopySeconds, 7.78);
    assert.equal(summary.supplicant, "wpa_supplicant v2.9");
    assert.deepEqual(summary.scenarios, [{ name: "happy", rc: 0, seconds: 25.41 }]);
    assert.deepEqual(summary.started, ["happy", "overlap"]);
    assert.deepEqual(summary.done, { rc: 1, uptime: 60.1 });
  });

  it("reports a missing agent and fatal lines", () => {
    const summary = parseConsole(["LAB-AGENT missing=/agent/x", "LAB-FATAL cannot mount the repo share"]);
    assert.equal(summary.agentMissing, "/agent/x");
    assert.deepEqual(summary.fatal, ["LAB-FATAL cannot mount the repo share"]);
  });
});
