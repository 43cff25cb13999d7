// Every guard of a system supplicant is answered before WPS is armed (issue 13; hostile review): a log level
// that cannot be read or raised, a setting that cannot be read, a network list that cannot be read stop the
// run with exit 3 and give back what was already changed; a long network list is read on past the 4096-byte
// reply cap with LAST_ID= (hostap wpa_supplicant/ctrl_iface.c), so every enabled network is enabled again.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { leaseSupplicant } from "../../src/run/supplicant_lease.ts";
import { resolveSettings } from "../../src/plan/settings.ts";
import { EnvironmentError } from "../../src/errors.ts";
import type { SupplicantControl } from "../../src/wpa/driver.ts";
import type { Reply } from "../../src/wpa/replies.ts";
import { FakeDriver, runningControl, SYSTEM_GUARD_REPLIES } from "../helpers/fake_driver.ts";

const data = (text: string): Reply => ({ kind: "data", text });
const HEADER = "network id / ssid / bssid / flags";

function system(replies: Record<string, Reply | Reply[]>) {
  const driver = new FakeDriver({ ...SYSTEM_GUARD_REPLIES, ...replies });
  return { control: runningControl(driver), driver };
}

const settings = resolveSettings({ iface: "wlan0", ctrlDir: "/tmp/wifiprov-test-ctrl" }, {});
const lease = (control: SupplicantControl) =>
  leaseSupplicant(control, settings, () => {}, new AbortController().signal);
const refused = (pattern: RegExp) => (e: unknown) =>
  e instanceof EnvironmentError && e.reason === "supplicant-setting-refused" && pattern.test(e.message);

describe("the guards of a system supplicant", () => {
  it("go through when every one is answered, and the log level is raised only then", async () => {
    const { control, driver } = system({});
    const l = await lease(control);
    for (const cmd of ["log_level WARNING", "set wps_cred_processing 1", "set update_config 0"]) {
      assert.ok(driver.sent.includes(cmd), `${cmd} in ${driver.sent.join(", ")}`);
    }
    await l.release();
    assert.ok(driver.sent.includes("enable_network 0"), "the enabled network is enabled again");
    assert.ok(!driver.sent.includes("enable_network 1"), "the disabled one stays disabled");
  });

  it("stop when the log level cannot be raised: at INFO the keys would reach the log", async () => {
    const { control, driver } = system({ "log_level WARNING": { kind: "fail", text: "FAIL" } });
    await assert.rejects(lease(control), refused(/refused "log_level WARNING"; at level INFO/));
    assert.ok(!driver.sent.some((c) => c.startsWith("set ")), driver.sent.join(", "));
    assert.ok(driver.closed);
  });

  for (
    const [label, reply] of [
      ["a FAIL", { kind: "fail", text: "FAIL" }],
      ["an empty level (the next line is not a level)", data("Current level: \nTimestamp: 0")],
      ["hostap's ? for a level it cannot name", data("Current level: ?\nTimestamp: 0")],
    ] as const
  ) {
    it(`stop when the log level cannot be read, ${label} (it may be one that logs the keys)`, async () => {
      const { control } = system({ log_level: reply });
      await assert.rejects(lease(control), refused(/did not answer "log_level"/));
    });
  }

  for (const cmd of ["get update_config", "get wps_cred_processing", "list_networks"]) {
    it(`stop when "${cmd}" is not answered, and give the log level back`, async () => {
      const { control, driver } = system({ [cmd]: { kind: "fail", text: "FAIL" } });
      await assert.rejects(lease(control), refused(new RegExp(`did not answer "${cmd}"`)));
      assert.ok(!driver.sent.includes("set wps_cred_processing 1"), driver.sent.join(", "));
      assert.equal(driver.sent.at(-1), "log_level INFO", "the raised level is given back");
    });
  }

  it("read a network list longer than the reply cap on with LAST_ID=, and enable every network again", async () => {
    const row = (id: number) => `${id}\tNetwork with a long name number ${id}\tany\t[CURRENT]`;
    const page = (from: number, to: number) =>
      data([HEADER, ...Array.from({ length: to - from + 1 }, (_, i) => row(from + i))].join("\n"));
    const first = page(0, 79);
    assert.ok((first as { text: string }).text.length > 3800, "the first page nears the 4096-byte cap");
    const { control, driver } = system({
      list_networks: first,
      "list_networks LAST_ID=79": page(80, 99),
    });
    const l = await lease(control);
    await l.release();
    const enabled = driver.sent.filter((c) => c.startsWith("enable_network ")).map((c) =>
      Number(c.split(" ")[1])
    );
    assert.deepEqual(enabled, Array.from({ length: 100 }, (_, i) => i));
  });
});
