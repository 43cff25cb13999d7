// Splits the interactive wpa_cli's stdout into lines and sorts them into two queues: events (`<N>EVENT`)
// for the session, and everything else (command echoes and replies) for the inline command channel. The
// session can then wait for "the next event or the deadline" without polling and without losing a reply.

/** Two queues fed by one stream: events and the other lines. */
export class MonitorLines<E> {
  #events: E[] = [];
  #others: string[] = [];
  #waiters: Array<() => void> = [];
  #ended = false;

  /** `toEvent` maps a line to an event, or null for a reply or echo line. */
  constructor(stream: ReadableStream<Uint8Array>, private readonly toEvent: (line: string) => E | null) {
    void this.#pump(stream);
  }

  /** True once the stream has ended (the wpa_cli child exited or its pipe broke). */
  get ended(): boolean {
    return this.#ended;
  }

  /** The next event; null when `timeoutMs` passes first or the stream has ended (see `ended`). */
  async nextEvent(timeoutMs: number): Promise<E | null> {
    return await this.#take(this.#events, timeoutMs);
  }

  /** The next non-event line; null when `timeoutMs` passes first or the stream has ended. */
  async nextOther(timeoutMs: number): Promise<string | null> {
    return await this.#take(this.#others, timeoutMs);
  }

  /** Drops the non-event lines read so far (banner, stale replies) before a new command. */
  clearOthers(): void {
    this.#others = [];
  }

  async #take<T>(queue: T[], timeoutMs: number): Promise<T | null> {
    const end = Date.now() + timeoutMs;
    while (queue.length === 0) {
      const left = end - Date.now();
      if (this.#ended || left <= 0) return null;
      await this.#wait(left);
    }
    return queue.shift() ?? null;
  }

  #wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  #push(line: string): void {
    const event = this.toEvent(line);
    if (event === null) this.#others.push(line);
    else this.#events.push(event);
  }

  async #pump(stream: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let partial = "";
    try {
      for await (const chunk of stream) {
        const parts = (partial + decoder.decode(chunk, { stream: true })).split("\n");
        partial = parts.pop() ?? "";
        for (const line of parts) this.#push(line);
        if (parts.length > 0) this.#wake();
      }
    } catch {
      // A broken pipe ends the stream like EOF does.
    }
    if (partial !== "") this.#push(partial);
    this.#ended = true;
    this.#wake();
  }
}
