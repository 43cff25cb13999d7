// The output port every command writes through, and its defaults. Apart from io.ts (which reads files) so
// that main.ts can build it without loading node:fs: in a Bun binary a built-in module costs ~5 MiB.

/** Where a command's output goes; tests pass buffers. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (live progress line, colour); false when not given. */
  stderrIsTty: boolean;
  /** The environment (WIFIPROV_*, NO_COLOR, `{ env }` secrets). */
  env: Record<string, string | undefined>;
  /** The process's stop request (SIGINT/SIGTERM/SIGHUP) when caught before the command ran (main.ts). */
  signal?: AbortSignal;
  /** True once a write to stdout failed (disk full, I/O error): the report did not reach its reader. */
  stdoutLost?: () => boolean;
}

/** Io as callers may give it: env defaults to the process environment, stderr is not a terminal. */
export type IoInput = Pick<Io, "stdout" | "stderr"> & Partial<Io>;

/** Fills in the defaults of IoInput. */
export function completeIo(io: IoInput): Io {
  // A complete Io is returned as given: a spread would read, and so evaluate, every getter it has.
  if ("stderrIsTty" in io && "env" in io) return io as Io;
  return { stderrIsTty: false, env: process.env, ...io };
}

/**
 * A line of the `--events ndjson` stream that is not a run event: any other stderr line (an error, a
 * warning, a note) wrapped so that a reader of the stream sees only JSON. `message` drops the
 * `wifiprov: ` prefix.
 */
export interface MessageLine {
  ts: string;
  type: "message";
  id: null;
  message: string;
}

/**
 * The same Io with stderr as NDJSON only: lines that already are event lines (`{"ts":…`) pass unchanged,
 * every other line becomes a MessageLine. Used whenever `--events ndjson` goes to stderr.
 */
export function ndjsonStderr(io: Io, now: () => number = Date.now): Io {
  let pending = "";
  const stderr = (text: string) => {
    const lines = (pending + text).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (line.startsWith('{"ts":"')) io.stderr(`${line}\n`);
      else io.stderr(`${JSON.stringify(messageLine(line, now()))}\n`);
    }
  };
  return { stdout: io.stdout, stderr, stderrIsTty: false, env: io.env };
}

function messageLine(line: string, now: number): MessageLine {
  return {
    ts: new Date(now).toISOString(),
    type: "message",
    id: null,
    message: line.replace(/^wifiprov: /, ""),
  };
}

// C0, DEL and C1 (U+0080–U+009F: a terminal may read U+009B as CSI), and U+FFFD (shown as what it is: bytes
// that were not UTF-8).
// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f\uFFFD]/g;

/** One line for a terminal or a journal: control characters (C0, DEL, C1) in `text` (but a final newline) escaped. */
export function oneLine(text: string): string {
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  const escaped = body.replace(
    CONTROL,
    (c) => c === "\uFFFD" ? "\\uFFFD" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
  return text.endsWith("\n") ? `${escaped}\n` : escaped;
}
