// Once the run's abort signal fired, nothing more is started or armed: the WPS and DPP sessions, the
// supplicant lease and the run itself, each with a signal aborted before it began and at each of its steps.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runWpsSession, type WpsTiming } from "../../src/wps/session.ts";
import { runDppSession } from "../../src/dpp/session.ts";
import { leaseSupplicant } from "../../src/run/supplicant_lease.ts";
import { type AppDeps, runProvision } from "../../src/run/app.ts";
import { resolveSettings } from "../../src/plan/settings.ts";
import { checkpoint, EnvironmentError, Interrupted } from "../../src/errors.ts";
import type { SupplicantControl } from "../../src/wpa/driver.ts";
import type { Reply } from "../../src/wpa/replies.ts";
import { EXIT, exitCodeFor } from "../../src/report/report.ts";
import { newDppKeyText, parseDppKey } from "../../src/dpp/key.ts";
import { channelForFreq, dppUri } from "../../src/dpp/uri.ts";
import { ev, FakeDriver } from "../helpers/fake_driver.ts";

const data = (text: string): Reply => ({ kind: "data", text });
const SCAN = data(
  "bssid / frequency / signal level / flags / ssid\n" +
    "02:00:00:00:00:00\t2412\t-30\t[WPA2-PSK-CCMP][WPS-PBC][ESS]\tLabNet\n",
);
const timing: WpsTiming = { timeoutMs: 5000, connectGraceMs: 30_000, keepNetwork: true };

function aborted(): AbortSignal {
  const c = new AbortController();
  c.abort();
  return c.signal;
}

/** Aborts `controller` when `driver` sends `at` (the reply to it still arrives). */
function abortAt(driver: FakeDriver, at: string, controller: AbortController): void {
  driver.onSend = (cmd) => {
    if (cmd === at) controller.abort();
  };
}

const sessionDeps = (driver: FakeDriver, signal: AbortSignal) => ({
  driver,
  clock: driver.clock,
  signal,
  emit: () => {},
});

describe("checkpoint()", () => {
  it("throws Interrupted once the signal fired, and nothing before", () => {
    const c = new AbortController();
    checkpoint(c.signal);
    c.abort();
    assert.throws(() => checkpoint(c.signal), Interrupted);
  });
});

describe("runWpsSession after a signal", () => {
  const wpsDriver = () => new FakeDriver({ scan_results: SCAN, scan: { kind: "ok" } });

  it("sends nothing when the signal fired before it began", async () => {
    const driver = wpsDriver();
    const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, sessionDeps(driver, aborted()));
    assert.equal(r.kind, "interrupted");
    assert.deepEqual(driver.sent, []);
  });

  for (const at of ["status", "scan_results"]) {
    it(`presses no button when the signal fires at ${at}`, async () => {
      const driver = wpsDriver();
      const c = new AbortController();
      abortAt(driver, at, c);
      const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, sessionDeps(driver, c.signal));
      assert.equal(r.kind, "interrupted");
      assert.equal(driver.sent.at(-1), at, driver.sent.join(", "));
      assert.ok(!driver.sent.includes("wps_pbc"));
    });
  }

  for (const at of ["status", "scan", "scan_results"]) {
    it(`with a named BSSID, presses no button when the signal fires at ${at}`, async () => {
      const driver = new FakeDriver({ scan_results: SCAN }, { scan: [ev("CTRL-EVENT-SCAN-RESULTS")] });
      const c = new AbortController();
      abortAt(driver, at, c);
      const net = { id: "a", method: "wps-pbc" as const, bssid: "02:00:00:00:00:00" };
      const r = await runWpsSession(net, timing, sessionDeps(driver, c.signal));
      assert.equal(r.kind, "interrupted");
      assert.ok(!driver.sent.some((cmd) => cmd.startsWith("wps_pbc")), driver.sent.join(", "));
    });
  }

  it("cancels WPS and adds no trial network when the signal fires as the credential arrives", async () => {
    const c = new AbortController();
    const driver = new AbortOnSuccess(c, { scan_results: SCAN }, {
      wps_pbc: [ev("WPS-CRED-RECEIVED", LABNET_HEX), ev("WPS-SUCCESS")],
    });
    const r = await runWpsSession({ id: "a", method: "wps-pbc" }, timing, sessionDeps(driver, c.signal));
    assert.equal(r.kind, "interrupted");
    assert.ok(driver.sent.includes("wps_cancel"), driver.sent.join(", "));
    assert.ok(!driver.sent.some((cmd) => cmd.startsWith("add_network")), driver.sent.join(", "));
  });
});

/** Credential{"LabNet", WPA2-PSK, AES, "correct horse battery staple"} (as in wps_session_test.ts). */
const LABNET_HEX =
  "100e00451026000101104500064c61624e6574100300020020100f000200081027001c636f727265637420686f727365206261747465727920737461706c6510200006020000000200";

/** A fake driver whose signal fires the moment it hands over WPS-SUCCESS (M8 is in: enrolled). */
class AbortOnSuccess extends FakeDriver {
  constructor(
    private readonly controller: AbortController,
    ...rest: ConstructorParameters<typeof FakeDriver>
  ) {
    super(...rest);
  }
  /** The abort runs before the session's own reaction to the event, so the wait still sees the event. */
  override nextEvent(timeoutMs: number) {
    const next = super.nextEvent(timeoutMs);
    void next.then((e) => {
      if (e?.name === "WPS-SUCCESS") this.controller.abort();
    });
    return next;
  }
}

describe("runDppSession after a signal", () => {
  const parsed = parseDppKey(newDppKeyText());
  if (!parsed.ok) throw new Error("key");
  const net = { id: "d", method: "dpp" as const, listenFreq: 2437, key: { path: "k", ...parsed.key } };
  const uri = dppUri({
    channel: channelForFreq(2437)!,
    mac: "020000000100",
    publicKeyDer: parsed.key.publicKeyDer,
    dppVersion: 2,
  });
  const dppDriver = () => {
    const d = new FakeDriver({
      status: data("wpa_state=DISCONNECTED\naddress=02:00:00:00:01:00\n"),
      "get dpp_config_processing": data("2"),
      dpp_bootstrap_gen: data("1"),
      "dpp_bootstrap_get_uri 1": data(uri),
    });
    d.version = "2.10";
    return d;
  };

  it("sends nothing when the signal fired before it began", async () => {
    const driver = dppDriver();
    const r = await runDppSession(net, timing, sessionDeps(driver, aborted()));
    assert.equal(r.kind, "interrupted");
    assert.deepEqual(driver.sent, []);
  });

  const steps = [
    ["status", false],
    ["get dpp_config_processing", false],
    ["set dpp_config_processing 0", false],
    ["dpp_bootstrap_gen", true],
    ["dpp_bootstrap_get_uri 1", true],
  ] as const;
  for (const [at, generated] of steps) {
    it(`never listens when the signal fires at ${at}, and gives back what it changed`, async () => {
      const driver = dppDriver();
      const c = new AbortController();
      abortAt(driver, at, c);
      const r = await runDppSession(net, timing, sessionDeps(driver, c.signal));
      assert.equal(r.kind, "interrupted");
      assert.ok(!driver.sent.some((cmd) => cmd.startsWith("dpp_listen")), driver.sent.join(", "));
      const gens = driver.sent.filter((cmd) => cmd.startsWith("dpp_bootstrap_gen"));
      assert.equal(gens.length, generated ? 1 : 0, driver.sent.join(", "));
      if (generated) assert.ok(driver.sent.includes("dpp_bootstrap_remove 1"), driver.sent.join(", "));
      if (driver.sent.includes("set dpp_config_processing 0")) {
        assert.equal(driver.sent.at(-1), "set dpp_config_processing 2", "the setting is given back last");
      }
    });
  }
});

/** A supplicant control that logs each call; `abortOn` aborts `controller` during that call. */
function fakeControl(running: boolean, log: string[], abortOn: string | null, controller: AbortController) {
  const driver = new FakeDriver({
    "get wps_cred_processing": data("0"),
    "get update_config": data("0"),
    list_networks: data("network id / ssid / bssid / flags\n"),
    log_level: data("Current level: WARNING\nTimestamp: 0"),
  });
  const step = (name: string) => {
    log.push(name);
    if (name === abortOn) controller.abort();
  };
  const control: SupplicantControl = {
    isRunning: () => Promise.resolve(step("isRunning") ?? running),
    start: () => Promise.resolve(step("start")),
    stop: () => Promise.resolve(step("stop")),
    open: () => Promise.resolve(step("open") ?? driver),
  };
  return { control, driver };
}

describe("leaseSupplicant after a signal", () => {
  const settings = resolveSettings({ iface: "wlan0", ctrlDir: "/tmp/wifiprov-test-ctrl" }, {});

  it("does not even look for a supplicant when the signal fired before", async () => {
    const log: string[] = [];
    const { control } = fakeControl(false, log, null, new AbortController());
    await assert.rejects(leaseSupplicant(control, settings, () => {}, aborted()), Interrupted);
    assert.deepEqual(log, []);
  });

  const cases: Array<[boolean, string, string[]]> = [
    [false, "isRunning", ["isRunning"]],
    [false, "start", ["isRunning", "start", "stop"]],
    [false, "open", ["isRunning", "start", "open", "stop"]],
    [true, "isRunning", ["isRunning"]],
    [true, "open", ["isRunning", "open"]],
  ];
  for (const [running, at, expected] of cases) {
    it(`${running ? "attaches to" : "starts"} nothing more when the signal fires at ${at}`, async () => {
      const log: string[] = [];
      const c = new AbortController();
      const { control, driver } = fakeControl(running, log, at, c);
      await assert.rejects(leaseSupplicant(control, settings, () => {}, c.signal), Interrupted);
      assert.deepEqual(log, expected);
      if (log.includes("open")) {
        assert.ok(driver.closed, "the monitor is closed again");
        assert.deepEqual(driver.sent, [], "no setting was read or changed");
      }
    });
  }

  it("gives back a system supplicant's settings when the signal fires while preparing it", async () => {
    const log: string[] = [];
    const c = new AbortController();
    const { control, driver } = fakeControl(true, log, null, c);
    abortAt(driver, "set wps_cred_processing 1", c);
    const country = { ...settings, setCountry: true, country: "DE" };
    await assert.rejects(leaseSupplicant(control, country, () => {}, c.signal), Interrupted);
    assert.ok(!driver.sent.includes("set country DE"), driver.sent.join(", "));
    assert.equal(driver.sent.at(-1), "set wps_cred_processing 0", "the old value is given back");
    assert.ok(driver.closed);
  });
});

describe("runProvision after a signal", () => {
  for (const method of ["wps-pbc", "psk"] as const) {
    it(`touches nothing and reports ${method} not-run when the signal fired before it began`, async () => {
      const out = join(await fs.mkdtemp(join(tmpdir(), "wifiprov-abort-")), "out");
      const lockDir = join(out, "..", "locks");
      const touched: string[] = [];
      const deps: AppDeps = {
        secrets: { env: () => undefined, readFile: () => Promise.resolve({ ok: false, reason: "unused" }) },
        control: () => {
          touched.push("control");
          return fakeControl(false, touched, null, new AbortController()).control;
        },
        clock: { now: () => 0 },
        signal: aborted(),
        emit: () => {},
      };
      const net = method === "psk"
        ? "{ id: home, method: psk, ssid: Home, passphrase: correct-horse-9 }"
        : "{ id: home, method: wps-pbc }";
      const fileText = `version: 1\ninterface: wlan0\nnetworks:\n  - ${net}\n`;
      const r = await runProvision(
        { fileText, cli: { outputDir: out, lockDir }, dryRun: false, force: true },
        deps,
      );
      assert.equal(r.kind, "report");
      if (r.kind !== "report") return;
      await r.teardown();
      assert.equal(r.report.interrupted, true);
      assert.deepEqual(r.report.networks.map((n) => n.status), ["not-run"]);
      assert.equal(exitCodeFor(r.report), EXIT.interrupted);
      assert.deepEqual(touched, []);
      await assert.rejects(fs.stat(out), "the output folder is not even created");
      await assert.rejects(fs.stat(lockDir), "no lock is taken");
    });
  }
});

describe("runProvision when a signal to the process group takes the monitor down during the set-up", () => {
  it("reports the network interrupted (exit 130), not the monitor's end", async () => {
    const out = join(await fs.mkdtemp(join(tmpdir(), "wifiprov-group-")), "out");
    const c = new AbortController();
    const { control, driver } = fakeControl(true, [], null, c);
    driver.onSend = (cmd) => {
      if (cmd !== "log_level") return;
      c.abort();
      throw new EnvironmentError("monitor-gone", "the wpa_cli event monitor for wlan0 exited");
    };
    const deps: AppDeps = {
      secrets: { env: () => undefined, readFile: () => Promise.resolve({ ok: false, reason: "unused" }) },
      control: () => control,
      clock: { now: () => 0 },
      signal: c.signal,
      emit: () => {},
    };
    const fileText = "version: 1\ninterface: wlan0\nnetworks:\n  - { id: home, method: wps-pbc }\n";
    const r = await runProvision(
      { fileText, cli: { outputDir: out, lockDir: join(out, "..", "locks") }, dryRun: false, force: true },
      deps,
    );
    assert.equal(r.kind, "report");
    if (r.kind !== "report") return;
    await r.teardown();
    assert.deepEqual(r.report.networks.map((n) => n.status), ["interrupted"]);
    assert.equal(r.report.error, undefined);
    assert.equal(exitCodeFor(r.report), EXIT.interrupted);
  });
});
