// Command line of the virtual Wi-Fi lab: builds the image if needed and runs scenarios in one guest boot.
// Usage: deno run -A scripts/lab/lab.ts [--binary PATH] [--build-only] [SCENARIO...]   (default: all)
import { parseArgs } from "node:util";
import { ensureImage } from "./image.ts";
import { DEFAULT_BINARY, type LabRun, runLab, SCENARIOS } from "./run.ts";

/** One line per scenario with its guest exit code and duration, then the totals. */
export function timingTable(run: LabRun): string {
  const rows = run.console.scenarios.map((s) =>
    `  ${s.name.padEnd(16)} ${s.rc === 0 ? "ran" : `rc=${s.rc}`.padEnd(3)} ${
      s.seconds.toFixed(1).padStart(6)
    } s`
  );
  return [
    ...rows,
    `  image ready in ${run.buildSeconds.toFixed(1)} s; guest boot to power-off ${
      run.bootSeconds.toFixed(1)
    } s` +
    (run.console.readyUptime === undefined
      ? ""
      : ` (userland at ${run.console.readyUptime.toFixed(1)} s uptime)`),
    `  binary: ${run.binary} (sha256 ${run.binarySha256.slice(0, 16)}…)`,
    `  evidence: ${run.runDir}`,
  ].join("\n");
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { binary: { type: "string" }, "build-only": { type: "boolean" } },
  });
  if (values["build-only"] === true) {
    await ensureImage();
    return 0;
  }
  const unknown = positionals.filter((s) => !SCENARIOS.includes(s) && s !== "demo");
  if (unknown.length > 0) {
    console.error(`Unknown scenario "${unknown[0]}"; known: ${SCENARIOS.join(", ")}, demo`);
    return 2;
  }
  const binary = values.binary ?? Deno.env.get("WIFIPROV_BINARY") ?? DEFAULT_BINARY;
  const run = await runLab({ binary, scenarios: positionals.length > 0 ? positionals : SCENARIOS });
  console.log(timingTable(run));
  const complete = run.console.scenarios.length === (positionals.length || SCENARIOS.length);
  return complete && run.console.scenarios.every((s) => s.rc === 0) ? 0 : 1;
}

if (import.meta.main) {
  Deno.exitCode = await main(Deno.args);
}
