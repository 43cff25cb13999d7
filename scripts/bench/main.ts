// `deno task bench`: measures the agent against its targets (issue 7) in one run on this machine, prints
// the table as markdown and keeps it, with the raw numbers, in bench-results/latest.{md,json}.
// A miss is a visible row, never a failing exit code: the benchmark is not part of the test suite.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { $ } from "dax-sh";
import { VERSION } from "../../src/version.ts";
import { ensureBinaries, REPO_ROOT } from "./artifacts.ts";
import { coldStartRows } from "./cold_start.ts";
import { labRows } from "./lab.ts";
import { memoryRows } from "./memory.ts";
import { scaleRows } from "./scale.ts";
import { sizeRows } from "./size.ts";
import { renderMarkdown, type Row, summarize } from "./table.ts";

const PARTS = ["lab", "cold", "memory", "size", "scale"] as const;
type Part = typeof PARTS[number];

const USAGE = `Usage: deno run -A scripts/bench/main.ts [options]

Options:
  --only <list>       parts to run, comma-separated: ${PARTS.join(", ")} (default: all)
  --runs <n>          cold-start runs per command (default 30)
  --rss-runs <n>      peak-RSS runs per side (default 5)
  --scale-runs <n>    minimum runs per scale figure (default 5)
  --lab-runs <n>      lab runs per variant: agent, agent with BSSID, baseline script (default 5)
  --no-build          use dist/wifiprov-linux-x64 as it is instead of running the dist script first
  -h, --help          show this help
`;

/** Facts about the machine and the build, stored with the results so numbers can be compared later. */
async function machineFacts(bunVersion: string, agent: string): Promise<Record<string, unknown>> {
  const cpuinfo = await readFile("/proc/cpuinfo", "utf8").catch(() => "");
  const manifest = await readFile(join(REPO_ROOT, "dist/manifest.json"), "utf8").then(JSON.parse, () => null);
  const others = await $`ps -eo pid,args`.text().then(
    (t) => t.split("\n").filter((l) => /qemu-system|deno test|bun build/.test(l)).length,
    () => null,
  );
  return {
    nproc: cpus().length,
    cpuModel: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? null,
    loadavg: loadavg(),
    busyProcessesAtStart: others,
    deno: Deno.version.deno,
    bun: bunVersion,
    wifiprov: VERSION,
    agentBinary: agent,
    distManifest: manifest,
  };
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
      "no-build": { type: "boolean", default: false },
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
  const bin = await ensureBinaries(!values["no-build"]);
  const machine = await machineFacts(bin.bunVersion, bin.agent);
  const rows: Row[] = [];
  const step = async (part: Part, run: () => Promise<Row[]>) => {
    if (!parts.includes(part)) return;
    const partStarted = performance.now();
    console.error(`bench: ${part} ...`);
    rows.push(...await run());
    console.error(`bench: ${part} done in ${((performance.now() - partStarted) / 1000).toFixed(1)} s`);
  };
  // The lab first: it is the longest part and the one most worth having if the run is cut short.
  await step("lab", () => labRows(bin.agent, positive(values["lab-runs"], 5, "lab-runs")));
  await step("cold", () => Promise.resolve(coldStartRows(bin.agent, bin.hello, positive(values.runs, 30, "runs"))));
  await step("memory", () => memoryRows(bin.agent, bin.hello, positive(values["rss-runs"], 5, "rss-runs")));
  await step("size", () => sizeRows(bin.agent, bin.hello));
  await step("scale", () => scaleRows(positive(values["scale-runs"], 5, "scale-runs")));
  const runtimeSeconds = (performance.now() - t0) / 1000;
  const markdown = renderMarkdown(rows);
  const header = `# wifiprov benchmark, ${started.toISOString()}\n\n` +
    `${machine.nproc} × ${machine.cpuModel}; load ${(machine.loadavg as number[]).map((l) => l.toFixed(2)).join(" ")}; ` +
    `Deno ${machine.deno}, Bun ${machine.bun}; total runtime ${runtimeSeconds.toFixed(0)} s\n\n`;
  console.log(header + markdown);
  console.log(summarize(rows));
  const outDir = join(REPO_ROOT, "bench-results");
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, "latest.md"), header + markdown);
  const json = { startedAt: started.toISOString(), runtimeSeconds, machine, parts, rows };
  await writeFile(join(outDir, "latest.json"), JSON.stringify(json, null, 2) + "\n");
  console.error(`bench: wrote bench-results/latest.md and latest.json (${runtimeSeconds.toFixed(0)} s in all)`);
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
