// `wifiprov provision`: wires the real dependencies (wpa_cli driver, clock, signals, progress and event
// sinks), runs the plan, prints the report, and does the after-run chores (--report-file, --assemble,
// --consume). Returns the exit code; main.ts exits.
import { lineAppender, parentIsDirectory } from "../adapters/events_file.ts";
import { runProvision } from "../run/app.ts";
import { systemClock } from "../wps/clock.ts";
import { wpaCliControl } from "../adapters/wpa_cli.ts";
import { probeManagers } from "../adapters/manager_probe.ts";
import { EXIT, exitCodeFor, type Report } from "../report/report.ts";
import { formatProblem } from "../plan/plan.ts";
import type { ProvisionOptions } from "./program.ts";
import type { CliSettings } from "../plan/settings.ts";
import { describeDryRun, dryRunExitCode } from "../report/dry_run.ts";
import type { WriteHooks } from "../adapters/atomic_file.ts";
import { type EventSink, fanOut, ndjsonLine } from "../report/events.ts";
import { humanSink } from "./human.ts";
import {
  type Io,
  printProblems,
  processSecrets,
  readProvisioningFile,
  UsageError,
} from "../adapters/process_io.ts";
import { writeJsonFile } from "../adapters/json_file.ts";
import { assembleFromText } from "./assemble_command.ts";
import { consumeFile } from "../adapters/consume.ts";

/**
 * Runs `provision` and returns the exit code. `writeHooks` is for a test entry only (a pause inside the
 * file write for a crash test); the shipped program never passes it.
 */
export async function provisionCommand(
  file: string,
  opts: ProvisionOptions,
  io: Io,
  writeHooks?: WriteHooks,
): Promise<number> {
  await checkOptions(opts);
  const text = await readProvisioningFile(file);
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  // SIGHUP too: a closed terminal or a stopped session must still cancel WPS and restore the supplicant.
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  for (const s of signals) process.on(s, onSignal);
  const sinks = openSinks(opts, io);
  try {
    const result = await runProvision({
      fileText: text,
      cli: cliSettings(opts),
      dryRun: opts.dryRun === true,
      force: opts.force === true,
      ...(opts.only ? { only: opts.only } : {}),
      ...(opts.skip ? { skip: opts.skip } : {}),
      assemble: opts.assemble === true,
    }, {
      secrets: processSecrets(io.env),
      control: (s, secretEnvNames) =>
        wpaCliControl({
          secretEnvNames,
          wpaCli: s.wpaCli,
          wpaSupplicant: s.wpaSupplicant,
          iface: s.iface ?? "",
          ctrlDir: s.ctrlDir,
          drivers: s.supplicantDriver,
        }),
      managers: (iface) => probeManagers(iface),
      clock: systemClock,
      signal: abort.signal,
      emit: sinks.emit,
      ...(writeHooks ? { writeHooks } : {}),
    });
    sinks.stopLive();
    if (result.kind === "invalid") {
      printProblems(result.problems, io, formatProblem);
      return EXIT.usage;
    }
    if (result.kind === "dry-run") {
      if (!opts.quiet) { for (const line of describeDryRun(result.plan)) io.stderr(`wifiprov: ${line}\n`); }
      io.stdout(JSON.stringify(result.plan, null, 2) + "\n");
      if (result.plan.error) io.stderr(`wifiprov: ${result.plan.error.message}\n`);
      return dryRunExitCode(result.plan);
    }
    return await finishRun(result.report, result.teardown, file, text, opts, io);
  } finally {
    sinks.stopLive();
    await sinks.close();
    for (const s of signals) process.off(s, onSignal);
  }
}

async function finishRun(
  report: Report,
  teardown: () => Promise<void>,
  file: string,
  text: string,
  opts: ProvisionOptions,
  io: Io,
): Promise<number> {
  try {
    io.stdout(JSON.stringify(report, null, 2) + "\n");
  } finally {
    // The report goes out first; giving the supplicant back (a few wpa_cli round trips) follows, even
    // when stdout is gone.
    await teardown();
  }
  if (report.error) io.stderr(`wifiprov: ${report.error.message}\n`);
  if (opts.reportFile) {
    const written = await writeJsonFile(opts.reportFile, report).then(() => true, (e) => {
      io.stderr(`wifiprov: cannot write the report to "${opts.reportFile}": ${(e as Error).message}\n`);
      return false;
    });
    // The fleet tool reads that file: without it the run is not done (and the plan is not consumed).
    if (!written && exitCodeFor(report) !== EXIT.interrupted) return EXIT.environment;
  }
  const code = exitCodeFor(report);
  if (code !== EXIT.ok) return code;
  if (opts.assemble) {
    const assembled = await assembleFromText(text, opts.interface, opts.outputDir, opts.force === true, io);
    if (assembled !== EXIT.ok) return assembled;
  }
  if (opts.consume && (opts.only || opts.skip)) {
    io.stderr(`wifiprov: not moving "${file}" aside: --only/--skip ran only part of it\n`);
  } else if (opts.consume) {
    // Only after every network succeeded: a failed first boot keeps the file and retries next boot.
    await consumeFile(file, text).then(
      (done) => opts.quiet || io.stderr(`wifiprov: moved "${file}" aside to "${done}" (secrets redacted)\n`),
      (e) => io.stderr(`wifiprov: cannot move "${file}" aside: ${(e as Error).message}\n`),
    );
  }
  return code;
}

/**
 * Option combinations and paths that can be refused before anything happens (exit 2).
 * @throws UsageError
 */
async function checkOptions(opts: ProvisionOptions): Promise<void> {
  if (opts.assemble && (opts.only || opts.skip)) {
    throw new UsageError("--assemble writes every network of the file; it cannot go with --only/--skip");
  }
  if (opts.eventsFile) {
    const { dir, ok } = await parentIsDirectory(opts.eventsFile);
    if (!ok) throw new UsageError(`--events-file: the folder "${dir}" does not exist`);
  }
}

function openSinks(opts: ProvisionOptions, io: Io) {
  const sinks: EventSink[] = [];
  let close = () => Promise.resolve();
  const ndjsonToStderr = opts.events === "ndjson" && !opts.eventsFile;
  const human = opts.quiet || ndjsonToStderr ? undefined : humanSink({
    write: io.stderr,
    isTty: io.stderrIsTty,
    color: io.stderrIsTty && io.env.NO_COLOR === undefined,
    now: () => Date.now(),
  });
  if (human) sinks.push(human.sink);
  if (human && io.stderrIsTty) sinks.push(dppQrSink(io));
  if (ndjsonToStderr) sinks.push((e) => io.stderr(ndjsonLine(e, Date.now())));
  if (opts.eventsFile) {
    const path = opts.eventsFile;
    // Opened at the first event, so a refused file (exit 2) creates nothing; its folder is checked up front.
    const file = lineAppender(
      path,
      (why) => io.stderr(`wifiprov: cannot write events to "${path}": ${why}\n`),
    );
    sinks.push((e) => file.write(ndjsonLine(e, Date.now())));
    close = () => file.close();
  }
  return { emit: fanOut(...sinks), stopLive: () => human?.stop(), close };
}

/** On a terminal, the QR code of a DPP network's URI below its progress line, for a phone to scan. */
function dppQrSink(io: Io): EventSink {
  return (e) => {
    if (e.type !== "dpp-listening") return;
    import("../dpp/qr.ts").then(async (qr) => io.stderr(await qr.qrTerminal(e.uri))).catch(() => undefined);
  };
}

function cliSettings(opts: ProvisionOptions): CliSettings {
  return {
    ...(opts.interface === undefined ? {} : { iface: opts.interface }),
    ...(opts.outputDir === undefined ? {} : { outputDir: opts.outputDir }),
    ...(opts.ctrlDir === undefined ? {} : { ctrlDir: opts.ctrlDir }),
    ...(opts.lockDir === undefined ? {} : { lockDir: opts.lockDir }),
    ...(opts.timeout === undefined ? {} : { timeoutSec: opts.timeout }),
    ...(opts.startSupplicant === false ? { startSupplicant: false } : {}),
    ...(opts.keepNetwork === false ? { keepNetwork: false } : {}),
    ...(opts.wpaCli === undefined ? {} : { wpaCli: opts.wpaCli }),
    ...(opts.wpaSupplicant === undefined ? {} : { wpaSupplicant: opts.wpaSupplicant }),
    ...(opts.supplicantDriver === undefined ? {} : { supplicantDriver: opts.supplicantDriver }),
    ...(opts.setCountry ? { setCountry: true } : {}),
    ...(opts.ignoreManager ? { ignoreManager: true } : {}),
  };
}
