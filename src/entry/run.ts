// Turns argv into the command it names (commander) and runs it from the command table of the bundle this
// file is part of; a usage error becomes one line on stderr and exit 2.
import { buildProgram, type CliRequest, CommanderError } from "../cli/program.ts";
import { type Io, UsageError } from "../adapters/process_io.ts";
import { ndjsonStderr, oneLine } from "../cli/io_port.ts";
import { EXIT } from "../report/report.ts";

/** The commands one bundle carries: each takes its parsed request and returns the exit code. */
export type CommandTable = {
  [K in CliRequest["command"]]?: (request: Extract<CliRequest, { command: K }>, io: Io) => Promise<number>;
};

/**
 * Parses `argv` and runs the command from `table`.
 * @throws Error when the table lacks the parsed command: main.ts chose the wrong bundle (a bug).
 */
export async function runCli(argv: string[], given: Io, table: CommandTable): Promise<number> {
  let request: CliRequest | undefined;
  // With `--events ndjson` on stderr, every stderr line is JSON: also a usage error found after that flag.
  const ndjson = ndjsonStderr(given);
  const errIo = () =>
    ndjsonOnStderr(program.commands.find((c) => c.name() === "provision")?.opts()) ? ndjson : given;
  const program = buildProgram((r) => (request = r), {
    writeOut: given.stdout,
    writeErr: (text) => errIo().stderr(text),
    outputError: (text, write) => write(oneLine(text)),
  });
  try {
    program.parse(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw e;
  }
  if (!request) return EXIT.usage;
  const io = request.command === "provision" && ndjsonOnStderr(request.opts) ? ndjson : given;
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

/** Whether these provision options put the NDJSON event stream on stderr. */
function ndjsonOnStderr(opts: { events?: string; eventsFile?: string } | undefined): boolean {
  return opts?.events === "ndjson" && opts.eventsFile === undefined;
}
