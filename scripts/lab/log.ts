// Progress lines for the lab on stderr, so stdout stays free for whatever a caller pipes.
// Each line carries the seconds since the process started, which is what the timing report needs.

const started = performance.now();

/** Seconds since this process started, with one decimal. */
export function elapsed(): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}

/** Prints one `[lab +12.3s] message` line on stderr. */
export function progress(message: string): void {
  console.error(`[lab +${elapsed()}s] ${message}`);
}
