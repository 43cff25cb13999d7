// `wifiprov validate` and `wifiprov schema`: check a file (nothing printed but its problems) and print the
// JSON Schemas of the file, the report and the event stream.
import { loadPlan } from "../plan/load.ts";
import { formatProblem } from "../plan/plan.ts";
import { EXIT } from "../report/report.ts";
import { assembledIdProblems } from "../config/decide.ts";
import { missingSettings } from "../plan/select.ts";
import { type CliSettings, resolveSettings } from "../plan/settings.ts";
import { type Io, printProblems, processSecrets, readProvisioningFile } from "../adapters/process_io.ts";

/** Options of `validate`: the settings provision would take from the command line or WIFIPROV_*. */
export interface ValidateOptions {
  interface?: string;
  outputDir?: string;
  ctrlDir?: string;
}

/**
 * Validates a provisioning file, secrets included, with the settings resolved as `provision` resolves them,
 * and the checks provision makes before touching anything (a missing interface, an id that is the
 * assembled file). The option values were checked by the same rules when parsed (plan/names.ts).
 */
export async function validateCommand(file: string, io: Io, opts: ValidateOptions = {}): Promise<number> {
  const result = await loadPlan(await readProvisioningFile(file), processSecrets(io.env));
  if (!result.ok) {
    printProblems(result.problems, io, formatProblem);
    return EXIT.usage;
  }
  const cli: CliSettings = {
    ...(opts.interface === undefined ? {} : { iface: opts.interface }),
    ...(opts.outputDir === undefined ? {} : { outputDir: opts.outputDir }),
    ...(opts.ctrlDir === undefined ? {} : { ctrlDir: opts.ctrlDir }),
  };
  const settings = resolveSettings(cli, result.plan.settings);
  const missing = missingSettings(result.plan, settings, false);
  const problems = [
    ...(missing ? [missing] : []),
    ...assembledIdProblems(result.plan.networks.map((n) => n.id), settings.iface),
  ];
  if (problems.length === 0) return EXIT.ok;
  printProblems(problems, io, formatProblem);
  return EXIT.usage;
}

/** Prints one of the JSON Schemas. */
export async function schemaCommand(
  which: "file" | "report" | "events" | "dry-run",
  io: Io,
): Promise<number> {
  let schema: unknown;
  if (which === "file") schema = (await import("../plan/schema.ts")).provisioningJsonSchema();
  else {
    const outputs = await import("../report/schemas.ts");
    if (which === "report") schema = outputs.reportJsonSchema();
    else if (which === "events") schema = outputs.eventJsonSchema();
    else schema = outputs.dryRunJsonSchema();
  }
  io.stdout(JSON.stringify(schema, null, 2) + "\n");
  return EXIT.ok;
}
