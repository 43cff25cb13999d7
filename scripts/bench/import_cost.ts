// `deno run -A scripts/bench/import_cost.ts [runs]`: what one import costs at start under emulation (TCG),
// where the lab guest and the small boards' emulated runs feel it most (README, "Where the memory and the
// start time go"). Each program is one line compiled with the release flags (scripts/dist/bun.ts) for x64
// and started under `qemu-x86_64-static` (user-mode TCG on this host), round-robin, `runs` times (default
// 7); prints the median wall time of each and its difference to the hello world, as a markdown table.
import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BENCH_CACHE, REPO_ROOT } from "./artifacts.ts";
import { compile, resolveBun } from "../dist/bun.ts";
import { median } from "./stats.ts";

/** Name → one-line program. Modules are imported whole (`import *`) so that Bun evaluates every export. */
const PROGRAMS: Array<[string, string]> = [
  ["hello world (`console.log`)", `console.log("hello world");`],
  ["reads `process.stderr.isTTY`", `console.log(process.stderr.isTTY === true);`],
  ['`import process from "node:process"`', `import p from "node:process"; console.log(typeof p.exit);`],
  ...[
    "node:events",
    "node:util",
    "node:path",
    "node:fs",
    "node:fs/promises",
    "node:child_process",
    "node:stream",
  ]
    .map((
      m,
    ): [string, string] => [`\`${m}\``, `import * as m from "${m}"; console.log(Object.keys(m).length);`]),
  ["`commander`", `import { Command } from "commander"; console.log(typeof Command);`],
  ["`yaml`", `import { parse } from "yaml"; console.log(typeof parse);`],
  ["`zod`", `import { z } from "zod"; console.log(typeof z.object);`],
  ["`dax-sh`", `import { $ } from "dax-sh"; console.log(typeof $);`],
];

async function main(runs: number): Promise<void> {
  const qemu = spawnSync("qemu-x86_64-static", ["--version"]);
  if (qemu.status !== 0) throw new Error("qemu-x86_64-static is missing (Debian: qemu-user-static)");
  const bun = resolveBun(REPO_ROOT);
  // Inside the repository, so that the programs resolve the project's pinned packages.
  const dir = join(REPO_ROOT, ".cache", "import-cost");
  await mkdir(dir, { recursive: true });
  await mkdir(BENCH_CACHE, { recursive: true });
  const binaries: string[] = [];
  for (const [i, [, code]] of PROGRAMS.entries()) {
    const source = join(dir, `p${i}.ts`);
    await writeFile(source, `${code}\n`);
    binaries.push(join(dir, `p${i}`));
    await compile(bun, source, "linux-x64", join(dir, `p${i}`));
  }
  const times: number[][] = PROGRAMS.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (const [i, binary] of binaries.entries()) {
      const started = performance.now();
      const run = spawnSync("qemu-x86_64-static", [binary], { stdio: "ignore" });
      if (run.status !== 0) throw new Error(`${PROGRAMS[i]![0]} exited ${run.status}`);
      times[i]!.push(performance.now() - started);
    }
  }
  const hello = median(times[0]!);
  console.log(`| program | start under qemu-x86_64 (median of ${runs}) | above hello |`);
  console.log("| --- | --- | --- |");
  for (const [i, [name]] of PROGRAMS.entries()) {
    const ms = median(times[i]!);
    const above = ms - hello;
    const diff = i === 0 ? "—" : `${above < 0 ? "−" : "+"}${Math.abs(above).toFixed(0)} ms`;
    console.log(`| ${name} | ${ms.toFixed(0)} ms | ${diff} |`);
  }
}

await main(Number(Deno.args[0] ?? 7));
