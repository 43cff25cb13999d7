import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULTS, resolveSettings } from "../../src/plan/settings.ts";

describe("resolveSettings", () => {
  it("uses defaults when nothing is given", () => {
    const s = resolveSettings({}, {});
    assert.equal(s.outputDir, DEFAULTS.outputDir);
    assert.equal(s.ctrlDir, DEFAULTS.ctrlDir);
    assert.equal(s.timeoutSec, 120);
    assert.equal(s.iface, null);
    assert.equal(s.startSupplicant, true);
    assert.equal(s.supplicantDriver, "nl80211,wext");
  });

  it("takes the supplicant's driver list from the file, and from the command line over the file", () => {
    assert.equal(resolveSettings({}, { supplicantDriver: "wext" }).supplicantDriver, "wext");
    const both = resolveSettings({ supplicantDriver: "nl80211" }, { supplicantDriver: "wext" });
    assert.equal(both.supplicantDriver, "nl80211");
  });

  it("lets the file override defaults and the command line override the file", () => {
    const s = resolveSettings({ timeoutSec: 5, iface: "wlan1" }, {
      timeoutSec: 60,
      interface: "wlan0",
      outputDir: "/x",
    });
    assert.equal(s.timeoutSec, 5);
    assert.equal(s.iface, "wlan1");
    assert.equal(s.outputDir, "/x");
  });
});
