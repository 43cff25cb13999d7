// The bundle of the commands that only read and write files (validate, schema, assemble): no dax, no
// wpa_cli, so a `validate` never parses or loads the process layer. Loaded by main.ts.
import type { Io } from "../cli/io_port.ts";
import { type CommandTable, runCli } from "./run.ts";

/** validate, schema and assemble; each command module is evaluated only when it runs. */
export const FILE_COMMANDS: CommandTable = {
  schema: async (r, io) => await (await import("../cli/validate_command.ts")).schemaCommand(r.which, io),
  validate: async (r, io) =>
    await (await import("../cli/validate_command.ts")).validateCommand(r.file, io, r.opts),
  assemble: async (r, io) =>
    await (await import("../cli/assemble_command.ts")).assembleCommand(r.file, r.opts, io),
  "dpp-uri": async (r, io) =>
    await (await import("../cli/dpp_uri_command.ts")).dppUriCommand(r.file, r.opts, io),
};

/** Runs argv with this bundle's commands; returns the exit code. */
export function run(argv: string[], io: Io): Promise<number> {
  return runCli(argv, io, FILE_COMMANDS);
}
