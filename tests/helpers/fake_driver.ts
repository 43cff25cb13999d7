// A hand-written WpaDriver for session tests: canned replies, events released by commands, and a fake
// clock that jumps forward instead of sleeping when the session waits for an event that never comes.
import type { WpaDriver } from "../../src/wpa/driver.ts";
import type { Reply, WpaEvent } from "../../src/wpa/parse.ts";
import type { Clock } from "../../src/wps/clock.ts";

/** Fake driver plus the clock it advances. */
export class FakeDriver implements WpaDriver {
  readonly sent: string[] = [];
  readonly clock: Clock & { t: number } = {
    t: 0,
    now() {
      return this.t;
    },
  };
  #queue: WpaEvent[] = [];
  closed = false;

  constructor(
    private readonly replies: Record<string, Reply>,
    private readonly eventsAfter: Record<string, WpaEvent[]> = {},
  ) {}

  request(args: readonly string[]): Promise<Reply> {
    const cmd = args.join(" ");
    this.sent.push(cmd);
    this.#queue.push(...(this.eventsAfter[args[0]!] ?? []));
    return Promise.resolve(this.replies[cmd] ?? this.replies[args[0]!] ?? { kind: "ok" });
  }

  nextEvent(timeoutMs: number): Promise<WpaEvent | null> {
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
