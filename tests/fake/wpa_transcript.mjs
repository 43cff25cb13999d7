// The recorded transcript behind a replay scenario: its events (by section and time window, scheduled to be
// replayed at the scenario's speed) and its `scan_results` reply.
import * as fs from "node:fs";
import * as path from "node:path";
import { fixtureDir, scenario, schedule, speed } from "./wpa_state.mjs";

/** Real milliseconds for transcript seconds at the scenario's speed. */
export const transcriptMs = (seconds) => (seconds * 1000) / speed;

function readTranscript(name) {
  return fs.readFileSync(path.join(fixtureDir, "..", "transcripts", name), "utf8").split("\n");
}

/** Recorded events of the scenario's section: [{ t, text }] with text like "<3>WPS-SUCCESS". */
function recordedEvents() {
  const lines = readTranscript(scenario.transcript);
  const start = lines.findIndex((l) => l.includes(scenario.section));
  const events = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\[\+/.test(line)) break; // the next section
    const m = /^\s+\[\+\s*([\d.]+)\]\s(.*)$/.exec(line);
    if (!m) continue;
    const text = m[2].replace(/^(> )+/, "");
    if (text.startsWith("<")) events.push({ t: Number(m[1]), text });
  }
  return events;
}

/** The indented reply block after the first `$ wpa_cli ... scan_results` line of the transcript. */
export function scanResults() {
  const lines = readTranscript(scenario.scanResultsFrom ?? scenario.transcript);
  const start = lines.findIndex((l) => /\$ wpa_cli .* scan_results$/.test(l));
  const out = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith("    ")) break;
    out.push(line.slice(4));
  }
  return out.join("\n") + "\n";
}

/** Schedules the recorded events of a window ([from, to] in transcript seconds). */
export function replayWindow(state, window) {
  if (!window) return;
  const [from, to] = window;
  for (const e of recordedEvents().filter((e) => e.t >= from && e.t <= to)) {
    schedule(state, transcriptMs(e.t - from), { kind: "replay", text: e.text });
  }
}
