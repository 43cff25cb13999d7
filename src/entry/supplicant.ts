// The bundle of every command, including those that drive wpa_supplicant (provision, scan) and so load
// dax. Loaded by main.ts when argv names one of them.
import type { Io } from "../cli/io_port.ts";
import { FILE_COMMANDS } from "./files.ts";
import { type CommandTable, runCli } from "./run.ts";

const ALL_COMMANDS: CommandTable = {
  ...FILE_COMMANDS,
  provision: async (r, io) =>
    await (await import("../cli/provision_command.ts")).provisionCommand(r.file, r.opts, io),
  scan: async (r, io) => await (await import("../cli/scan_command.ts")).scanCommand(r.opts, io),
};

/** Runs argv with every command; returns the exit code. */
export function run(argv: string[], io: Io): Promise<number> {
  return runCli(argv, io, ALL_COMMANDS);
}
