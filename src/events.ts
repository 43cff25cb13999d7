// Run events: one per state change of a network, emitted by the run and rendered by sinks (human progress
// on stderr, NDJSON for machines). They never carry a passphrase, PSK or credential hex.
import type { NetworkStatus } from "./report.ts";

/** A state change of one network (or a run-wide warning). */
export type RunEvent =
  | { type: "network-started"; id: string; method: "wps-pbc" | "psk" | "dpp" }
  /** `cached`: from the supplicant's last scan (no scan of our own; `wps_pbc` scans by itself). */
  | { type: "scan"; id: string; accessPoints: number; wpsAccessPoints: number; cached: boolean }
  | { type: "wps-active"; id: string; timeoutSec: number; bssid?: string }
  /** A DPP enrollee listens; `uri` is the public bootstrapping URI to scan (as a QR code). */
  | { type: "dpp-listening"; id: string; uri: string; freq: number; timeoutSec: number }
  | { type: "credential-received"; id: string; ssid: string }
  | { type: "connected"; id: string; ssid: string; bssid?: string }
  | { type: "config-written"; id: string; path: string; status: "provisioned" | "unchanged" }
  | { type: "network-finished"; id: string; status: NetworkStatus; durationMs: number; reason?: string }
  | { type: "warning"; id: null; message: string };

/** Receives run events. */
export type EventSink = (event: RunEvent) => void;

/** Sends every event to each sink in turn. */
export function fanOut(...sinks: EventSink[]): EventSink {
  return (event) => {
    for (const sink of sinks) sink(event);
  };
}

/** An event as written to the NDJSON stream: the event plus its time. */
export type TimedEvent = RunEvent & { ts: string };

/** The NDJSON line for one event. */
export function ndjsonLine(event: RunEvent, now: number): string {
  const timed: TimedEvent = { ts: new Date(now).toISOString(), ...event };
  return JSON.stringify(timed) + "\n";
}
