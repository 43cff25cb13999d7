// `wifiprov provision`: wires the real dependencies (wpa_cli driver, clock, signals, progress and event
// sinks), runs the plan, prints the report, and does the after-run chores (--report-file, --assemble,
// --consume). Returns the exit code; main.ts exits.
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProvision } from "../app.ts";
import { systemClock } from "../wps/clock.ts";
import { wpaCliControl } from "../wpa/wpa_cli.ts";
import { probeManagers } from "../manager/probe.ts";
import { EXIT, exitCodeFor, type Report } from "../report.ts";
import { formatProblem } from "../plan/plan.ts";
import type { ProvisionOptions } from "../cli.ts";
import type { CliSettings } from "../settings.ts";
import { describeDryRun } from "../dry_run.ts";
import { type EventSink, fanOut, ndjsonLine } from "../events.ts";
import { humanSink } from "../ui/human.ts";
import { type Io, printProblems, processSecrets, readProvisioningFile } from "./io.ts";
import { writeJsonFile } from "./json_file.ts";
import { assembleFromText } from "./assemble.ts";

/** Runs `provision` and returns the exit code. */
export async function provisionCommand(file: string, opts: ProvisionOptions, io: Io): Promise<number> {
  const text = await readProvisioningFile(file);
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  // SIGHUP too: a closed terminal or a stopped session must still cancel WPS and restore the supplicant.
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  for (const s of signals) process.on(s, onSignal);
  const sinks = await openSinks(opts, io);
  try {
    const result = await runProvision({
      fileText: text,
      cli: cliSettings(opts, io.env),
      dryRun: opts.dryRun === true,
      force: opts.force === true,
      ...(opts.only ? { only: opts.only } : {}),
      ...(opts.skip ? { skip: opts.skip } : {}),
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
          pidFile: join(tmpdir(), `wifiprov-wpa_supplicant-${s.iface}.pid`),
        }),
      managers: (iface) => probeManagers(iface),
      clock: systemClock,
      signal: abort.signal,
      emit: sinks.emit,
    });
    sinks.stopLive();
    if (result.kind === "invalid") {
      printProblems(result.problems, io, formatProblem);
      return EXIT.usage;
    }
    if (result.kind === "dry-run") {
      if (!opts.quiet) { for (const line of describeDryRun(result.plan)) io.stderr(`wifiprov: ${line}\n`); }
      io.stdout(JSON.stringify(result.plan, null, 2) + "\n");
      return EXIT.ok;
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
  io.stdout(JSON.stringify(report, null, 2) + "\n");
  // The report goes out first; giving the supplicant back (a few wpa_cli round trips) follows.
  await teardown();
  if (report.error) io.stderr(`wifiprov: ${report.error.message}\n`);
  if (opts.reportFile) {
    await writeJsonFile(opts.reportFile, report).catch((e) =>
      io.stderr(`wifiprov: cannot write the report to "${opts.reportFile}": ${(e as Error).message}\n`)
    );
  }
  const code = exitCodeFor(report);
  if (code !== EXIT.ok) return code;
  if (opts.assemble) {
    const assembled = await assembleFromText(text, opts.interface, opts.outputDir, opts.force === true, io);
    if (assembled !== EXIT.ok) return assembled;
  }
  if (opts.consume) {
    // Only after every network succeeded: a failed first boot keeps the file and retries next boot.
    await fs.rename(file, `${file}.done`).then(
      () => opts.quiet || io.stderr(`wifiprov: moved "${file}" aside to "${file}.done"\n`),
      (e) => io.stderr(`wifiprov: cannot move "${file}" aside: ${(e as Error).message}\n`),
    );
  }
  return code;
}

async function openSinks(opts: ProvisionOptions, io: Io) {
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
  if (ndjsonToStderr) sinks.push((e) => io.stderr(ndjsonLine(e, Date.now())));
  if (opts.eventsFile) {
    const handle = await fs.open(opts.eventsFile, "a", 0o644);
    let chain = Promise.resolve();
    sinks.push((e) => {
      chain = chain.then(() => handle.write(ndjsonLine(e, Date.now())).then(() => undefined));
    });
    close = async () => {
      await chain;
      await handle.close();
    };
  }
  return { emit: fanOut(...sinks), stopLive: () => human?.stop(), close };
}

function cliSettings(opts: ProvisionOptions, env: Record<string, string | undefined>): CliSettings {
  const pause = Number(env.WIFIPROV_TEST_PAUSE_BEFORE_RENAME_MS ?? "");
  return {
    ...(opts.interface === undefined ? {} : { iface: opts.interface }),
    ...(opts.outputDir === undefined ? {} : { outputDir: opts.outputDir }),
    ...(opts.ctrlDir === undefined ? {} : { ctrlDir: opts.ctrlDir }),
    ...(opts.timeout === undefined ? {} : { timeoutSec: opts.timeout }),
    ...(opts.startSupplicant === false ? { startSupplicant: false } : {}),
    ...(opts.keepNetwork === false ? { keepNetwork: false } : {}),
    ...(opts.wpaCli === undefined ? {} : { wpaCli: opts.wpaCli }),
    ...(opts.wpaSupplicant === undefined ? {} : { wpaSupplicant: opts.wpaSupplicant }),
    ...(opts.supplicantDriver === undefined ? {} : { supplicantDriver: opts.supplicantDriver }),
    ...(opts.setCountry ? { setCountry: true } : {}),
    ...(opts.ignoreManager ? { ignoreManager: true } : {}),
    // Test-only fault injection, from the environment so it never shows in --help (see WriteFaults).
    ...(Number.isInteger(pause) && pause > 0 ? { pauseBeforeRenameMs: pause } : {}),
  };
}
