// The process's stdout and stderr as the program writes them: whole text straight to the file descriptor
// with node:fs writeSync, never through console.* or Node's stream layer. Bun's console.error paints every
// line red on a terminal and whenever FORCE_COLOR is set, which broke `--events ndjson` and TERM=dumb (hostile
// review of issue 13); the stream layer costs ~450 ms of a start under emulation (README, "Where the memory
// and the start time go"). node:fs is taken lazily (process.getBuiltinModule) so main.ts can hold this.

/** How a descriptor fared: still written, gone (reader went away, descriptor closed), or failed (errno text). */
export type FdState = { kind: "open" } | { kind: "gone" } | { kind: "failed"; code: string };

/** POSIX's (and Linux's) PIPE_BUF, in bytes: writes up to this size to a pipe are atomic. */
const PIPE_BUF = 4096;

/** How long a full non-blocking pipe (EAGAIN) is waited for before the text is given up, in ms. */
const AGAIN_LIMIT_MS = 5_000;

/** Writes to one descriptor; after a failure further writes are dropped and `state` says why. */
export class FdWriter {
  #state: FdState = { kind: "open" };

  constructor(private readonly fd: 1 | 2) {}

  get state(): FdState {
    return this.#state;
  }

  /** Writes all of `text`; never throws (a lost write is recorded in `state`). */
  write(text: string): void {
    if (this.#state.kind !== "open") return;
    const getModule = process.getBuiltinModule;
    if (typeof getModule !== "function") {
      // Node 20 (the armv7l single executable) has no getBuiltinModule: its streams, guarded.
      this.#legacyWrite(text);
      return;
    }
    const { writeSync } = getModule("node:fs") as typeof import("node:fs");
    const bytes = new TextEncoder().encode(text);
    let offset = 0;
    let waitedMs = 0;
    while (offset < bytes.length) {
      try {
        // At most PIPE_BUF bytes at a time: a pipe takes such a write whole or not at all (EAGAIN), so a
        // retry never repeats bytes (Deno's writeSync throws EAGAIN after writing part of a longer one).
        offset += writeSync(this.fd, bytes, offset, Math.min(PIPE_BUF, bytes.length - offset));
      } catch (e) {
        const code = (e as { code?: string }).code ?? "EIO";
        if (code === "EAGAIN" && waitedMs < AGAIN_LIMIT_MS) {
          // A non-blocking pipe that is full: give the reader a moment.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
          waitedMs += 5;
          continue;
        }
        // EPIPE: the reader went away; EBADF: the descriptor was closed (`>&-`). Both are the caller's
        // choice, and the run must go on to give the supplicant back. Anything else (ENOSPC, EIO) is kept.
        this.#state = code === "EPIPE" || code === "EBADF" ? { kind: "gone" } : { kind: "failed", code };
        return;
      }
    }
  }

  #legacyWrite(text: string): void {
    const stream = this.fd === 1 ? process.stdout : process.stderr;
    if (!guarded.has(stream)) {
      stream.on("error", () => {});
      guarded.add(stream);
    }
    stream.write(text);
  }
}

const guarded = new WeakSet<NodeJS.WriteStream>();
