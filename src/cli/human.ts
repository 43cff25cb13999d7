// Human progress on stderr: one plain line per event, or, on a terminal, a live countdown line while WPS
// waits for the button ("press the WPS button on the router: 97 s left"). Colour only on a TTY without NO_COLOR.
import type { EventSink, RunEvent } from "../report/events.ts";

/** Where and how human progress is written. */
export interface HumanOutput {
  write: (text: string) => void;
  isTty: boolean;
  color: boolean;
  now: () => number;
}

const GREEN = "\x1b[32m";
const RED = "\x1b[31m";
const YELLOW = "\x1b[33m";
const RESET = "\x1b[0m";
const CLEAR_LINE = "\r\x1b[2K";

// C0/C1 controls, DEL, line and paragraph separators, and bidi overrides: an SSID comes from the air.
// deno-lint-ignore no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** An SSID (or any text from the air) as a quoted string that cannot move the cursor or forge a line. */
export function shown(text: string): string {
  return JSON.stringify(text).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** What the person has to do while WPS waits: press the button, or type a PIN into the router. */
export function wpsRequest(e: Extract<RunEvent, { type: "wps-active" }>, method?: string): string {
  if (e.wpsPin !== undefined) return `enter the PIN ${e.wpsPin} on the router's WPS page`;
  return method === "wps-pin"
    ? "enter the device's printed PIN on the router's WPS page"
    : "press the WPS button on the router";
}

/**
 * What the person does while DPP listens. A key file's URI is the one `wifiprov dpp-uri` prints (and labels
 * show); without one the key, and so the URI, is made for this run only, and `dpp-uri` refuses such networks.
 */
export function dppRequest(e: Extract<RunEvent, { type: "dpp-listening" }>): string {
  return e.keyFile
    ? "scan this DPP URI with a configurator (the one wifiprov dpp-uri prints for the label)"
    : "scan this DPP URI with a configurator (valid for this run only: the network has no key file)";
}

/**
 * The one-line text for an event (no countdown), or null when the event is not worth a line. `method` is
 * the network's, from its `network-started` event.
 */
export function describeEvent(e: RunEvent, method?: string): string | null {
  switch (e.type) {
    case "network-started":
      if (e.method === "dpp") return `${e.id}: starting Wi-Fi Easy Connect (DPP) as enrollee`;
      return e.method !== "psk" ? `${e.id}: looking for access points offering WPS` : null;
    case "scan": {
      if (e.cached && e.accessPoints === 0) {
        return `${e.id}: no recent scan results; wpa_supplicant scans during WPS`;
      }
      const aps = `${e.accessPoints} access point${e.accessPoints === 1 ? "" : "s"}`;
      const where = e.cached ? "seen in the last scan" : "in range";
      return `${e.id}: ${aps} ${where}, ${e.wpsAccessPoints} offering WPS`;
    }
    case "wps-active":
      return `${e.id}: ${wpsRequest(e, method)} (${e.timeoutSec} s)`;
    case "dpp-listening":
      return `${e.id}: ${dppRequest(e)}, listening on ${e.freq} MHz (${e.timeoutSec} s): ${e.uri}`;
    case "credential-received":
      return `${e.id}: credential received for ${shown(e.ssid)}, waiting for the connection`;
    case "connected":
      return `${e.id}: connected to ${shown(e.ssid)}`;
    case "config-written":
      return e.status === "unchanged"
        ? `${e.id}: ${e.path} is already up to date`
        : `${e.id}: wrote ${e.path}`;
    case "network-finished":
      return `${e.id}: ${e.status}${e.reason && e.reason !== e.status ? ` (${e.reason})` : ""} in ${
        (e.durationMs / 1000).toFixed(1)
      } s`;
    case "warning":
      return `warning: ${e.message}`;
    case "message":
      return e.message;
  }
}

/** A sink that prints events for people; call `stop()` at the end to clear a live line. */
export function humanSink(out: HumanOutput): { sink: EventSink; stop: () => void } {
  let live: { timer: ReturnType<typeof setInterval>; text: () => string } | undefined;
  const stopLive = () => {
    if (!live) return;
    clearInterval(live.timer);
    live = undefined;
    out.write(CLEAR_LINE);
  };
  const paint = (e: RunEvent, text: string) => {
    if (!out.color || e.type !== "network-finished" && e.type !== "warning") return text;
    const ok = e.type === "network-finished" && (e.status === "provisioned" || e.status === "unchanged");
    return `${e.type === "warning" ? YELLOW : ok ? GREEN : RED}${text}${RESET}`;
  };
  const methods = new Map<string, string>();
  const sink: EventSink = (e) => {
    stopLive();
    if (e.type === "network-started") methods.set(e.id, e.method);
    if (e.type === "wps-active" && out.isTty) {
      const until = out.now() + e.timeoutSec * 1000;
      const request = wpsRequest(e, methods.get(e.id));
      const text = () =>
        `wifiprov: ${e.id}: ${request}: ${Math.max(0, Math.ceil((until - out.now()) / 1000))} s left`;
      live = { timer: setInterval(() => live && out.write(CLEAR_LINE + live.text()), 1000), text };
      out.write(text());
      return;
    }
    const text = describeEvent(e, e.id === null ? undefined : methods.get(e.id));
    if (text !== null) out.write(`wifiprov: ${paint(e, text)}\n`);
  };
  return { sink, stop: stopLive };
}
