// Splits a child's stdout into lines and hands them out one at a time with a timeout, so the session can
// wait for "the next event or the deadline" without polling.

/** A queue of text lines read from a byte stream. */
export class LineQueue {
  #lines: string[] = [];
  #waiters: Array<() => void> = [];
  #ended = false;

  constructor(stream: ReadableStream<Uint8Array>) {
    void this.#pump(stream);
  }

  /** The next line, or null when `timeoutMs` passes first or the stream has ended. */
  async next(timeoutMs: number): Promise<string | null> {
    const end = Date.now() + timeoutMs;
    while (this.#lines.length === 0) {
      const left = end - Date.now();
      if (this.#ended || left <= 0) return null;
      await this.#wait(left);
    }
    return this.#lines.shift() ?? null;
  }

  /** Next line mapped to a value, skipping lines the mapper rejects (returns null). */
  async nextMapped<T>(map: (line: string) => T | null, timeoutMs: number): Promise<T | null> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const line = await this.next(Math.max(0, end - Date.now()));
      if (line === null) return null;
      const value = map(line);
      if (value !== null) return value;
    }
  }

  /** Consumes lines until one satisfies `match`; false on timeout or end of stream. */
  async waitFor(match: (line: string) => boolean, timeoutMs: number): Promise<boolean> {
    return (await this.nextMapped((line) => (match(line) ? true : null), timeoutMs)) ?? false;
  }

  #wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const waiter = () => {
        clearTimeout(timer);
        resolve();
      };
      function done() {
        resolve();
      }
      this.#waiters.push(waiter);
    });
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  async #pump(stream: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let partial = "";
    try {
      for await (const chunk of stream) {
        const text = partial + decoder.decode(chunk, { stream: true });
        const parts = text.split("\n");
        partial = parts.pop() ?? "";
        if (parts.length > 0) {
          this.#lines.push(...parts);
          this.#wake();
        }
      }
    } catch {
      // A broken pipe ends the stream like EOF does.
    }
    if (partial !== "") this.#lines.push(partial);
    this.#ended = true;
    this.#wake();
  }
}
