// Reads the interactive-wpa_cli event lines of a recorded transcript section (tests/fixtures/transcripts),
// as [time, WpaEvent] pairs, for tests of the pure WPS state machine.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEventLine, type WpaEvent } from "../../src/wpa/replies.ts";

/** Events of one section of a transcript file, with their recorded times in milliseconds. */
export function transcriptEvents(
  file: string,
  section: string,
  from = 0,
  to = Infinity,
): Array<[number, WpaEvent]> {
  const text = readFileSync(resolve(import.meta.dirname!, "../fixtures/transcripts", file), "utf8");
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.includes(section));
  if (start < 0) throw new Error(`no section ${section} in ${file}`);
  const out: Array<[number, WpaEvent]> = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith("[+")) break;
    const m = /^\s+\[\+\s*([\d.]+)\]\s(.*)$/.exec(line);
    if (!m) continue;
    const t = Number(m[1]);
    const event = parseEventLine(m[2]!);
    if (event && t >= from && t <= to) out.push([Math.round(t * 1000), event]);
  }
  return out;
}
