// The benchmark's result table (pure): rows with measured value, target and verdict, rendered as markdown
// for people and kept as data for bench-results/latest.json.

/** `info` rows have no target; `unavailable` rows could not be measured and carry the reason instead. */
export type Verdict = "pass" | "miss" | "info" | "unavailable";

/** One line of the table. */
export interface Row {
  /** Which part of the issue the row belongs to ("1 lab", "2 cold start", ...). */
  section: string;
  name: string;
  /** The measured value as shown (a median unless the row says otherwise). */
  measured: string;
  /** How many measurements the median is over, e.g. "5" or "4 of 5" when some runs failed. */
  n: string;
  target: string;
  verdict: Verdict;
  /** "by how much" for pass/miss, the reason for unavailable, empty for info. */
  margin: string;
  note?: string;
  /** The raw numbers behind the row, for the JSON file. */
  data?: Record<string, unknown>;
}

/** Verdict and margin of a value that must stay at or below `limit`; `unit` formats the difference. */
export function atMost(
  value: number,
  limit: number,
  unit: (difference: number) => string,
): Pick<Row, "verdict" | "margin"> {
  const difference = Math.abs(limit - value);
  const percent = limit === 0
    ? ""
    : ` (${value <= limit ? "−" : "+"}${((difference / Math.abs(limit)) * 100).toFixed(0)}%)`;
  return value <= limit
    ? { verdict: "pass", margin: `${unit(difference)} under the limit${percent}` }
    : { verdict: "miss", margin: `${unit(difference)} over the limit${percent}` };
}

/** A row that could not be measured; never a number made up to fill the gap. */
export function unavailableRow(
  section: string,
  name: string,
  target: string,
  reason: string,
  what = "unavailable",
): Row {
  return {
    section,
    name,
    measured: "—",
    n: "0",
    target,
    verdict: "unavailable",
    margin: `${what}: ${reason}`,
  };
}

const VERDICT_TEXT: Record<Verdict, string> = {
  pass: "**pass**",
  miss: "**MISS**",
  info: "info",
  unavailable: "n/a",
};

// A `|` inside a cell would end it; newlines would end the row.
function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

/** The rows as one markdown table, with the notes as a numbered list under it. */
export function renderMarkdown(rows: readonly Row[]): string {
  const lines = [
    "| Section | Benchmark | Measured (median) | N | Target | Result | By how much |",
    "|---|---|---|---|---|---|---|",
  ];
  const notes: string[] = [];
  for (const row of rows) {
    let name = row.name;
    if (row.note) {
      notes.push(row.note);
      name += ` [${notes.length}]`;
    }
    const cells = [row.section, name, row.measured, row.n, row.target, VERDICT_TEXT[row.verdict], row.margin];
    lines.push(`| ${cells.map(cell).join(" | ")} |`);
  }
  if (notes.length > 0) lines.push("", ...notes.map((note, i) => `[${i + 1}] ${note}`));
  return lines.join("\n") + "\n";
}

/** One-line count of passes and misses, for the end of the console output. */
export function summarize(rows: readonly Row[]): string {
  const count = (verdict: Verdict) => rows.filter((row) => row.verdict === verdict).length;
  return `${count("pass")} pass, ${count("miss")} miss, ${count("unavailable")} unavailable, ${
    count("info")
  } info`;
}
