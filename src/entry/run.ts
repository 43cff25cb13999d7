// Turns argv into the command it names (commander) and runs it from the command table of the bundle this
// file is part of; a usage error becomes one line on stderr and exit 2.
import { buildProgram, type CliRequest, CommanderError } from "../cli.ts";
import { type Io, UsageError } from "../commands/io.ts";
import { EXIT } from "../report.ts";

/** The commands one bundle carries: each takes its parsed request and returns the exit code. */
export type CommandTable = {
  [K in CliRequest["command"]]?: (request: Extract<CliRequest, { command: K }>, io: Io) => Promise<number>;
};

/**
 * Parses `argv` and runs the command from `table`.
 * @throws Error when the table lacks the parsed command: main.ts chose the wrong bundle (a bug).
 */
export async function runCli(argv: string[], io: Io, table: CommandTable): Promise<number> {
  let request: CliRequest | undefined;
  const program = buildProgram((r) => (request = r), { writeOut: io.stdout, writeErr: io.stderr });
  try {
    program.parse(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw e;
  }
  if (!request) return EXIT.usage;
  const command = table[request.command] as ((r: CliRequest, io: Io) => Promise<number>) | undefined;
  if (!command) throw new Error(`This bundle does not carry the "${request.command}" command`);
  try {
    return await command(request, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`wifiprov: ${e.message}\n`);
    return EXIT.usage;
  }
}
