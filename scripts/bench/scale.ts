// Scale (issue 7, part 5): validate, dry-run and real writes of files with 10, 100 and 1,000 PSK networks,
// and scan-result parsing of 10, 100 and 1,000 BSS rows. The target is linear growth, checked as
// "the 1,000 figure ≤ 2 × 10 × the 100 figure". Runs in-process (the CLI's main() under Deno) so the
// figures are the work itself, not the ~20–40 ms of a process start that would hide any growth.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../main.ts";
import { parseScanResults } from "../../src/wpa/parse.ts";
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
    const mac = `02:00:00:${[i >> 16, (i >> 8) & 0xff, i & 0xff].map((b) => b.toString(16).padStart(2, "0")).join(":")}`;
    const flags = i % 10 === 0 ? "[WPA2-PSK-CCMP][WPS-PBC][ESS]" : "[WPA2-PSK+SAE-CCMP][WPS][ESS]";
    rows.push(`${mac}\t${2412 + (i % 13) * 5}\t${-30 - (i % 60)}\t${flags}\tNet \\"${i}\\" caf\\xc3\\xa9`);
  }
  return rows.join("\n") + "\n";
}

/** Median wall time of `fn` in ms over at least `minRuns` runs and about `minMs` of total time. */
async function timeAsync(
  fn: () => Promise<void>,
  options: { minRuns: number; minMs: number; before?: () => Promise<void> },
): Promise<{ ms: number; runs: number }> {
  const times: number[] = [];
  let total = 0;
  while (times.length < options.minRuns || (total < options.minMs && times.length < 200)) {
    await options.before?.();
    const started = performance.now();
    await fn();
    const ms = performance.now() - started;
    times.push(ms);
    total += ms;
  }
  return { ms: median(times), runs: times.length };
}

const quiet = { stdout: () => {}, stderr: () => {} };

async function cli(argv: string[]): Promise<void> {
  let stderr = "";
  const code = await main(argv, { stdout: () => {}, stderr: (t) => (stderr += t) });
  if (code !== 0) throw new Error(`wifiprov ${argv[0]} exited ${code}: ${stderr.slice(0, 300)}`);
}

function growthRow(name: string, figures: Map<number, { ms: number; runs: number }>, note?: string): Row {
  const at = (n: number) => figures.get(n)!;
  const growth = at(1000).ms / at(100).ms;
  return {
    section: SECTION,
    name,
    measured: `${SIZES.map((n) => `${n}: ${formatMs(at(n).ms)}`).join(" · ")}; 1,000/100 = ${growth.toFixed(1)}×`,
    n: SIZES.map((n) => at(n).runs).join(" / "),
    target: "1,000 ≤ 20 × the 100 figure",
    ...atMost(growth, GROWTH_LIMIT, (d) => `${d.toFixed(1)}×`),
    ...(note ? { note } : {}),
    data: { growth, ...Object.fromEntries(SIZES.map((n) => [String(n), at(n)])) },
  };
}

/** validate, dry-run and real-write rows. */
async function planRows(runs: number): Promise<Row[]> {
  const root = await mkdtemp(join(tmpdir(), "wifiprov-bench-scale-"));
  try {
    const files = new Map<number, string>();
    for (const n of SIZES) {
      files.set(n, join(root, `plan-${n}.yaml`));
      await writeFile(files.get(n)!, pskPlan(n));
    }
    // The first call loads the CLI's modules (dynamic imports); that cost belongs to neither size.
    await main(["validate", files.get(10)!], quiet);
    const validate = new Map<number, { ms: number; runs: number }>();
    const dryRun = new Map<number, { ms: number; runs: number }>();
    const write = new Map<number, { ms: number; runs: number }>();
    const empty = join(root, "empty");
    let outDir = "";
    let k = 0;
    for (const n of SIZES) {
      const file = files.get(n)!;
      const opts = { minRuns: runs, minMs: 500 };
      validate.set(n, await timeAsync(() => cli(["validate", file]), opts));
      dryRun.set(n, await timeAsync(() => cli(["provision", file, "--dry-run", "-o", empty, "-q"]), opts));
      write.set(
        n,
        await timeAsync(() => cli(["provision", file, "-o", outDir, "-q"]), {
          ...opts,
          // Every write goes to a fresh folder: a second run into the same one would find the files unchanged.
          before: async () => {
            if (outDir) await rm(outDir, { recursive: true, force: true });
            outDir = join(root, `out-${k++}`);
          },
        }),
      );
    }
    return [
      growthRow("`validate` of N PSK networks", validate),
      growthRow("`provision --dry-run` of N PSK networks", dryRun),
      growthRow(
        "`provision` (real writes) of N PSK networks",
        write,
        "Real writes: one 0600 temp file, fsync and rename per network, into a fresh folder each run; " +
          "validate/dry-run/write run in-process through main() under Deno (the CLI's code, not the Bun binary).",
      ),
    ];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** parseScanResults rows: per-call time from batches long enough for the timer. */
function parseRow(batches: number): Row {
  const figures = new Map<number, { ms: number; runs: number }>();
  for (const n of SIZES) {
    const text = scanResultsText(n);
    if (parseScanResults(text).length !== n) throw new Error(`parseScanResults did not return ${n} rows`);
    let perBatch = 1;
    for (;;) {
      const started = performance.now();
      for (let i = 0; i < perBatch; i++) parseScanResults(text);
      if (performance.now() - started >= 20) break;
      perBatch *= 2;
    }
    const times: number[] = [];
    for (let b = 0; b < batches; b++) {
      const started = performance.now();
      for (let i = 0; i < perBatch; i++) parseScanResults(text);
      times.push((performance.now() - started) / perBatch);
    }
    figures.set(n, { ms: median(times), runs: batches * perBatch });
  }
  return growthRow("`parseScanResults` of N BSS rows (per call)", figures);
}

/** All scale rows; a failure becomes an unavailable row instead of stopping the benchmark. */
export async function scaleRows(runs: number): Promise<Row[]> {
  const rows: Row[] = [];
  try {
    rows.push(...await planRows(runs));
  } catch (e) {
    rows.push(unavailableRow(SECTION, "validate / dry-run / write of N PSK networks", "linear", String(e), "failed"));
  }
  try {
    rows.push(parseRow(15));
  } catch (e) {
    rows.push(unavailableRow(SECTION, "`parseScanResults` of N BSS rows", "linear", String(e), "failed"));
  }
  return rows;
}
