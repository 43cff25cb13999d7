// `wifiprov assemble` (and `provision --assemble`): reads every <id>.conf named by the provisioning file
// and writes wpa_supplicant-<interface>.conf atomically, with the same 0600/atomic/.bak guarantees.
import { loadPlan } from "../plan/load.ts";
import { formatProblem } from "../plan/plan.ts";
import { resolveSettings } from "../settings.ts";
import { configPathFor, readExisting, writeConfig, WriteError } from "../config/writer.ts";
import { assembleText, decideAssembledWrite, type NetworkFile } from "../assemble.ts";
import { EXIT } from "../report.ts";
import { type Io, printProblems, processSecrets, readProvisioningFile } from "./io.ts";

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
  const files: NetworkFile[] = [];
  const missing: string[] = [];
  try {
    for (const net of loaded.plan.networks) {
      const conf = await readExisting(configPathFor(settings.outputDir, net.id));
      if (conf === null) missing.push(net.id);
      else files.push({ id: net.id, text: conf });
    }
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    io.stderr(`wifiprov: ${e.message}\n`);
    return EXIT.networkFailed;
  }
  if (missing.length > 0) {
    io.stderr(`wifiprov: no config yet for ${missing.join(", ")}; run provision first\n`);
    return EXIT.networkFailed;
  }
  const assembled = assembleText(files, {
    ctrlInterface: settings.ctrlDir,
    ...(settings.country ? { country: settings.country } : {}),
  });
  if (!assembled.ok) {
    io.stderr(`wifiprov: not a single-network wpa_supplicant config: ${assembled.unusable.join(", ")}\n`);
    return EXIT.networkFailed;
  }
  const name = `wpa_supplicant-${settings.iface}`;
  const target = configPathFor(settings.outputDir, name);
  let existing;
  try {
    existing = await readExisting(target);
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    io.stderr(`wifiprov: ${e.message}\n`);
    return EXIT.networkFailed;
  }
  if (decideAssembledWrite(existing, assembled.text, force) === "keep-hand-written") {
    io.stderr(
      `wifiprov: kept "${target}": it was not written by wifiprov; use --force to replace it (kept as .bak)\n`,
    );
    return EXIT.networkFailed;
  }
  const out = await writeConfig(settings.outputDir, name, assembled.text, true);
  io.stderr(
    `wifiprov: ${out.kind === "unchanged" ? "kept" : "wrote"} ${out.path} (${files.length} networks)\n`,
  );
  return EXIT.ok;
}
