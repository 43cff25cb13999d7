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
}

/** Io as callers may give it: env defaults to the process environment, stderr is not a terminal. */
export type IoInput = Pick<Io, "stdout" | "stderr"> & Partial<Io>;

/** Fills in the defaults of IoInput. */
export function completeIo(io: IoInput): Io {
  // A complete Io is returned as given: a spread would read, and so evaluate, every getter it has.
  if ("stderrIsTty" in io && "env" in io) return io as Io;
  return { stderrIsTty: false, env: process.env, ...io };
}
