// Run events: one per state change of a network, emitted by the run and rendered by sinks (human progress
// on stderr, NDJSON for machines). They never carry a passphrase, PSK or credential hex.
// Type-only: the event shapes are declared once, as zod schemas in report/schemas.ts.
import type { RunEvent, TimedEvent } from "./schemas.ts";

export type { RunEvent, TimedEvent };

/** Receives run events. */
export type EventSink = (event: RunEvent) => void;

/** Sends every event to each sink in turn. */
export function fanOut(...sinks: EventSink[]): EventSink {
  return (event) => {
    for (const sink of sinks) sink(event);
  };
}

/** The NDJSON line for one event. */
export function ndjsonLine(event: RunEvent, now: number): string {
  const timed: TimedEvent = { ts: new Date(now).toISOString(), ...event };
  return JSON.stringify(timed) + "\n";
}
