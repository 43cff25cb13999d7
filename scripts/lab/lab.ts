// Command line of the virtual Wi-Fi lab: builds the image of a wpa_supplicant generation if needed and runs
// scenarios in one guest boot per generation.
// Usage: deno run -A scripts/lab/lab.ts [--version V|all]... [--binary PATH] [--build-only] [SCENARIO...]
// Without --version: the default generation. Without scenarios: the generation's list in versions.ts.
import { parseArgs } from "node:util";
import { ensureImage } from "./image.ts";
import { DEFAULT_BINARY, type LabRun, runLab } from "./run.ts";
import { ALL_SCENARIOS, DEFAULT_VERSION, findVersion, VERSIONS } from "./versions.ts";

/** One line per scenario with its guest exit code and duration, then the totals. */
export function timingTable(run: LabRun): string {
  const rows = run.console.scenarios.map((s) =>
    `  ${s.name.padEnd(16)} ${s.rc === 0 ? "ran" : `rc=${s.rc}`.padEnd(3)} ${
      s.seconds.toFixed(1).padStart(6)
    } s`
  );
  return [
    `wpa_supplicant ${run.version} (guest says: ${run.console.supplicant ?? "nothing"})`,
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

/** The generations a command line asks for: `--version all` means the whole matrix. */
export function chosenVersions(values: readonly string[]): string[] {
  if (values.length === 0) return [DEFAULT_VERSION];
  if (values.includes("all")) return VERSIONS.map((v) => v.version);
  return values.map((name) => findVersion(name).version);
}

/** What `deno task lab --help` prints. */
export function usage(): string {
  return `Usage: deno task lab [--version V|all]... [--binary PATH] [--build-only] [SCENARIO...]

Boots the virtual Wi-Fi lab (one QEMU guest per wpa_supplicant generation) and runs the scenarios.

Options:
  --version <v>   a generation (${
    VERSIONS.map((v) => v.version).join(", ")
  }) or all; may repeat (default ${DEFAULT_VERSION})
  --binary <path> the agent binary to copy into the guest (default dist/wifiprov-linux-x64, or $WIFIPROV_BINARY)
  --build-only    build the images and stop
  -h, --help      show this help

Scenarios: ${ALL_SCENARIOS.join(", ")}, demo (default: the generation's list in scripts/lab/versions.ts)
`;
}

async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        binary: { type: "string" },
        "build-only": { type: "boolean" },
        version: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    // A mistyped option is a one-line usage error, not a stack trace.
    console.error(`lab: ${(e as Error).message.split("\n")[0]} (see deno task lab --help)`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    console.log(usage());
    return 0;
  }
  let versions: string[];
  try {
    versions = chosenVersions(values.version ?? []);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  if (values["build-only"] === true) {
    for (const version of versions) await ensureImage(version);
    return 0;
  }
  const unknown = positionals.filter((s) => !ALL_SCENARIOS.includes(s) && s !== "demo");
  if (unknown.length > 0) {
    console.error(`Unknown scenario "${unknown[0]}"; known: ${ALL_SCENARIOS.join(", ")}, demo`);
    return 2;
  }
  const binary = values.binary ?? Deno.env.get("WIFIPROV_BINARY") ?? DEFAULT_BINARY;
  let ok = true;
  // One boot per generation, one after the other: the machine runs one QEMU at a time.
  for (const version of versions) {
    const scenarios = positionals.length > 0 ? positionals : findVersion(version).scenarios;
    const run = await runLab({ binary, version, scenarios });
    console.log(timingTable(run));
    const complete = run.console.scenarios.length === scenarios.length;
    ok &&= complete && run.console.scenarios.every((s) => s.rc === 0);
  }
  return ok ? 0 : 1;
}

if (import.meta.main) {
  Deno.exitCode = await main(Deno.args);
}
