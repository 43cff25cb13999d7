// `wifiprov provision`: wires the real dependencies (wpa_cli driver, clock, signals, progress and event
// sinks), runs the plan, prints the report, and does the after-run chores (--report-file, --assemble,
// --consume). Returns the exit code; main.ts exits.
import { isDirectory, lineAppender, parentIsDirectory } from "../adapters/events_file.ts";
import { type TerminalStyle, terminalStyle } from "../colour.ts";
import { runProvision } from "../run/app.ts";
import { systemClock } from "../wps/clock.ts";
import { wpaCliControl } from "../adapters/wpa_cli.ts";
import { probeManagers } from "../adapters/manager_probe.ts";
import { EXIT, exitCodeFor, type Report, withAssembled } from "../report/report.ts";
import { errnoText } from "../errors.ts";
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
import { consumeFile, isSymlink } from "../adapters/consume.ts";

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
  await checkOptions(file, opts);
  const text = await readProvisioningFile(file);
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  // SIGHUP too: a closed terminal or a stopped session must still cancel WPS and restore the supplicant.
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  for (const s of signals) process.on(s, onSignal);
  // One that came while the program was still loading (main.ts caught it) stops the run before it begins.
  if (io.signal?.aborted) onSignal();
  io.signal?.addEventListener("abort", onSignal);
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
      planFile: file,
      ...(opts.reportFile === undefined ? {} : { reportFile: opts.reportFile }),
      ...(opts.eventsFile === undefined ? {} : { eventsFile: opts.eventsFile }),
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
    return await finishRun(result.report, result.teardown, file, text, opts, io, sinks.flush);
  } finally {
    sinks.stopLive();
    await sinks.close();
    for (const s of signals) process.off(s, onSignal);
    io.signal?.removeEventListener("abort", onSignal);
  }
}

async function finishRun(
  ran: Report,
  teardown: () => Promise<void>,
  file: string,
  text: string,
  opts: ProvisionOptions,
  io: Io,
  eventsWritten: () => Promise<boolean>,
): Promise<number> {
  let report = ran;
  let assembleCode: number = EXIT.ok;
  if (opts.assemble) {
    // The assembled file is written under the folder's lock, which the run holds until its teardown; the
    // report waits for it, so that it says what became of that file.
    await teardown();
    const skip = exitCodeFor(ran) !== EXIT.ok;
    const out = await assembleFromText(text, opts.interface, opts.outputDir, opts.force === true, io, skip);
    if (out.entry) report = withAssembled(ran, out.entry);
    assembleCode = out.code;
    io.stdout(JSON.stringify(report, null, 2) + "\n");
  } else {
    try {
      io.stdout(JSON.stringify(report, null, 2) + "\n");
    } finally {
      // The report goes out first; giving the supplicant back (a few wpa_cli round trips) follows, even
      // when stdout is gone.
      await teardown();
    }
  }
  if (report.error) io.stderr(`wifiprov: ${report.error.message}\n`);
  if (opts.reportFile) {
    const written = await writeJsonFile(opts.reportFile, report).then(() => true, (e) => {
      io.stderr(`wifiprov: cannot write the report to "${opts.reportFile}": ${errnoText(e)}\n`);
      return false;
    });
    // The fleet tool reads that file: without it the run is not done (and the plan is not consumed).
    if (!written && exitCodeFor(report) !== EXIT.interrupted) return EXIT.environment;
  }
  // Like the report file: a fleet tool reads the events file, so a lost one is an environment failure
  // (already said on stderr when it happened) and the plan is not consumed.
  if (!(await eventsWritten()) && exitCodeFor(report) !== EXIT.interrupted) return EXIT.environment;
  // Nor is a run whose report did not reach stdout (main.ts says so): the plan stays for the next try.
  if (io.stdoutLost?.() === true && exitCodeFor(report) !== EXIT.interrupted) return EXIT.environment;
  const code = exitCodeFor(report);
  if (code !== EXIT.ok) return Math.max(code, assembleCode);
  if (assembleCode !== EXIT.ok) return assembleCode;
  return await consume(file, text, opts, io);
}

/**
 * --consume, only after every network succeeded (a failed first boot keeps the file and retries next boot).
 * A failed move aside is exit 3, like a failed --report-file: the plan and its secrets stayed.
 */
async function consume(file: string, text: string, opts: ProvisionOptions, io: Io): Promise<number> {
  if (!opts.consume) return EXIT.ok;
  if (opts.only || opts.skip) {
    io.stderr(`wifiprov: not moving "${file}" aside: --only/--skip ran only part of it\n`);
    return EXIT.ok;
  }
  try {
    const done = await consumeFile(file, text);
    if (!opts.quiet) io.stderr(`wifiprov: moved "${file}" aside to "${done}" (secrets redacted)\n`);
    return EXIT.ok;
  } catch (e) {
    io.stderr(`wifiprov: cannot move "${file}" aside: ${errnoText(e)}\n`);
    return EXIT.environment;
  }
}

/**
 * Option combinations and paths that can be refused before anything happens (exit 2).
 * @throws UsageError
 */
async function checkOptions(file: string, opts: ProvisionOptions): Promise<void> {
  if (opts.assemble && (opts.only || opts.skip)) {
    throw new UsageError("--assemble writes every network of the file; it cannot go with --only/--skip");
  }
  if (opts.eventsFile) {
    const { dir, ok } = await parentIsDirectory(opts.eventsFile);
    if (!ok) throw new UsageError(`--events-file: the folder "${dir}" does not exist`);
    if (await isDirectory(opts.eventsFile)) {
      throw new UsageError(`--events-file: "${opts.eventsFile}" is a directory; give a file path`);
    }
  }
  // --consume acts on the file it was given; a link would be removed and the real file (secrets and all) kept.
  if (opts.consume && await isSymlink(file)) {
    throw new UsageError(`--consume: "${file}" is a symbolic link; give the real provisioning file`);
  }
}

function openSinks(opts: ProvisionOptions, io: Io) {
  const sinks: EventSink[] = [];
  let close = () => Promise.resolve();
  let flush = () => Promise.resolve(true);
  const ndjsonToStderr = opts.events === "ndjson" && !opts.eventsFile;
  const style = terminalStyle(io.stderrIsTty, io.env);
  const human = opts.quiet || ndjsonToStderr ? undefined : humanSink({
    write: io.stderr,
    isTty: style.live,
    color: style.colour,
    now: () => Date.now(),
  });
  if (human) sinks.push(human.sink);
  if (human && io.stderrIsTty) sinks.push(dppQrSink(io, style));
  if (ndjsonToStderr) sinks.push((e) => io.stderr(ndjsonLine(e, Date.now())));
  if (opts.eventsFile) {
    const path = opts.eventsFile;
    // Opened at the first event, so a refused file (exit 2) creates nothing; its folder is checked up front.
    const file = lineAppender(
      path,
      (e) => io.stderr(`wifiprov: cannot write events to "${path}": ${errnoText(e)}; the events stop here\n`),
    );
    sinks.push((e) => file.write(ndjsonLine(e, Date.now())));
    close = () => file.close();
    flush = () => file.flush();
  }
  return { emit: fanOut(...sinks), stopLive: () => human?.stop(), close, flush };
}

/** On a terminal, the QR code of a DPP network's URI below its progress line, for a phone to scan. */
function dppQrSink(io: Io, style: TerminalStyle): EventSink {
  return (e) => {
    if (e.type !== "dpp-listening") return;
    import("../dpp/qr.ts").then((qr) => io.stderr(qr.qrTerminal(e.uri, { colour: style.colour }))).catch(() =>
      undefined
    );
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
