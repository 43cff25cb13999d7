// `wifiprov assemble` (and `provision --assemble`): reads every <id>.conf named by the provisioning file
// and writes wpa_supplicant-<interface>.conf under the output folder's lock, by config/decide.ts's rule for
// that file, with the same 0600/atomic/.bak guarantees as every config.
import { loadPlan } from "../plan/load.ts";
import { formatProblem } from "../plan/plan.ts";
import { resolveSettings } from "../plan/settings.ts";
import { writeAssembled, WriteError } from "../run/config_writer.ts";
import { assembledId, assembledIdProblems, decideAssembled, decideOutputDir } from "../config/decide.ts";
import { configPathFor, observeDir, observeTarget } from "../adapters/disk_facts.ts";
import type { AssembledReport } from "../report/schemas.ts";
import { removeStaleTemps } from "../adapters/stale_temps.ts";
import { assembleText, type NetworkFile } from "../config/assemble.ts";
import { acquireLock } from "../adapters/lock.ts";
import { EnvironmentError } from "../wpa/driver.ts";
import { EXIT } from "../report/report.ts";
import { type Io, printProblems, processSecrets, readProvisioningFile } from "../adapters/process_io.ts";

/** `wifiprov assemble <file>`. */
export async function assembleCommand(
  file: string,
  opts: { interface?: string; outputDir?: string; force?: true },
  io: Io,
): Promise<number> {
  const text = await readProvisioningFile(file);
  return (await assembleFromText(text, opts.interface, opts.outputDir, opts.force === true, io)).code;
}

/** An exit code and, once the target is known, what became of it (for provision's report). */
export interface AssembleOutcome {
  code: number;
  entry?: AssembledReport;
}

/**
 * Assembles from provisioning-file text. The output folder and the target are decided by config/decide.ts
 * exactly as `provision --assemble` decides them, before anything is touched: a world-writable folder or a
 * symlinked target is exit 2, an unusable folder exit 3. With `skip` (the run was not ok) nothing is written.
 */
export async function assembleFromText(
  text: string,
  iface: string | undefined,
  outputDir: string | undefined,
  force: boolean,
  io: Io,
  skip = false,
): Promise<AssembleOutcome> {
  const loaded = await loadPlan(text, processSecrets(io.env));
  if (!loaded.ok) {
    printProblems(loaded.problems, io, formatProblem);
    return { code: EXIT.usage };
  }
  const settings = resolveSettings(
    { ...(iface ? { iface } : {}), ...(outputDir ? { outputDir } : {}) },
    loaded.plan.settings,
  );
  if (!settings.iface) {
    io.stderr("interface: not given: use --interface, WIFIPROV_INTERFACE or `interface:` in the file\n");
    return { code: EXIT.usage };
  }
  const target = configPathFor(settings.outputDir, assembledId(settings.iface));
  if (skip) return { code: EXIT.ok, entry: { path: target, status: "not-run" } };
  const ids = loaded.plan.networks.map((n) => n.id);
  const refused = await refuseUpFront(settings.outputDir, target, ids, settings.iface, force, io);
  if (refused !== undefined) return { code: refused, entry: { path: target, status: "error" } };
  const failed = (message: string): AssembleOutcome => {
    io.stderr(`wifiprov: ${message}\n`);
    return { code: EXIT.networkFailed, entry: { path: target, status: "error", message } };
  };
  const files = await readNetworkFiles(settings.outputDir, ids);
  if (typeof files === "string") return failed(files);
  const assembled = assembleText(files, {
    ctrlInterface: settings.ctrlDir,
    ...(settings.country ? { country: settings.country } : {}),
  });
  if (!assembled.ok) {
    return failed(`not a single-network wpa_supplicant config: ${assembled.unusable.join(", ")}`);
  }
  return await writeLocked(settings.outputDir, target, assembled.text, force, { count: files.length, io });
}

/** The shared decisions on the folder and the target (decide.ts), as an exit code when they refuse. */
async function refuseUpFront(
  dir: string,
  target: string,
  ids: string[],
  iface: string,
  force: boolean,
  io: Io,
): Promise<number | undefined> {
  const problems = assembledIdProblems(ids, iface);
  const folder = decideOutputDir(dir, await observeDir(dir));
  if (folder.kind === "invalid") problems.push(folder.problem);
  if (folder.kind === "environment" && problems.length === 0) {
    io.stderr(`wifiprov: ${folder.message}\n`);
    return EXIT.environment;
  }
  const decision = decideAssembled(target, undefined, force, await observeTarget(target));
  if (decision.action === "refuse") problems.push({ path: "--assemble", message: decision.message });
  if (problems.length === 0) return undefined;
  printProblems(problems, io, formatProblem);
  return EXIT.usage;
}

/** The per-network files in plan order, or why not (one is missing or refused). */
async function readNetworkFiles(dir: string, ids: string[]): Promise<NetworkFile[] | string> {
  const files: NetworkFile[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const path = configPathFor(dir, id);
    const facts = await observeTarget(path);
    if (facts.kind === "absent") missing.push(id);
    else if (facts.kind === "file") files.push({ id, text: new TextDecoder().decode(facts.bytes) });
    else return `"${path}" is not a regular file wifiprov can read (${facts.kind}); refusing it`;
  }
  if (missing.length === 0) return files;
  return `no config yet for ${missing.join(", ")}; run provision first`;
}

/** Writes the assembled file holding the folder's lock (and clearing stale temps under it). */
async function writeLocked(
  dir: string,
  target: string,
  text: string,
  force: boolean,
  out: { count: number; io: Io },
): Promise<AssembleOutcome> {
  let lock;
  try {
    lock = await acquireLock(dir);
  } catch (e) {
    if (!(e instanceof EnvironmentError)) throw e;
    out.io.stderr(`wifiprov: ${e.message}\n`);
    return { code: EXIT.environment, entry: { path: target, status: "error", message: e.message } };
  }
  try {
    await removeStaleTemps(dir);
    const written = await writeAssembled(target, text, force);
    if (written.kind === "conflict") {
      const message =
        `kept "${target}": it was not written by wifiprov; use --force to replace it (kept as .bak)`;
      out.io.stderr(`wifiprov: ${message}\n`);
      return { code: EXIT.networkFailed, entry: { path: target, status: "conflict", message } };
    }
    const verb = written.kind === "unchanged" ? "kept" : "wrote";
    out.io.stderr(`wifiprov: ${verb} ${written.path} (${out.count} networks)\n`);
    const status = written.kind === "unchanged" ? "unchanged" as const : "provisioned" as const;
    const backup = written.kind === "written" && written.backupPath ? { backupPath: written.backupPath } : {};
    return { code: EXIT.ok, entry: { path: target, status, ...backup } };
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    out.io.stderr(`wifiprov: ${e.message}\n`);
    return { code: EXIT.networkFailed, entry: { path: target, status: "error", message: e.message } };
  } finally {
    await lock.release();
  }
}
