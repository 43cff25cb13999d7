// `deno task bench`: measures the agent against its targets (issue 7) in one run on this machine, prints
// the table as markdown and keeps it, with the raw numbers, in bench-results/latest.{md,json}.
// A miss is a visible row, never a failing exit code: the benchmark is not part of the test suite.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { VERSION } from "../../src/version.ts";
import { BENCH_CACHE, type Binaries, ensureBinaries, REPO_ROOT } from "./artifacts.ts";
import { arm64Rows } from "./arm64.ts";
import { armv7lRows } from "./armv7l.ts";
import { coldStartRows } from "./cold_start.ts";
import { labRows, labRowsFrom } from "./lab.ts";
import { type LoadSample, watchLoad } from "./load.ts";
import { memoryRows } from "./memory.ts";
import { scaleRows } from "./scale.ts";
import { sizeRows } from "./size.ts";
import { renderMarkdown, type Row, summarize } from "./table.ts";

const PARTS = ["lab", "cold", "memory", "size", "scale", "armv7l", "arm64"] as const;
type Part = typeof PARTS[number];

const USAGE = `Usage: deno run -A scripts/bench/main.ts [options]

Options:
  --only <list>       parts to run, comma-separated: ${PARTS.join(", ")} (default: all)
  --runs <n>          cold-start runs per command (default 30)
  --rss-runs <n>      peak-RSS runs per side (default 5)
  --scale-runs <n>    rounds over 10/100/1,000 networks (default 7)
  --lab-runs <n>      lab runs per variant: agent, agent with BSSID, baseline script (default 5)
  --arm-runs <n>      armv7l (qemu-arm) and arm64 (qemu-aarch64) cold-start runs per command and peak-RSS runs per side (default 5)
  --lab-from <dir>    re-read the evidence of an earlier lab boot (.cache/bench/lab-runs/<id>) instead
                      of booting the guest
  --rebuild           run the dist script first even if dist/wifiprov-linux-x64 exists (it rebuilds when
                      the sources changed; it also removes other targets' stale binaries)
  -h, --help          show this help
`;

/** Facts about the machine and the build, stored with the results so numbers can be compared later. */
async function machineFacts(bin: Binaries): Promise<Record<string, unknown>> {
  const cpuinfo = await readFile("/proc/cpuinfo", "utf8").catch(() => "");
  const manifest = await readFile(join(REPO_ROOT, "dist/manifest.json"), "utf8").then(JSON.parse, () => null);
  return {
    nproc: cpus().length,
    cpuModel: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? null,
    deno: Deno.version.deno,
    bun: bin.bunVersion,
    wifiprov: VERSION,
    agentBinary: bin.agent,
    agentBuiltFromCurrentSources: bin.agentCurrent,
    distManifest: manifest,
  };
}

/** One line saying how busy the machine was during each part. */
function loadLine(load: Record<string, LoadSample & { seconds: number }>): string {
  const parts = Object.entries(load).map(([part, l]) =>
    `${part} ${l.seconds.toFixed(0)} s (load ≤ ${l.maxLoad1.toFixed(1)}${
      l.otherQemu > 0 ? `, ${l.otherQemu} other QEMU guest(s) running` : ""
    })`
  );
  return `Parts: ${parts.join("; ")}.`;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1`);
  return n;
}

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      only: { type: "string" },
      runs: { type: "string" },
      "rss-runs": { type: "string" },
      "scale-runs": { type: "string" },
      "lab-runs": { type: "string" },
      "arm-runs": { type: "string" },
      "lab-from": { type: "string" },
      rebuild: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const parts = (values.only?.split(",") ?? [...PARTS]) as Part[];
  const unknown = parts.find((p) => !PARTS.includes(p));
  if (unknown) throw new Error(`Unknown part "${unknown}"; known: ${PARTS.join(", ")}`);
  const started = new Date();
  const t0 = performance.now();
  const bin = await ensureBinaries(values.rebuild);
  const machine = await machineFacts(bin);
  const rows: Row[] = [];
  const load: Record<string, LoadSample & { seconds: number }> = {};
  const step = async (part: Part, run: () => Promise<Row[]>) => {
    if (!parts.includes(part)) return;
    const partStarted = performance.now();
    console.error(`bench: ${part} ...`);
    const stop = watchLoad(BENCH_CACHE);
    rows.push(...await run());
    const seconds = (performance.now() - partStarted) / 1000;
    load[part] = { ...await stop(), seconds };
    console.error(`bench: ${part} done in ${seconds.toFixed(1)} s`);
  };
  // The lab first: it is the longest part and the one most worth having if the run is cut short.
  const labFrom = values["lab-from"];
  await step(
    "lab",
    () =>
      labFrom
        ? labRowsFrom(labFrom)
        : labRows(bin.agent, bin.hello, positive(values["lab-runs"], 5, "lab-runs")),
  );
  await step(
    "cold",
    () => Promise.resolve(coldStartRows(bin.agent, bin.hello, positive(values.runs, 30, "runs"))),
  );
  await step("memory", () => memoryRows(bin.agent, bin.hello, positive(values["rss-runs"], 5, "rss-runs")));
  await step("size", () => sizeRows(bin.agent, bin.hello));
  await step("scale", () => scaleRows(positive(values["scale-runs"], 7, "scale-runs")));
  const armRuns = positive(values["arm-runs"], 5, "arm-runs");
  await step("armv7l", () => armv7lRows(armRuns, armRuns));
  await step("arm64", () => arm64Rows(armRuns, armRuns));
  const runtimeSeconds = (performance.now() - t0) / 1000;
  const markdown = renderMarkdown(rows);
  const header = `# wifiprov benchmark, ${started.toISOString()}\n\n` +
    `${machine.nproc} × ${machine.cpuModel}; Deno ${machine.deno}, Bun ${machine.bun}; ` +
    `total runtime ${runtimeSeconds.toFixed(0)} s\n\n${loadLine(load)}\n\n` +
    (bin.agentCurrent
      ? ""
      : "**dist/wifiprov-linux-x64 is stale** (built from other sources; use --rebuild).\n\n");
  console.log(header + markdown);
  console.log(summarize(rows));
  const outDir = join(REPO_ROOT, "bench-results");
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, "latest.md"), header + markdown);
  const json = { startedAt: started.toISOString(), runtimeSeconds, machine, parts, load, rows };
  await writeFile(join(outDir, "latest.json"), JSON.stringify(json, null, 2) + "\n");
  // A dated copy of each run, so that a later run can be compared with this one.
  const stamp = started.toISOString().replaceAll(":", "").replace(/\..*/, "");
  await writeFile(join(outDir, `${stamp}.json`), JSON.stringify(json, null, 2) + "\n");
  console.error(
    `bench: wrote bench-results/latest.md, latest.json and ${stamp}.json (${
      runtimeSeconds.toFixed(0)
    } s in all)`,
  );
  return 0;
}

if (import.meta.main) {
  try {
    process.exitCode = await main(Deno.args);
  } catch (e) {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    process.exitCode = 2;
  }
}
