// A hand-written WpaDriver for session tests: canned replies, events released by commands, and a fake
// clock that jumps forward instead of sleeping when the session waits for an event that never comes.
import type { SupplicantControl, WpaDriver } from "../../src/wpa/driver.ts";
import type { Reply, WpaEvent } from "../../src/wpa/replies.ts";
import type { Clock } from "../../src/wps/clock.ts";

/** Fake driver plus the clock it advances. */
export class FakeDriver implements WpaDriver {
  /** Every command, one-shot and secret alike, in order (secret ones as `<command> [secret]`). */
  readonly sent: string[] = [];
  /** The commands that went through `requestSecret`, verbatim (the inline channel). */
  readonly secretSent: string[] = [];
  version?: string;
  readonly clock: Clock & { t: number } = {
    t: 0,
    now() {
      return this.t;
    },
  };
  #queue: WpaEvent[] = [];
  closed = false;

  constructor(
    /** Replies by whole command or by command name; a list answers successive calls in turn. */
    private readonly replies: Record<string, Reply | Reply[]>,
    private readonly eventsAfter: Record<string, WpaEvent[]> = {},
  ) {}

  /** Called with each command as it is sent (a test aborts the run's signal at a chosen step). */
  onSend?: (cmd: string) => void;

  request(args: readonly string[]): Promise<Reply> {
    const cmd = args.join(" ");
    this.sent.push(cmd);
    this.onSend?.(cmd);
    this.#queue.push(...(this.eventsAfter[cmd] ?? this.eventsAfter[args[0]!] ?? []));
    return Promise.resolve(this.#reply(cmd) ?? this.#reply(args[0]!) ?? { kind: "ok" });
  }

  #reply(key: string): Reply | undefined {
    const r = this.replies[key];
    return Array.isArray(r) ? r.shift() : r;
  }

  /** Makes the next `nextEvent` call fail as a dead monitor does. */
  failEventsWith?: Error;

  requestSecret(args: readonly string[]): Promise<Reply> {
    this.secretSent.push(args.join(" "));
    this.sent.push(`${args.slice(0, args[0] === "wps_pin" ? 2 : 3).join(" ")} [secret]`);
    this.onSend?.(args[0]!);
    this.#queue.push(...(this.eventsAfter[args[0]!] ?? []));
    return Promise.resolve(this.#reply(args[0]!) ?? { kind: "ok" });
  }

  nextEvent(timeoutMs: number): Promise<WpaEvent | null> {
    if (this.failEventsWith) return Promise.reject(this.failEventsWith);
    const e = this.#queue.shift();
    if (e) return Promise.resolve(e);
    this.clock.t += timeoutMs;
    return Promise.resolve(null);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

/** Shorthand for an event. */
export const ev = (name: string, args = ""): WpaEvent => ({ name, args, level: 3 });

const data = (text: string): Reply => ({ kind: "data", text });

/**
 * A system supplicant logging at INFO whose every set-up guard answers (run/supplicant_lease.ts): the log level
 * can be raised, the settings read, and `list_networks` shows one enabled and one disabled network.
 */
export const SYSTEM_GUARD_REPLIES: Readonly<Record<string, Reply>> = {
  log_level: data("Current level: INFO\nTimestamp: 0"),
  "log_level WARNING": { kind: "ok" },
  "get wps_cred_processing": data("0"),
  "get update_config": data("1"),
  list_networks: data(
    "network id / ssid / bssid / flags\n0\tHome\tany\t[CURRENT]\n1\tOffice\tany\t[DISABLED]",
  ),
};

/** A SupplicantControl for a supplicant that already runs: `open` hands out `driver`. */
export function runningControl(driver: FakeDriver): SupplicantControl {
  return {
    isRunning: () => Promise.resolve(true),
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    open: () => Promise.resolve(driver),
  };
}
