// run(): the provisioning run as a sequence of named steps — load the plan, resolve settings, check the
// output directory, provision each network in file order, release the supplicant, build the report.
import { loadPlan, type SecretReader } from "../plan/load.ts";
import type { Plan, PlannedNetwork, Problem } from "../plan/plan.ts";
import { buildReport, type NetworkReport, type Report } from "../report/report.ts";
import { type CliSettings, resolveSettings, type Settings } from "../plan/settings.ts";
import type { SupplicantControl } from "../wpa/driver.ts";
import { checkpoint, EnvironmentError, type EnvironmentReason, errnoText, Interrupted } from "../errors.ts";
import type { Clock } from "../wps/clock.ts";
import { provisionPsk } from "./psk_network.ts";
import { provisionWps, settledWithoutWps } from "./wps_network.ts";
import { provisionDpp } from "./dpp_network.ts";
import { leaseSupplicant, type SupplicantLease } from "./supplicant_lease.ts";
import { earlyScanFor } from "../wps/scan.ts";
import type { EventSink, RunEvent } from "../report/events.ts";
import { acquireRunLocks } from "../adapters/lock.ts";
import { type DryRunPlan, dryRunPlan } from "../report/dry_run.ts";
import { preflight } from "./preflight.ts";
import { missingSettings, selectNetworks } from "../plan/select.ts";
import { removeStaleTemps } from "../adapters/stale_temps.ts";
import { makeDirectory } from "../adapters/disk_facts.ts";
import type { WriteHooks } from "../adapters/atomic_file.ts";
import { detectManager, type ManagerFacts } from "../manager/detect.ts";

/** What a `provision` run was asked to do. */
export interface ProvisionRequest {
  fileText: string;
  cli: CliSettings;
  dryRun: boolean;
  force: boolean;
  /** Network ids to run (all when absent). */
  only?: string[];
  /** Network ids to leave out. */
  skip?: string[];
  /** `--assemble` follows: the interface must be known before anything is written. */
  assemble?: boolean;
  /** The provisioning file's path and --report-file: the report must not land on another path of the run. */
  planFile?: string;
  reportFile?: string;
  eventsFile?: string;
}

/** The outside world, passed in so tests can replace every part. */
export interface AppDeps {
  secrets: SecretReader;
  /** The supplicant control for the run; `secretEnvNames` must not reach its children. */
  control: (settings: Settings, secretEnvNames: readonly string[]) => SupplicantControl;
  clock: Clock;
  signal: AbortSignal;
  emit: EventSink;
  /** Facts about other network managers for an interface; without it the ownership check is skipped. */
  managers?: (iface: string) => Promise<ManagerFacts>;
  /** Test-only steps inside each file write (adapters/atomic_file.ts); the shipped program passes none. */
  writeHooks?: WriteHooks;
}

/**
 * A run ends with a report, a dry-run plan, or the list of problems with the input (exit 2). A report comes
 * with `teardown` (give the supplicant back, drop the lock), which the caller runs after printing the report,
 * so the report is not held back by the supplicant round trips of the restore.
 */
export type RunResult =
  | { kind: "report"; report: Report; teardown: () => Promise<void> }
  | { kind: "dry-run"; plan: DryRunPlan }
  | { kind: "invalid"; problems: Problem[] };

/** Runs `provision`. Expected failures are in the result; only programming errors throw. */
export async function runProvision(req: ProvisionRequest, deps: AppDeps): Promise<RunResult> {
  const startedAt = deps.clock.now();
  const loaded = await loadPlan(req.fileText, deps.secrets);
  if (!loaded.ok) return { kind: "invalid", problems: loaded.problems };
  const selected = selectNetworks(loaded.plan, req);
  if (!selected.ok) return { kind: "invalid", problems: selected.problems };
  const plan = selected.plan;
  const settings = resolveSettings(req.cli, plan.settings);
  const missing = missingSettings(plan, settings, req.assemble === true);
  if (missing) return { kind: "invalid", problems: [missing] };
  if (req.dryRun) {
    const { question, decision } = await preflight(plan, settings, req);
    if (decision.kind === "invalid") return { kind: "invalid", problems: decision.problems };
    return { kind: "dry-run", plan: dryRunPlan(question, settings, decision) };
  }
  const owner = await otherManager(settings, deps);
  if (owner) {
    return {
      kind: "report",
      report: finish(settings, startedAt, deps, notRun(plan.networks), owner),
      teardown: noop,
    };
  }
  // A signal before the lock: nothing is created (no probe file, folder, lock or supplicant), nothing runs.
  const stopped = (error?: { reason: EnvironmentReason; message: string }): RunResult => ({
    kind: "report",
    report: finish(settings, startedAt, deps, notRun(plan.networks), error),
    teardown: noop,
  });
  if (deps.signal.aborted) return stopped();
  const { decision } = await preflight(plan, settings, req);
  if (decision.kind === "invalid") return { kind: "invalid", problems: decision.problems };
  const stop = decision.kind === "environment"
    ? decision
    : await lockFolder(settings, decision.createDir, deps.signal);
  if (stop === "interrupted") return stopped();
  if ("reason" in stop) return stopped(stop);
  const lock = stop;
  let networks: Provisioned;
  try {
    networks = await provisionAll(plan, settings, req.force, deps);
  } catch (e) {
    await lock.release();
    throw e;
  }
  const teardown = async () => {
    await networks.release();
    await lock.release();
  };
  return {
    kind: "report",
    report: finish(settings, startedAt, deps, networks.reports, networks.error),
    teardown,
  };
}

/**
 * Creates the output folder when the decision says so, takes its lock, and then (and only then) removes the
 * temp files a killed agent left there. Returns the lock, or the environment error that stops the run.
 */
async function lockFolder(
  settings: Settings,
  create: boolean,
  signal: AbortSignal,
): Promise<{ release(): Promise<void> } | { reason: EnvironmentReason; message: string } | "interrupted"> {
  const dir = settings.outputDir;
  if (signal.aborted) return "interrupted";
  if (create) {
    const made = await makeDirectory(dir);
    if (made) {
      return {
        reason: "output-dir-unwritable",
        message: `output directory "${dir}" is not writable: ${errnoText(made)}`,
      };
    }
  }
  try {
    const lock = await acquireRunLocks(settings);
    if (signal.aborted) {
      await lock.release();
      return "interrupted";
    }
    await removeStaleTemps(dir);
    return lock;
  } catch (e) {
    if (!(e instanceof EnvironmentError)) throw e;
    return { reason: e.reason, message: e.message };
  }
}

/** Another network manager owning the interface stops the run before anything is touched (exit 3). */
async function otherManager(
  settings: Settings,
  deps: AppDeps,
): Promise<{ reason: EnvironmentReason; message: string } | undefined> {
  if (settings.ignoreManager || settings.iface === null || !deps.managers) return undefined;
  const verdict = detectManager(await deps.managers(settings.iface), settings.iface, settings.ctrlDir);
  return verdict.kind === "managed" ? { reason: verdict.reason, message: verdict.message } : undefined;
}

interface Provisioned {
  reports: NetworkReport[];
  error?: { reason: EnvironmentReason; message: string };
  /** Gives the supplicant back as it was found. */
  release: () => Promise<void>;
}

const noop = () => Promise.resolve();

async function provisionAll(
  plan: Plan,
  settings: Settings,
  force: boolean,
  deps: AppDeps,
): Promise<Provisioned> {
  const reports: NetworkReport[] = [];
  let lease: SupplicantLease | undefined;
  try {
    for (const [index, net] of plan.networks.entries()) {
      if (deps.signal.aborted) {
        reports.push(...notRun(plan.networks.slice(index)));
        break;
      }
      deps.emit({ type: "network-started", id: net.id, method: net.method });
      const report = await provisionOne(net, settings, force, deps, async () => {
        lease ??= await leaseSupplicant(
          deps.control(settings, plan.secretEnvNames),
          settings,
          warnVia(deps.emit),
          deps.signal,
          { earlyScan: earlyScanFor(net) },
        );
        return lease;
      });
      deps.emit(finishedEvent(report));
      reports.push(report);
    }
  } catch (e) {
    const release = async () => await lease?.release();
    if (!(e instanceof EnvironmentError)) {
      await release();
      throw e;
    }
    const cause = e instanceof AttemptFailed ? e.cause : e;
    // A network whose attempt met the broken environment keeps its line, with the cause.
    if (e instanceof AttemptFailed) {
      reports.push(e.report);
      deps.emit(finishedEvent(e.report));
    }
    reports.push(...notRun(plan.networks.slice(reports.length)));
    return { reports, error: { reason: cause.reason, message: cause.message }, release };
  }
  return { reports, release: async () => await lease?.release() };
}

/** One network, start to finish: PSK networks are written directly, WPS ones enrolled unless already there. */
async function provisionOne(
  net: PlannedNetwork,
  settings: Settings,
  force: boolean,
  deps: AppDeps,
  supplicant: () => Promise<SupplicantLease>,
): Promise<NetworkReport> {
  const started = deps.clock.now();
  const elapsed = () => deps.clock.now() - started;
  if (net.method === "psk") {
    return await provisionPsk(net, settings, force, elapsed, deps.emit, deps.writeHooks);
  }
  const skip = await settledWithoutWps(net, settings, force);
  if (skip) return { ...skip, durationMs: elapsed() };
  let lease: SupplicantLease;
  try {
    lease = await supplicant();
  } catch (e) {
    if (e instanceof Interrupted) return interrupted(net, elapsed());
    // A signal to the whole process group takes the wpa_cli monitor down too: what ended the attach is
    // the signal (the lease gave back what it had changed).
    if (e instanceof EnvironmentError && deps.signal.aborted) return interrupted(net, elapsed());
    throw e;
  }
  try {
    checkpoint(deps.signal);
    const step = {
      ...deps,
      driver: lease.driver,
      settings,
      force,
      elapsed,
      scanAhead: lease.takeScanAhead(),
    };
    return net.method === "dpp" ? await provisionDpp(net, step) : await provisionWps(net, step);
  } catch (e) {
    if (e instanceof Interrupted) return interrupted(net, elapsed());
    if (!(e instanceof EnvironmentError)) throw e;
    // A signal also reaches the wpa_cli child (a closed terminal hangs up the whole group): what ended the
    // attempt is the signal, not the monitor it took down.
    if (deps.signal.aborted) return interrupted(net, elapsed());
    const report: NetworkReport = { id: net.id, method: net.method, status: "error", durationMs: elapsed() };
    throw new AttemptFailed({ ...report, reason: e.reason, message: e.message }, e);
  } finally {
    // WPS and the trial's select_network disabled the system's networks: enable them again at once.
    await lease.restoreNetworks();
  }
}

/** An environment failure during a network's attempt: the run stops, the network keeps its report line. */
class AttemptFailed extends EnvironmentError {
  constructor(readonly report: NetworkReport, override readonly cause: EnvironmentError) {
    super(cause.reason, cause.message);
  }
}

function finishedEvent(r: NetworkReport): RunEvent {
  const reason = r.reason ? { reason: r.reason } : {};
  return { type: "network-finished", id: r.id, status: r.status, durationMs: r.durationMs, ...reason };
}

function warnVia(emit: EventSink): (message: string) => void {
  return (message) => emit({ type: "warning", id: null, message });
}

/** The line of a network whose attempt a signal ended (or kept from starting once it had begun). */
function interrupted(net: PlannedNetwork, durationMs: number): NetworkReport {
  const message = "interrupted by a signal";
  return {
    id: net.id,
    method: net.method,
    status: "interrupted",
    reason: "interrupted",
    message,
    durationMs,
  };
}

function notRun(networks: PlannedNetwork[]): NetworkReport[] {
  return networks.map((n) => ({ id: n.id, method: n.method, status: "not-run", durationMs: 0 }));
}

function finish(
  settings: Settings,
  startedAt: number,
  deps: AppDeps,
  networks: NetworkReport[],
  error?: { reason: EnvironmentReason; message: string },
): Report {
  const interrupted = deps.signal.aborted;
  return buildReport({
    iface: settings.iface,
    startedAt,
    finishedAt: deps.clock.now(),
    networks,
    ...(error ? { error: { reason: error.reason, message: error.message } } : {}),
    ...(interrupted ? { interrupted } : {}),
  });
}
