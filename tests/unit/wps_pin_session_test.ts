import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { runWpsSession, type WpsTiming } from "../../src/wps/session.ts";
import { pinStart } from "../../src/wps/pin_start.ts";
import { pinArmSchedule } from "../../src/wps/pin_walk.ts";
import { FixedPin } from "../../src/wps/pin.ts";
import { EnvironmentError, type WpaDriver } from "../../src/wpa/driver.ts";
import type { Reply, WpaEvent } from "../../src/wpa/replies.ts";
import type { WpsPlannedNetwork } from "../../src/plan/plan.ts";
import type { RunEvent } from "../../src/report/events.ts";
import { ev } from "../helpers/fake_driver.ts";

const GENERATED = "40319780";
const PRINTED = "12345670";
const data = (text: string): Reply => ({ kind: "data", text });
const SCAN_ONE_WPS = "bssid / frequency / signal level / flags / ssid\n" +
  "02:00:00:00:00:00\t2412\t-30\t[WPA2-PSK-CCMP][WPS][ESS]\tLabNet\n";
/** Credential{"LabNet", WPA2-PSK, AES, "correct horse battery staple"} from the lab's creds.log. */
const LABNET_HEX =
  "100e00451026000101104500064c61624e6574100300020020100f000200081027001c636f727265637420686f727365206261747465727920737461706c6510200006020000000200";

/**
 * A supplicant on a timeline: `wps_pin` answers with the generated PIN (or echoes a given one) and starts a
 * walk that ends with WPS-TIMEOUT after `walkMs` unless `silentWalks`; events can be scheduled at absolute
 * times; the clock jumps to the next event instead of sleeping.
 */
class TimelineDriver implements WpaDriver {
  readonly sent: string[] = [];
  readonly secretSent: string[] = [];
  readonly clock = { t: 0, now: () => this.clock.t };
  readonly armedAt: number[] = [];
  #timeline: Array<{ at: number; event: WpaEvent }> = [];

  constructor(
    private readonly opts: {
      walkMs?: number;
      silentWalks?: boolean;
      replies?: Record<string, Reply | Reply[]>;
      /** Events to fire `afterMs` after the first arm (the person typed the PIN into the router). */
      atFirstArm?: Array<{ afterMs: number; event: WpaEvent }>;
      /** Events released by a command (e.g. select_network → CTRL-EVENT-CONNECTED). */
      after?: Record<string, WpaEvent[]>;
    } = {},
  ) {}

  #at(at: number, event: WpaEvent) {
    this.#timeline.push({ at, event });
    this.#timeline.sort((a, b) => a.at - b.at);
  }

  #handle(args: readonly string[]): Reply {
    const cmd = args.join(" ");
    for (const e of this.opts.after?.[args[0]!] ?? []) this.#at(this.clock.t, e);
    const canned = this.opts.replies?.[cmd] ?? this.opts.replies?.[args[0]!];
    const reply = Array.isArray(canned) ? canned.shift() : canned;
    if (reply) return reply;
    if (args[0] === "wps_pin") {
      // wpas_clear_wps: a new arm cancels the old walk's timer.
      this.#timeline = this.#timeline.filter((x) => x.event.name !== "WPS-TIMEOUT");
      if (this.armedAt.length === 0) {
        for (const x of this.opts.atFirstArm ?? []) this.#at(this.clock.t + x.afterMs, x.event);
      }
      this.armedAt.push(this.clock.t);
      if (!this.opts.silentWalks) this.#at(this.clock.t + (this.opts.walkMs ?? 120_000), ev("WPS-TIMEOUT"));
      return data(args[2] ?? GENERATED);
    }
    if (args[0] === "scan_results") return data(SCAN_ONE_WPS);
    if (args[0] === "add_network") return data("5");
    if (args[0] === "get_network") {
      return data({ key_mgmt: "WPA-PSK", proto: "RSN", pairwise: "CCMP" }[args[2]!]!);
    }
    return { kind: "ok" };
  }

  request(args: readonly string[]): Promise<Reply> {
    this.sent.push(args.join(" "));
    return Promise.resolve(this.#handle(args));
  }

  requestSecret(args: readonly string[]): Promise<Reply> {
    this.secretSent.push(args.join(" "));
    this.sent.push(`${args[0]} [secret]`);
    return Promise.resolve(this.#handle(args));
  }

  nextEvent(timeoutMs: number): Promise<WpaEvent | null> {
    const next = this.#timeline[0];
    if (next && next.at <= this.clock.t + timeoutMs) {
      this.#timeline.shift();
      this.clock.t = Math.max(this.clock.t, next.at);
      return Promise.resolve(next.event);
    }
    this.clock.t += timeoutMs;
    return Promise.resolve(null);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

const timing = (timeoutMs: number): WpsTiming => ({ timeoutMs, connectGraceMs: 30_000, keepNetwork: true });
const success = [ev("WPS-CRED-RECEIVED", LABNET_HEX), ev("WPS-SUCCESS")];
const connected = ev("CTRL-EVENT-CONNECTED", "- Connection to 02:00:00:00:00:00 completed [id=5 id_str=]");

async function run(net: WpsPlannedNetwork, driver: TimelineDriver, timeoutMs: number, walkMs?: number) {
  const events: RunEvent[] = [];
  const start = pinStart(net, walkMs);
  const deps = {
    driver,
    clock: driver.clock,
    signal: new AbortController().signal,
    emit: (e: RunEvent) => events.push(e),
  };
  const outcome = await runWpsSession(net, timing(timeoutMs), deps, start);
  return { outcome, events, start, pins: driver.sent.filter((c) => c.startsWith("wps_pin")) };
}

const pinNet = (extra: Partial<WpsPlannedNetwork> = {}): WpsPlannedNetwork => ({
  id: "a",
  method: "wps-pin",
  ...extra,
});

describe("runWpsSession with a wps-pin start", () => {
  it("asks the supplicant for a PIN, shows it in wps-active and proves the credential", async () => {
    const driver = new TimelineDriver({
      atFirstArm: [{ afterMs: 40_000, event: success[0]! }, { afterMs: 40_001, event: success[1]! }],
      after: { select_network: [connected] },
    });
    const r = await run(pinNet(), driver, 300_000);
    assert.equal(r.outcome.kind, "success");
    assert.deepEqual(r.pins, ["wps_pin any"]);
    assert.equal(r.start.wpsPin, GENERATED);
    const active = r.events.find((e) => e.type === "wps-active");
    assert.deepEqual(active, { type: "wps-active", id: "a", timeoutSec: 300, wpsPin: GENERATED });
    assert.ok(!driver.sent.includes("scan"), "no scan of its own: there is no PBC overlap to check");
  });

  it("sends a printed PIN only through the secret channel and never shows it", async () => {
    const driver = new TimelineDriver({ silentWalks: true });
    const r = await run(pinNet({ pin: new FixedPin(PRINTED) }), driver, 10_000);
    assert.equal(r.outcome.kind, "timeout");
    assert.deepEqual(driver.secretSent, [`wps_pin any ${PRINTED}`]);
    assert.ok(!driver.sent.some((c) => c.includes(PRINTED)), driver.sent.join(", "));
    assert.equal(r.start.wpsPin, undefined);
    assert.ok(!JSON.stringify(r.events).includes(PRINTED));
    assert.ok(driver.sent.includes("wps_cancel"), "WPS is cancelled at the timeout");
  });

  it("re-arms with the same PIN each time the supplicant's walk ends, until the timeout", async () => {
    const driver = new TimelineDriver();
    const r = await run(pinNet(), driver, 300_000);
    assert.equal(r.outcome.kind, "timeout");
    assert.deepEqual(r.pins, ["wps_pin any", `wps_pin any ${GENERATED}`, `wps_pin any ${GENERATED}`]);
    assert.deepEqual(driver.armedAt, [0, 120_000, 240_000]);
    assert.equal(driver.clock.t >= 300_000, true);
    assert.equal(driver.sent.at(-1), "wps_cancel");
  });

  it("re-arms a printed PIN the same way, again only through the secret channel", async () => {
    const driver = new TimelineDriver({ walkMs: 1_200 });
    const r = await run(pinNet({ pin: new FixedPin(PRINTED), bssid: "02:00:00:00:00:00" }), driver, 5_000);
    assert.equal(r.outcome.kind, "timeout");
    assert.deepEqual(driver.secretSent, Array(5).fill(`wps_pin 02:00:00:00:00:00 ${PRINTED}`));
    assert.ok(!driver.sent.some((c) => c.includes(PRINTED)));
  });

  it("succeeds when the PIN is typed in after a re-arm (150 s into a 300 s timeout)", async () => {
    const driver = new TimelineDriver({
      atFirstArm: [{ afterMs: 150_000, event: success[0]! }, { afterMs: 150_001, event: success[1]! }],
      after: { select_network: [connected] },
    });
    const r = await run(pinNet(), driver, 300_000);
    assert.equal(r.outcome.kind, "success");
    assert.deepEqual(r.pins, ["wps_pin any", `wps_pin any ${GENERATED}`]);
  });

  it("re-arms on its own clock when no WPS-TIMEOUT comes, on the pure schedule", async () => {
    const driver = new TimelineDriver({ silentWalks: true });
    await run(pinNet(), driver, 300_000);
    assert.deepEqual(driver.armedAt, pinArmSchedule(300_000));
  });

  it("arms once when the timeout is no longer than the walk", async () => {
    const driver = new TimelineDriver();
    const r = await run(pinNet(), driver, 120_000);
    assert.equal(r.outcome.kind, "timeout");
    assert.deepEqual(r.pins, ["wps_pin any"]);
  });

  it("ends with wps-failed on a wrong PIN (WPS-FAIL config_error=18) and cancels WPS", async () => {
    const driver = new TimelineDriver({
      atFirstArm: [{ afterMs: 5_000, event: ev("WPS-FAIL", "msg=8 config_error=18") }],
    });
    const r = await run(pinNet(), driver, 300_000);
    assert.equal(r.outcome.kind, "wps-failed");
    assert.equal(r.outcome.kind === "wps-failed" ? r.outcome.configError : 0, 18);
    assert.equal(driver.sent.at(-1), "wps_cancel");
  });

  it("reports a refused wps_pin as wps-failed and a supplicant without WPS as an environment error", async () => {
    const refused = await run(
      pinNet(),
      new TimelineDriver({ replies: { wps_pin: { kind: "fail", text: "FAIL" } } }),
      60_000,
    );
    assert.equal(refused.outcome.kind, "wps-failed");
    assert.equal(refused.outcome.kind === "wps-failed" ? refused.outcome.reason : "", "wps-pin-refused");
    for (const reply of [data("OKAY"), { kind: "ok" } as const]) {
      const odd = await run(pinNet(), new TimelineDriver({ replies: { wps_pin: reply } }), 60_000);
      assert.equal(odd.outcome.kind === "wps-failed" ? odd.outcome.reason : "", "wps-pin-refused");
    }
    await assert.rejects(
      run(pinNet(), new TimelineDriver({ replies: { wps_pin: { kind: "unknown-command" } } }), 60_000),
      (e) => e instanceof EnvironmentError && e.reason === "wps-unsupported",
    );
  });

  it("cancels WPS when a signal arrives while the PIN is armed", async () => {
    const driver = new TimelineDriver();
    const abort = new AbortController();
    const emit = (e: RunEvent) => e.type === "wps-active" && abort.abort();
    const net = pinNet({ pin: new FixedPin(PRINTED) });
    const deps = { driver, clock: driver.clock, signal: abort.signal, emit };
    const outcome = await runWpsSession(net, timing(300_000), deps, pinStart(net));
    assert.equal(outcome.kind, "interrupted");
    assert.deepEqual(driver.sent.filter((c) => c.startsWith("wps_")), ["wps_pin [secret]", "wps_cancel"]);
  });

  it("names the BSSID in wps_pin when the plan names one", async () => {
    const driver = new TimelineDriver({ silentWalks: true });
    const r = await run(pinNet({ bssid: "02:00:00:00:00:00" }), driver, 1_000);
    assert.deepEqual(r.pins, ["wps_pin 02:00:00:00:00:00"]);
  });
});
