// Time as a dependency: the session reads the clock through this port so tests never really sleep.

/** A source of the current time in milliseconds. */
export interface Clock {
  now(): number;
}

/** The real wall clock. */
export const systemClock: Clock = { now: () => Date.now() };
