// The `bss FIRST`/`bss NEXT-<id>` walk against replies a broken supplicant could give: a cursor that does
// not advance must end the walk at once, not after thousands of wpa_cli calls (each one a process spawn).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { FakeDriver } from "../helpers/fake_driver.ts";
import { readScanResults } from "../../src/wps/scan.ts";

const capped = "bssid / frequency / signal level / flags / ssid\n" + "x".repeat(4100);
const bss = (id: number, bssid: string) =>
  ({
    kind: "data",
    text: `id=${id}\nbssid=${bssid}\nfreq=2412\nlevel=-40\nflags=[WPA2-PSK-CCMP][ESS]\nssid=Net${id}`,
  }) as const;

describe("readScanResults over the reply cap", () => {
  it("stops when bss NEXT answers an entry it has already seen", async () => {
    const driver = new FakeDriver({
      scan_results: { kind: "data", text: capped },
      "bss FIRST": bss(0, "02:00:00:00:00:01"),
      "bss NEXT-0": bss(1, "02:00:00:00:00:02"),
      "bss NEXT-1": bss(0, "02:00:00:00:00:01"), // loops back to the start
    });
    const entries = await readScanResults(driver);
    const walked = driver.sent.filter((c) => c.startsWith("bss")).length;
    assert.ok(walked <= 4, `sent ${walked} bss commands for a two-entry table`);
    assert.deepEqual(entries.map((e) => e.bssid), ["02:00:00:00:00:01", "02:00:00:00:00:02"]);
  });

  it("stops when bss NEXT answers with its own id again", async () => {
    const driver = new FakeDriver({
      scan_results: { kind: "data", text: capped },
      "bss FIRST": bss(7, "02:00:00:00:00:07"),
      "bss NEXT-7": bss(7, "02:00:00:00:00:07"),
    });
    const entries = await readScanResults(driver);
    assert.ok(driver.sent.length <= 4, `sent ${driver.sent.length} commands`);
    assert.equal(entries.length, 1);
  });

  it("ends the walk on a FAIL or an empty reply", async () => {
    const driver = new FakeDriver({
      scan_results: { kind: "data", text: capped },
      "bss FIRST": bss(0, "02:00:00:00:00:01"),
      "bss NEXT-0": { kind: "data", text: "" },
    });
    assert.equal((await readScanResults(driver)).length, 1);
  });
});
