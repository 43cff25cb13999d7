// `wifiprov assemble` (and `provision --assemble`): reads every <id>.conf named by the provisioning file
// and writes wpa_supplicant-<interface>.conf under the output folder's lock, by config/decide.ts's rule for
// that file, with the same 0600/atomic/.bak guarantees as every config.
import { loadPlan } from "../plan/load.ts";
import { formatProblem } from "../plan/plan.ts";
import { resolveSettings } from "../plan/settings.ts";
import { writeAssembled, WriteError } from "../run/config_writer.ts";
import { assembledId, assembledIdProblems } from "../config/decide.ts";
import { configPathFor, observeTarget } from "../adapters/disk_facts.ts";
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
  return await assembleFromText(text, opts.interface, opts.outputDir, opts.force === true, io);
}

/** Assembles from provisioning-file text; returns an exit code. */
export async function assembleFromText(
  text: string,
  iface: string | undefined,
  outputDir: string | undefined,
  force: boolean,
  io: Io,
): Promise<number> {
  const loaded = await loadPlan(text, processSecrets(io.env));
  if (!loaded.ok) {
    printProblems(loaded.problems, io, formatProblem);
    return EXIT.usage;
  }
  const settings = resolveSettings(
    { ...(iface ? { iface } : {}), ...(outputDir ? { outputDir } : {}) },
    loaded.plan.settings,
  );
  if (!settings.iface) {
    io.stderr("interface: not given: use --interface, WIFIPROV_INTERFACE or `interface:` in the file\n");
    return EXIT.usage;
  }
  const clashes = assembledIdProblems(loaded.plan.networks.map((n) => n.id), settings.iface);
  if (clashes.length > 0) {
    printProblems(clashes, io, formatProblem);
    return EXIT.usage;
  }
  const name = assembledId(settings.iface);
  const files = await readNetworkFiles(settings.outputDir, loaded.plan.networks.map((n) => n.id), io);
  if (!files) return EXIT.networkFailed;
  const assembled = assembleText(files, {
    ctrlInterface: settings.ctrlDir,
    ...(settings.country ? { country: settings.country } : {}),
  });
  if (!assembled.ok) {
    io.stderr(`wifiprov: not a single-network wpa_supplicant config: ${assembled.unusable.join(", ")}\n`);
    return EXIT.networkFailed;
  }
  return await writeLocked(
    settings.outputDir,
    configPathFor(settings.outputDir, name),
    assembled.text,
    force,
    {
      count: files.length,
      io,
    },
  );
}

/** The per-network files in plan order, or undefined (with a line on stderr) when one is missing or refused. */
async function readNetworkFiles(dir: string, ids: string[], io: Io): Promise<NetworkFile[] | undefined> {
  const files: NetworkFile[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const path = configPathFor(dir, id);
    const facts = await observeTarget(path);
    if (facts.kind === "absent") missing.push(id);
    else if (facts.kind === "file") files.push({ id, text: new TextDecoder().decode(facts.bytes) });
    else {
      io.stderr(`wifiprov: "${path}" is not a regular file wifiprov can read (${facts.kind}); refusing it\n`);
      return undefined;
    }
  }
  if (missing.length === 0) return files;
  io.stderr(`wifiprov: no config yet for ${missing.join(", ")}; run provision first\n`);
  return undefined;
}

/** Writes the assembled file holding the folder's lock (and clearing stale temps under it). */
async function writeLocked(
  dir: string,
  target: string,
  text: string,
  force: boolean,
  out: { count: number; io: Io },
): Promise<number> {
  let lock;
  try {
    lock = await acquireLock(dir);
  } catch (e) {
    if (!(e instanceof EnvironmentError)) throw e;
    out.io.stderr(`wifiprov: ${e.message}\n`);
    return EXIT.environment;
  }
  try {
    await removeStaleTemps(dir);
    const written = await writeAssembled(target, text, force);
    if (written.kind === "conflict") {
      out.io.stderr(
        `wifiprov: kept "${target}": it was not written by wifiprov; use --force to replace it (kept as .bak)\n`,
      );
      return EXIT.networkFailed;
    }
    const verb = written.kind === "unchanged" ? "kept" : "wrote";
    out.io.stderr(`wifiprov: ${verb} ${written.path} (${out.count} networks)\n`);
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    out.io.stderr(`wifiprov: ${e.message}\n`);
    return EXIT.networkFailed;
  } finally {
    await lock.release();
  }
}
