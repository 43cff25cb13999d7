import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_SUPPLICANT_DRIVER, driverListProblem } from "../../src/plan/driver_list.ts";

describe("driverListProblem", () => {
  const good = ["nl80211", "wext", "nl80211,wext", "wext,nl80211", DEFAULT_SUPPLICANT_DRIVER];
  for (const value of good) {
    it(`accepts "${value}"`, () => assert.equal(driverListProblem(value), null));
  }

  const bad: ReadonlyArray<readonly [string, RegExp]> = [
    ["", /separated by commas/],
    ["nl80211,", /separated by commas/],
    [",wext", /separated by commas/],
    ["nl80211 wext", /unknown driver as name 1 /],
    ["NL80211", /unknown driver as name 1 /],
    ["wired", /unknown driver as name 1 \(known: nl80211, wext\)/],
    ["nl80211,nl80211", /twice/],
  ];
  for (const [value, problem] of bad) {
    it(`refuses "${value}"`, () => assert.match(driverListProblem(value) ?? "accepted", problem));
  }
});
