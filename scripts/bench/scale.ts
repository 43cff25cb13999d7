// Scale (issue 7, part 5): validate, dry-run and real writes of files with 10, 100 and 1,000 PSK networks,
// and scan-result parsing of 10, 100 and 1,000 BSS rows. The target is linear growth, checked as
// "the 1,000 figure ≤ 2 × 10 × the 100 figure". Runs in-process (the CLI's main() under Deno) so the
// figures are the work itself, not the ~20–40 ms of a process start that would hide any growth.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../main.ts";
import { parseScanResults } from "../../src/wpa/replies.ts";
import { formatMs, median } from "./stats.ts";
import { atMost, type Row, unavailableRow } from "./table.ts";

const SECTION = "5 scale";
const SIZES = [10, 100, 1000] as const;
/** 2 × the 10-fold size step: up to twice the linear prediction is allowed. */
const GROWTH_LIMIT = 20;

/** A provisioning file with `count` PSK networks whose passphrases need no PBKDF2 (they can be quoted). */
export function pskPlan(count: number): string {
  const lines = ["version: 1", "country: DE", "networks:"];
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(4, "0");
    lines.push(`  - id: net-${n}`, "    method: psk", `    ssid: "Site ${n}"`);
    lines.push(`    passphrase: "passphrase ${n}"`, `    priority: ${i % 100}`);
  }
  return lines.join("\n") + "\n";
}

/** scan_results text with `count` rows, every tenth AP in push-button mode. */
export function scanResultsText(count: number): string {
  const rows = ["bssid / frequency / signal level / flags / ssid"];
  for (let i = 0; i < count; i++) {
    const mac = `02:00:00:${
      [i >> 16, (i >> 8) & 0xff, i & 0xff].map((b) => b.toString(16).padStart(2, "0")).join(":")
    }`;
    const flags = i % 10 === 0 ? "[WPA2-PSK-CCMP][WPS-PBC][ESS]" : "[WPA2-PSK+SAE-CCMP][WPS][ESS]";
    rows.push(`${mac}\t${2412 + (i % 13) * 5}\t${-30 - (i % 60)}\t${flags}\tNet \\"${i}\\" caf\\xc3\\xa9`);
  }
  return rows.join("\n") + "\n";
}

/** Measurements per size in one round: small sizes are cheap, so they get more to tame timer noise. */
function perRound(size: number): number {
  return Math.max(1, Math.min(10, Math.round(1000 / size)));
}

async function timeOnce(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const quiet = { stdout: () => {}, stderr: () => {} };

async function cli(argv: string[]): Promise<void> {
  let stderr = "";
  const code = await main(argv, { stdout: () => {}, stderr: (t) => (stderr += t) });
  if (code !== 0) throw new Error(`wifiprov ${argv[0]} exited ${code}: ${stderr.slice(0, 300)}`);
}

function growthRow(name: string, figures: Figures, note?: string): Row {
  const at = (n: number) => figures.get(n)!;
  const growth = at(1000).ms / at(100).ms;
  return {
    section: SECTION,
    name,
    measured: `${SIZES.map((n) => `${n}: ${formatMs(at(n).ms)}`).join(" · ")}; 1,000/100 = ${
      growth.toFixed(1)
    }×`,
    n: SIZES.map((n) => at(n).runs).join(" / "),
    target: "1,000 ≤ 20 × the 100 figure",
    ...atMost(growth, GROWTH_LIMIT, (d) => `${d.toFixed(1)}×`),
    ...(note ? { note } : {}),
    data: { growth, ...Object.fromEntries(SIZES.map((n) => [String(n), at(n)])) },
  };
}

type Figures = Map<number, { ms: number; runs: number }>;

function summarizeTimes(times: Map<number, number[]>): Figures {
  return new Map([...times].map(([n, list]) => [n, { ms: median(list), runs: list.length }]));
}

/** validate, dry-run and real-write rows; rounds go through every size in turn so noise hits all alike. */
async function planRows(rounds: number): Promise<Row[]> {
  const root = await mkdtemp(join(tmpdir(), "wifiprov-bench-scale-"));
  try {
    const files = new Map<number, string>();
    for (const n of SIZES) {
      files.set(n, join(root, `plan-${n}.yaml`));
      await writeFile(files.get(n)!, pskPlan(n));
    }
    // The first call loads the CLI's modules (dynamic imports); that cost belongs to no size.
    await main(["validate", files.get(10)!], quiet);
    const empty = join(root, "empty");
    const ops = {
      validate: (file: string) => cli(["validate", file]),
      dryRun: (file: string) => cli(["provision", file, "--dry-run", "-o", empty, "-q"]),
      // Every write goes to a fresh folder: a second run into the same one would find the files unchanged.
      write: (file: string, out: string) => cli(["provision", file, "-o", out, "-q"]),
    };
    const times = { validate: new Map<number, number[]>(), dryRun: new Map(), write: new Map() };
    for (const map of Object.values(times)) for (const n of SIZES) map.set(n, []);
    let k = 0;
    for (let round = 0; round < rounds; round++) {
      for (const n of SIZES) {
        const file = files.get(n)!;
        for (let i = 0; i < perRound(n); i++) {
          times.validate.get(n)!.push(await timeOnce(() => ops.validate(file)));
          times.dryRun.get(n)!.push(await timeOnce(() => ops.dryRun(file)));
          const out = join(root, `out-${k++}`);
          times.write.get(n)!.push(await timeOnce(() => ops.write(file, out)));
          await rm(out, { recursive: true, force: true });
        }
      }
    }
    return [
      growthRow("`validate` of N PSK networks", summarizeTimes(times.validate)),
      growthRow("`provision --dry-run` of N PSK networks", summarizeTimes(times.dryRun)),
      growthRow(
        "`provision` (real writes) of N PSK networks",
        summarizeTimes(times.write),
        "Scale rows run in-process through the CLI's main() under Deno (the agent's code without the ~50 ms " +
          "process start that would hide growth), rounds cycling 10/100/1,000. Real writes: a 0600 temp file, " +
          "fsync, rename and a directory fsync per network, into a fresh folder each run.",
      ),
    ];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Calls per batch so that one batch of parsing `text` takes at least ~20 ms (timer resolution). */
function batchSize(text: string): number {
  for (let perBatch = 1;; perBatch *= 2) {
    const started = performance.now();
    for (let i = 0; i < perBatch; i++) parseScanResults(text);
    if (performance.now() - started >= 20) return perBatch;
  }
}

/** parseScanResults: per-call time from batches, the sizes taking turns. */
function parseRow(batches: number): Row {
  const texts = new Map(SIZES.map((n) => [n, scanResultsText(n)]));
  for (const [n, text] of texts) {
    if (parseScanResults(text).length !== n) throw new Error(`parseScanResults did not return ${n} rows`);
  }
  const sizes = new Map([...texts].map(([n, text]) => [n, batchSize(text)]));
  const times = new Map<number, number[]>(SIZES.map((n) => [n, []]));
  for (let b = 0; b < batches; b++) {
    for (const [n, text] of texts) {
      const perBatch = sizes.get(n)!;
      const started = performance.now();
      for (let i = 0; i < perBatch; i++) parseScanResults(text);
      times.get(n)!.push((performance.now() - started) / perBatch);
    }
  }
  const figures: Figures = new Map(
    SIZES.map((n) => [n, { ms: median(times.get(n)!), runs: batches * sizes.get(n)! }]),
  );
  return growthRow("`parseScanResults` of N BSS rows (per call)", figures);
}

/** All scale rows; a failure becomes an unavailable row instead of stopping the benchmark. */
export async function scaleRows(runs: number): Promise<Row[]> {
  const rows: Row[] = [];
  try {
    rows.push(...await planRows(runs));
  } catch (e) {
    rows.push(
      unavailableRow(SECTION, "validate / dry-run / write of N PSK networks", "linear", String(e), "failed"),
    );
  }
  try {
    rows.push(parseRow(15));
  } catch (e) {
    rows.push(unavailableRow(SECTION, "`parseScanResults` of N BSS rows", "linear", String(e), "failed"));
  }
  return rows;
}
