import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { runWpsSession, type WpsTiming } from "../../src/wps/session.ts";
import { EnvironmentError } from "../../src/errors.ts";
import type { Reply } from "../../src/wpa/replies.ts";
import { ev, FakeDriver } from "../helpers/fake_driver.ts";

const data = (text: string): Reply => ({ kind: "data", text });
const SCAN_HEADER = "bssid / frequency / signal level / flags / ssid\n";
const SCAN_TWO_PBC = data(
  SCAN_HEADER + "02:00:00:00:00:00\t2412\t-30\t[WPA2-PSK-CCMP][WPS-PBC][ESS]\tLabNet\n" +
    "02:00:00:00:01:00\t2437\t-30\t[WPA2-PSK-CCMP][WPS-PBC][ESS]\tOtherNet\n",
);
const SCAN_ONE_WPS = data(SCAN_HEADER + "02:00:00:00:00:00\t2412\t-30\t[WPA2-PSK-CCMP][WPS][ESS]\tLabNet\n");
const timing: WpsTiming = { timeoutMs: 5000, connectGraceMs: 30_000, keepNetwork: true };
const connectedTo = (id: number) =>
  ev("CTRL-EVENT-CONNECTED", `- Connection to 02:00:00:00:00:00 completed [id=${id} id_str=]`);

function deps(driver: FakeDriver, signal = new AbortController().signal) {
  return { driver, clock: driver.clock, signal, emit: () => {} };
}

/** A BSS reply with a WPS IE carrying the given UUID-E (16 bytes of `byte`). */
function bss(bssid: string, uuidByte: string): Reply {
  const wpsIe = "dd180050f204" + "10470010" + uuidByte.repeat(16);
  return data(
    `id=1\nbssid=${bssid}\nfreq=2412\nlevel=-30\nie=00064c61624e6574${wpsIe}\nflags=[WPA2-PSK-CCMP][WPS-PBC][ESS]\nssid=LabNet\n`,
  );
}

/** The replies and events of a successful exchange handing over `creds`; trial ids start at 5. */
function enrolment(creds: string[], connectId: number, extra: Record<string, Reply | Reply[]> = {}) {
  return new FakeDriver({
    scan_results: SCAN_ONE_WPS,
    add_network: [data("5"), data("6")],
    "get_network 5 key_mgmt": data("WPA-PSK"),
    "get_network 5 proto": data("RSN"),
    "get_network 5 pairwise": data("CCMP"),
    "get_network 6 key_mgmt": data("WPA-PSK"),
    "get_network 6 proto": data("RSN"),
    "get_network 6 pairwise": data("CCMP"),
    ...extra,
  }, {
    wps_pbc: [...creds.map((c) => ev("WPS-CRED-RECEIVED", c)), ev("WPS-SUCCESS")],
    select_network: [connectedTo(connectId)],
  });
}

describe("runWpsSession", () => {
  it("cancels WPS when the start's reply was lost with the monitor (its command may have run)", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_ONE_WPS });
    const gone = new EnvironmentError("monitor-gone", "the wpa_cli event monitor for wlan0 exited");
    driver.onSend = (cmd) => {
      if (cmd.startsWith("wps_pbc")) throw gone;
    };
    await assert.rejects(
      runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver)),
      (e) => e === gone,
    );
    assert.equal(driver.sent.at(-1), "wps_cancel", driver.sent.join(", "));
  });

  it("refuses to start when a BSSID is named and another router is in push-button mode", async () => {
    const driver = new FakeDriver({
      scan_results: SCAN_TWO_PBC,
      "bss 02:00:00:00:00:00": bss("02:00:00:00:00:00", "aa"),
      "bss 02:00:00:00:01:00": bss("02:00:00:00:01:00", "bb"),
    }, { scan: [ev("CTRL-EVENT-SCAN-RESULTS")] });
    const net = { id: "a", method: "wps-pbc" as const, bssid: "02:00:00:00:00:00" };
    const r = await runWpsSession(net, timing, deps(driver));
    assert.equal(r.kind, "overlap");
    assert.ok(!driver.sent.some((c) => c.startsWith("wps_pbc")));
  });

  it("does not count a second BSS of the same router (same UUID-E) as an overlap (field case 10)", async () => {
    const driver = new FakeDriver({
      scan_results: SCAN_TWO_PBC,
      "bss 02:00:00:00:00:00": bss("02:00:00:00:00:00", "5a"),
      "bss 02:00:00:00:01:00": bss("02:00:00:00:01:00", "5a"),
    }, { scan: [ev("CTRL-EVENT-SCAN-RESULTS")], wps_pbc: [ev("WPS-TIMEOUT")] });
    const net = { id: "a", method: "wps-pbc" as const, bssid: "02:00:00:00:00:00" };
    await runWpsSession(net, timing, deps(driver));
    assert.ok(driver.sent.includes("wps_pbc 02:00:00:00:00:00"), driver.sent.join(", "));
  });

  it("leaves overlap detection to the supplicant when no BSSID is named", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_TWO_PBC }, {
      wps_pbc: [ev("WPS-PBC-ACTIVE"), ev("WPS-OVERLAP-DETECTED", "PBC session overlap")],
    });
    const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver));
    assert.equal(r.kind, "overlap");
    assert.deepEqual(driver.sent.filter((c) => c.startsWith("wps")), ["wps_pbc", "wps_cancel"]);
  });

  it("reads the supplicant's last scan results instead of scanning when no BSSID is named", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_ONE_WPS }, { wps_pbc: [ev("WPS-TIMEOUT")] });
    await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver));
    assert.ok(!driver.sent.includes("scan"), driver.sent.join(", "));
    assert.ok(driver.sent.includes("scan_results"));
  });

  it("proves the credential as a trial network; the passphrase goes only through the secret channel", async () => {
    const driver = enrolment([LABNET_HEX], 5);
    const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver));
    assert.equal(r.kind, "success");
    if (r.kind !== "success") return;
    assert.equal(r.networkId, 5);
    assert.deepEqual(r.readBack, { keyMgmt: "WPA-PSK", proto: "RSN", pairwise: "CCMP" });
    assert.deepEqual(driver.secretSent, ['set_network 5 psk "correct horse battery staple"']);
    assert.ok(!driver.sent.some((c) => c.includes("correct horse") && !c.endsWith("[secret]")));
    assert.ok(driver.sent.includes("set_network 5 ssid 4c61624e6574"));
    assert.ok(driver.sent.includes("select_network 5"));
    assert.ok(!driver.sent.includes("remove_network 5"), "the network that connected is kept");
  });

  it("removes the connected trial network too when asked to keep no trace", async () => {
    const driver = enrolment([LABNET_HEX], 5);
    await runWpsSession({ id: "a", method: "wps-pbc" }, { ...timing, keepNetwork: false }, deps(driver));
    assert.ok(driver.sent.includes("remove_network 5"));
  });

  it("without an expected SSID keeps the band that connected and removes the other (field case 03)", async () => {
    const driver = enrolment([HOMENET_5G_HEX, HOMENET_HEX], 6);
    const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver));
    assert.equal(r.kind, "success");
    if (r.kind !== "success") return;
    assert.equal(new TextDecoder().decode(r.network.ssid), "HomeNet");
    assert.equal(r.offeredSsids.length, 2);
    assert.ok(driver.sent.includes("remove_network 5"));
    assert.ok(!driver.sent.includes("remove_network 6"));
  });

  it("ignores a connection to a network that is not one of its trial networks", async () => {
    const driver = enrolment([LABNET_HEX], 0);
    const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver));
    assert.equal(r.kind, "connect-failed");
    assert.ok(driver.sent.includes("remove_network 5"));
  });

  it("removes every trial network when none connects", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_ONE_WPS, add_network: [data("5"), data("6")] }, {
      wps_pbc: [
        ev("WPS-CRED-RECEIVED", HOMENET_5G_HEX),
        ev("WPS-CRED-RECEIVED", HOMENET_HEX),
        ev("WPS-SUCCESS"),
      ],
    });
    const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver));
    assert.equal(r.kind, "connect-failed");
    assert.ok(driver.sent.includes("remove_network 5") && driver.sent.includes("remove_network 6"));
  });

  it("sends a non-ASCII passphrase as the derived PSK (wpa_cli's line reader is not 8-bit clean)", async () => {
    const driver = enrolment([UTF8_HEX], 5);
    await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver));
    assert.match(driver.secretSent[0] ?? "", /^set_network 5 psk [0-9a-f]{64}$/);
  });

  it("stops at once with an environment error when the radio is disabled (field case 11a)", async () => {
    const driver = new FakeDriver({
      status: data("wpa_state=INTERFACE_DISABLED\naddress=02:00:00:00:02:00"),
    });
    await assert.rejects(runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver)), (e) => {
      assert.ok(e instanceof EnvironmentError);
      assert.equal(e.reason, "radio-disabled");
      return true;
    });
    assert.ok(!driver.sent.some((c) => c.startsWith("wps_pbc")));
  });

  it("cancels WPS and rethrows when the event monitor dies during the walk", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_ONE_WPS });
    driver.failEventsWith = new EnvironmentError("monitor-gone", "the monitor exited");
    await assert.rejects(
      runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver)),
      EnvironmentError,
    );
    assert.ok(driver.sent.includes("wps_cancel"));
  });

  it("turns a supplicant that went away into an environment error", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_ONE_WPS }, {
      wps_pbc: [ev("CTRL-EVENT-TERMINATING")],
    });
    await assert.rejects(runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver)), (e) => {
      assert.ok(e instanceof EnvironmentError && e.reason === "supplicant-gone");
      return true;
    });
  });

  it("passes a named BSSID to wps_pbc", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_ONE_WPS }, {
      scan: [ev("CTRL-EVENT-SCAN-RESULTS")],
      wps_pbc: [ev("WPS-TIMEOUT")],
    });
    await runWpsSession({ id: "a", method: "wps-pbc", bssid: "02:00:00:00:00:00" }, timing, deps(driver));
    assert.ok(driver.sent.includes("wps_pbc 02:00:00:00:00:00"));
  });

  it("times out at the deadline, cancels WPS and removes the WPS network", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_ONE_WPS }, {
      wps_pbc: [ev("CTRL-EVENT-NETWORK-ADDED", "3"), ev("WPS-PBC-ACTIVE")],
    });
    const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver));
    assert.deepEqual(r, { kind: "timeout" });
    assert.ok(driver.clock.t >= 5000);
    assert.deepEqual(driver.sent.slice(-2), ["wps_cancel", "remove_network 3"]);
  });

  it("says no-wps-ap when nothing offering WPS was ever seen", async () => {
    const driver = new FakeDriver({ scan_results: data(SCAN_HEADER) });
    assert.deepEqual(await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver)), {
      kind: "no-wps-ap",
    });
  });

  it("stops waiting on abort and still cancels WPS", async () => {
    const abort = new AbortController();
    const driver = new FakeDriver({ scan_results: SCAN_ONE_WPS });
    // The signal fires once the button is pressed (an earlier one presses nothing: abort_checkpoints_test.ts).
    driver.onSend = (cmd) => cmd === "wps_pbc" && abort.abort();
    const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver, abort.signal));
    assert.deepEqual(r, { kind: "interrupted" });
    assert.ok(driver.sent.includes("wps_cancel"));
  });

  it("reports a refused wps_pbc as wps-failed", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_ONE_WPS, wps_pbc: { kind: "fail", text: "FAIL" } });
    const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver));
    assert.equal(r.kind === "wps-failed" && r.reason, "wps-pbc-refused");
  });

  it("throws an environment error when the supplicant has no WPS support", async () => {
    const driver = new FakeDriver({ scan_results: SCAN_ONE_WPS, wps_pbc: { kind: "unknown-command" } });
    await assert.rejects(
      runWpsSession({ id: "a", method: "wps-pbc" }, timing, deps(driver)),
      EnvironmentError,
    );
  });
});

/** Credential{LabNet, WPA2-PSK, AES, "correct horse battery staple"} as recorded in the lab. */
const LABNET_HEX =
  "100e00451026000101104500064c61624e6574100300020020100f000200081027001c636f727265637420686f727365206261747465727920737461706c6510200006020000000200";
/** Credential{index 1, "HomeNet-5G", WPA2-PSK, AES, "two band router pass"} (field case 01). */
const HOMENET_5G_HEX =
  "100e004110260001011045000a486f6d654e65742d3547100300020020100f000200081027001474776f2062616e6420726f75746572207061737310200006020000000200";
/** Credential{index 1, "HomeNet", WPA2-PSK, AES, "two band router pass"} (field case 01). */
const HOMENET_HEX =
  "100e003e102600010110450007486f6d654e6574100300020020100f000200081027001474776f2062616e6420726f75746572207061737310200006020000000200";
/** Credential{LabNet, WPA2-PSK, AES, "pässwörd öö"} (UTF-8 passphrase). */
const UTF8_HEX = "100e002e" + "1026000101" + "104500064c61624e6574" + "100300020020" + "100f00020008" +
  "1027000f" + "70c3a4737377c3b6726420c3b6c3b6";
