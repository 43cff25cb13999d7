// `wifiprov validate` and `wifiprov schema`: check a file (nothing printed but its problems) and print the
// JSON Schemas of the file, the report and the event stream.
import { loadPlan } from "../plan/load.ts";
import { formatProblem } from "../plan/plan.ts";
import { EXIT } from "../report/report.ts";
import { assembledIdProblems } from "../config/decide.ts";
import { type Io, printProblems, processSecrets, readProvisioningFile } from "../adapters/process_io.ts";

/** Validates a provisioning file, secrets included. */
export async function validateCommand(file: string, io: Io): Promise<number> {
  const result = await loadPlan(await readProvisioningFile(file), processSecrets(io.env));
  const problems = result.ok
    ? assembledIdProblems(result.plan.networks.map((n) => n.id), result.plan.settings.interface)
    : result.problems;
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
