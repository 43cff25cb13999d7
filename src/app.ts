// run(): the provisioning run as a sequence of named steps — load the plan, resolve settings, check the
// output directory, provision each network in file order, release the supplicant, build the report.
import { loadPlan, type SecretReader } from "./plan/load.ts";
import type { Plan, PlannedNetwork, Problem } from "./plan/plan.ts";
import { buildReport, type NetworkReport, type Report } from "./report.ts";
import { type CliSettings, resolveSettings, type Settings } from "./settings.ts";
import { checkOutputDir, configPathFor } from "./config/writer.ts";
import { EnvironmentError, type SupplicantControl } from "./wpa/driver.ts";
import type { Clock } from "./wps/clock.ts";
import { provisionPsk } from "./provision/psk.ts";
import { provisionWps, wpsTargetState } from "./provision/wps.ts";
import { provisionDpp } from "./provision/dpp.ts";
import { leaseSupplicant, type SupplicantLease } from "./provision/supplicant.ts";
import * as fs from "node:fs/promises";
import type { EventSink, RunEvent } from "./events.ts";
import { acquireLock } from "./lock.ts";
import { type DryRunPlan, planDryRun } from "./dry_run.ts";
import { detectManager, type ManagerFacts } from "./manager/detect.ts";

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
  const missing = missingSettings(plan, settings);
  if (missing) return { kind: "invalid", problems: [missing] };
  if (req.dryRun) return { kind: "dry-run", plan: await planDryRun(plan, settings, req.force) };
  const owner = await otherManager(settings, deps);
  if (owner) {
    return {
      kind: "report",
      report: finish(settings, startedAt, deps, notRun(plan.networks), owner),
      teardown: noop,
    };
  }
  const dir = await checkOutputDir(settings.outputDir);
  if (!dir.ok) {
    if (dir.reason === "output-dir-insecure") {
      return { kind: "invalid", problems: [{ path: "outputDir", message: dir.message }] };
    }
    return {
      kind: "report",
      report: finish(settings, startedAt, deps, notRun(plan.networks), dir),
      teardown: noop,
    };
  }
  const planted = await plantedSymlinks(plan, settings);
  if (planted.length > 0) return { kind: "invalid", problems: planted };
  let lock;
  try {
    lock = await acquireLock(settings.outputDir);
  } catch (e) {
    if (!(e instanceof EnvironmentError)) throw e;
    const error = { reason: e.reason, message: e.message };
    return {
      kind: "report",
      report: finish(settings, startedAt, deps, notRun(plan.networks), error),
      teardown: noop,
    };
  }
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

/** Applies --only/--skip; naming an id the file does not have is a usage error. */
function selectNetworks(
  plan: Plan,
  req: ProvisionRequest,
): { ok: true; plan: Plan } | { ok: false; problems: Problem[] } {
  const ids = new Set(plan.networks.map((n) => n.id));
  const problems: Problem[] = [];
  for (const [flag, list] of [["--only", req.only], ["--skip", req.skip]] as const) {
    for (const id of list ?? []) {
      if (!ids.has(id)) problems.push({ path: flag, message: `no network with id "${id}" in the file` });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const only = req.only ? new Set(req.only) : undefined;
  const skip = new Set(req.skip ?? []);
  const networks = plan.networks.filter((n) => (!only || only.has(n.id)) && !skip.has(n.id));
  return { ok: true, plan: { ...plan, networks } };
}

/** A symlink at a target path is never followed: refuse the whole run before anything happens. */
async function plantedSymlinks(plan: Plan, settings: Settings): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const [i, net] of plan.networks.entries()) {
    const path = configPathFor(settings.outputDir, net.id);
    const isLink = await fs.lstat(path).then((s) => s.isSymbolicLink(), () => false);
    if (isLink) {
      problems.push({
        path: `networks[${i}].id`,
        message: `"${path}" is a symbolic link; refusing to follow it`,
      });
    }
  }
  return problems;
}

/** Another network manager owning the interface stops the run before anything is touched (exit 3). */
async function otherManager(
  settings: Settings,
  deps: AppDeps,
): Promise<{ reason: string; message: string } | undefined> {
  if (settings.ignoreManager || settings.iface === null || !deps.managers) return undefined;
  const verdict = detectManager(await deps.managers(settings.iface), settings.iface, settings.ctrlDir);
  return verdict.kind === "managed" ? { reason: verdict.reason, message: verdict.message } : undefined;
}

function missingSettings(plan: Plan, settings: Settings): Problem | undefined {
  const needsInterface = plan.networks.some((n) => n.method !== "psk");
  if (needsInterface && settings.iface === null) {
    return {
      path: "interface",
      message: "not given: use --interface, WIFIPROV_INTERFACE or `interface:` in the file",
    };
  }
  return undefined;
}

interface Provisioned {
  reports: NetworkReport[];
  error?: { reason: string; message: string };
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
  if (net.method === "psk") return await provisionPsk(net, settings, force, elapsed, deps.emit);
  const skip = await skipWps(net, settings, force);
  if (skip) return { ...skip, durationMs: elapsed() };
  const lease = await supplicant();
  try {
    const step = { ...deps, driver: lease.driver, settings, force, elapsed };
    return net.method === "dpp" ? await provisionDpp(net, step) : await provisionWps(net, step);
  } catch (e) {
    if (!(e instanceof EnvironmentError)) throw e;
    // A signal also reaches the wpa_cli child (a closed terminal hangs up the whole group): what ended the
    // attempt is the signal, not the monitor it took down.
    if (deps.signal.aborted) {
      const message = "interrupted by a signal";
      return {
        id: net.id,
        method: net.method,
        status: "interrupted",
        reason: "interrupted",
        message,
        durationMs: elapsed(),
      };
    }
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

/** A WPS (or DPP) network needs no enrolment when its file exists: unchanged if it holds that network, else a conflict. */
async function skipWps(
  net: Extract<PlannedNetwork, { method: "wps-pbc" | "dpp" }>,
  settings: Settings,
  force: boolean,
): Promise<Omit<NetworkReport, "durationMs"> | undefined> {
  if (force) return undefined;
  const path = configPathFor(settings.outputDir, net.id);
  const base = { id: net.id, method: net.method, configPath: path };
  const state = await wpsTargetState(net, settings);
  if (state === "holds-network") return { ...base, status: "unchanged" };
  if (state === "absent") return undefined;
  const message =
    `"${path}" exists and does not hold this network; use --force to enrol again and replace it`;
  return { ...base, status: "error", reason: "file-exists", message };
}

function notRun(networks: PlannedNetwork[]): NetworkReport[] {
  return networks.map((n) => ({ id: n.id, method: n.method, status: "not-run", durationMs: 0 }));
}

function finish(
  settings: Settings,
  startedAt: number,
  deps: AppDeps,
  networks: NetworkReport[],
  error?: { reason: string; message: string },
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
