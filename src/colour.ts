// How output to stderr may be styled: the one rule for the live progress line, its colours and the QR code's
// colours. Pure.

/** What a stream may carry: a live line (`\r` and erase-line) and colour. */
export interface TerminalStyle {
  live: boolean;
  colour: boolean;
}

/**
 * A live line only on a terminal that is not TERM=dumb (which has no erase-line); colour only there and when
 * NO_COLOR is unset or empty (no-color.org: "present and not an empty string" turns colour off).
 */
export function terminalStyle(isTerminal: boolean, env: Record<string, string | undefined>): TerminalStyle {
  const live = isTerminal && env.TERM !== "dumb";
  return { live, colour: live && (env.NO_COLOR === undefined || env.NO_COLOR === "") };
}
