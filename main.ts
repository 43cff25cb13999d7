// Composition root: argv → parsed request → the real dependencies → run → JSON on stdout, human text on
// stderr → exit code. The only module that exits the process.
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CommanderError } from "@commander-js/extra-typings";
import { buildProgram, type CliRequest, type ProvisionOptions, type ScanOptions } from "./src/cli.ts";
import { EXIT } from "./src/report.ts";
import type { SecretReader } from "./src/plan/load.ts";
import type { Problem } from "./src/plan/plan.ts";

/** Where the command's output goes; tests pass buffers. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let request: CliRequest | undefined;
  const program = buildProgram((r) => (request = r), { writeOut: io.stdout, writeErr: io.stderr });
  try {
    program.parse(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw e;
  }
  if (!request) return EXIT.usage;
  try {
    return await dispatch(request, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`wifiprov: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

class UsageError extends Error {}

async function dispatch(request: CliRequest, io: Io): Promise<number> {
  switch (request.command) {
    case "schema": {
      const { provisioningJsonSchema } = await import("./src/plan/schema.ts");
      io.stdout(JSON.stringify(provisioningJsonSchema(), null, 2) + "\n");
      return EXIT.ok;
    }
    case "validate":
      return await validate(request.file, io);
    case "provision":
      return await provision(request.file, request.opts, io);
    case "scan":
      return await scan(request.opts, io);
  }
}

async function readProvisioningFile(path: string): Promise<string> {
  const { MAX_FILE_BYTES } = await import("./src/plan/load.ts");
  try {
    const info = await fs.stat(path);
    if (!info.isFile()) throw new UsageError(`Cannot read provisioning file "${path}": not a regular file`);
    if (info.size > MAX_FILE_BYTES) {
      throw new UsageError(
        `Provisioning file "${path}" is ${info.size} bytes; the limit is ${MAX_FILE_BYTES}`,
      );
    }
    return await fs.readFile(path, "utf8");
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`Cannot read provisioning file "${path}": ${errnoText(e)}`);
  }
}

function printProblems(problems: Problem[], io: Io, formatProblem: (p: Problem) => string): void {
  for (const p of problems) io.stderr(`${formatProblem(p)}\n`);
}

async function validate(file: string, io: Io): Promise<number> {
  const text = await readProvisioningFile(file);
  const { loadPlan } = await import("./src/plan/load.ts");
  const { formatProblem } = await import("./src/plan/plan.ts");
  const result = await loadPlan(text, processSecrets);
  if (result.ok) return EXIT.ok;
  printProblems(result.problems, io, formatProblem);
  return EXIT.usage;
}

async function provision(file: string, opts: ProvisionOptions, io: Io): Promise<number> {
  const text = await readProvisioningFile(file);
  const [{ runProvision }, { wpaCliControl }, { exitCodeFor }, { formatProblem }] = await Promise.all([
    import("./src/app.ts"),
    import("./src/wpa/wpa_cli.ts"),
    import("./src/report.ts"),
    import("./src/plan/plan.ts"),
  ]);
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const progress = opts.quiet ? () => {} : (m: string) => io.stderr(`wifiprov: ${m}\n`);
  const result = await runProvision({
    fileText: text,
    cli: cliSettings(opts),
    dryRun: opts.dryRun === true,
    force: opts.force === true,
  }, {
    secrets: processSecrets,
    control: (s) =>
      wpaCliControl({
        wpaCli: s.wpaCli,
        wpaSupplicant: s.wpaSupplicant,
        iface: s.iface ?? "",
        ctrlDir: s.ctrlDir,
        drivers: "nl80211,wext",
        pidFile: join(tmpdir(), `wifiprov-wpa_supplicant-${s.iface}.pid`),
      }),
    clock: { now: () => Date.now() },
    signal: abort.signal,
    progress,
  });
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  if (result.kind === "invalid") {
    printProblems(result.problems, io, formatProblem);
    return EXIT.usage;
  }
  const doc = result.kind === "dry-run" ? result.plan : result.report;
  io.stdout(JSON.stringify(doc, null, 2) + "\n");
  if (result.kind === "dry-run") return EXIT.ok;
  if (result.report.error) io.stderr(`wifiprov: ${result.report.error.message}\n`);
  return exitCodeFor(result.report);
}

function cliSettings(opts: ProvisionOptions) {
  return {
    ...(opts.interface === undefined ? {} : { iface: opts.interface }),
    ...(opts.outputDir === undefined ? {} : { outputDir: opts.outputDir }),
    ...(opts.ctrlDir === undefined ? {} : { ctrlDir: opts.ctrlDir }),
    ...(opts.timeout === undefined ? {} : { timeoutSec: opts.timeout }),
    ...(opts.startSupplicant === false ? { startSupplicant: false } : {}),
    ...(opts.wpaCli === undefined ? {} : { wpaCli: opts.wpaCli }),
    ...(opts.wpaSupplicant === undefined ? {} : { wpaSupplicant: opts.wpaSupplicant }),
    ...testFaults(),
  };
}

/** Test-only fault injection, read from the environment so it never appears in --help. */
function testFaults(): { pauseBeforeRenameMs?: number } {
  const ms = Number(process.env.WIFIPROV_TEST_PAUSE_BEFORE_RENAME_MS ?? "");
  return Number.isInteger(ms) && ms > 0 ? { pauseBeforeRenameMs: ms } : {};
}

async function scan(opts: ScanOptions, io: Io): Promise<number> {
  const { wpaCliControl } = await import("./src/wpa/wpa_cli.ts");
  const { scanAccessPoints } = await import("./src/wps/scan.ts");
  const { describeAccessPoint } = await import("./src/scan_report.ts");
  const { EnvironmentError } = await import("./src/wpa/driver.ts");
  const control = wpaCliControl({
    wpaCli: opts.wpaCli,
    wpaSupplicant: "wpa_supplicant",
    iface: opts.interface,
    ctrlDir: opts.ctrlDir,
    drivers: "nl80211,wext",
    pidFile: "/dev/null",
  });
  try {
    if (!(await control.isRunning())) {
      io.stderr(
        `wifiprov: no wpa_supplicant is running on ${opts.interface} (control directory ${opts.ctrlDir})\n`,
      );
      return EXIT.environment;
    }
    const driver = await control.open();
    try {
      const aps = await scanAccessPoints(driver);
      io.stdout(
        JSON.stringify({ interface: opts.interface, accessPoints: aps.map(describeAccessPoint) }, null, 2) +
          "\n",
      );
      return EXIT.ok;
    } finally {
      await driver.close();
    }
  } catch (e) {
    if (!(e instanceof EnvironmentError)) throw e;
    io.stderr(`wifiprov: ${e.message}\n`);
    return EXIT.environment;
  }
}

const processSecrets: SecretReader = {
  env: (name) => process.env[name],
  async readFile(path) {
    try {
      const info = await fs.stat(path);
      if (!info.isFile()) return { ok: false, reason: "not a regular file" };
      return { ok: true, text: await fs.readFile(path, "utf8"), mode: info.mode };
    } catch (e) {
      return { ok: false, reason: errnoText(e) };
    }
  },
};

function errnoText(e: unknown): string {
  const code = typeof e === "object" && e !== null && "code" in e
    ? String((e as { code: unknown }).code)
    : "";
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  return e instanceof Error ? e.message : String(e);
}

if (import.meta.main) {
  const code = await main(process.argv.slice(2));
  // Exit explicitly: a monitor child or timer must not keep a finished run alive.
  process.exit(code);
}
