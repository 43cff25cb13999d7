// Turns argv into the command it names (commander) and runs it from the command table of the bundle this
// file is part of; a usage error becomes one line on stderr and exit 2.
import { buildProgram, type CliRequest, CommanderError } from "../cli/program.ts";
import { type Io, ProblemsError, UsageError } from "../adapters/process_io.ts";
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
  // With `--events ndjson` on stderr, every stderr line is JSON: decided from argv before parsing, so a
  // usage error found before that flag is JSON too.
  const io = ndjsonRequested(argv) ? ndjsonStderr(given) : given;
  const program = buildProgram((r) => (request = r), {
    writeOut: given.stdout,
    writeErr: (text) => io.stderr(text),
    outputError: (text, write) => write(oneLine(text)),
  });
  try {
    program.parse(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const variable = undecodableVariable(e, program, given.env);
    if (variable === undefined) throw e;
    io.stderr(`wifiprov: ${variable}: not valid UTF-8 (the environment variable); set it to UTF-8 text\n`);
    return EXIT.usage;
  }
  if (!request) return EXIT.usage;
  const command = table[request.command] as ((r: CliRequest, io: Io) => Promise<number>) | undefined;
  if (!command) throw new Error(`This bundle does not carry the "${request.command}" command`);
  try {
    return await command(request, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    // Problems with the file's content print as validation problems do (bare `path: message` lines).
    io.stderr(e instanceof ProblemsError ? `${e.message}\n` : `wifiprov: ${e.message}\n`);
    return EXIT.usage;
  }
}

/**
 * Whether argv asks for the NDJSON event stream on stderr: `--events ndjson` or `--events=ndjson` anywhere,
 * and no `--events-file`.
 */
export function ndjsonRequested(argv: readonly string[]): boolean {
  const events = argv.some((a, i) =>
    a === "--events=ndjson" || (a === "--events" && argv[i + 1] === "ndjson")
  );
  return events && !argv.some((a) => a === "--events-file" || a.startsWith("--events-file="));
}

/**
 * When `e` is Deno's InvalidData from reading an environment variable (commander reads the WIFIPROV_*
 * variables of the options), the name of the first option variable that cannot be read; else undefined.
 * Only the variable's name is returned: WIFIPROV_* names are ours, the value is never shown.
 */
function undecodableVariable(
  e: unknown,
  program: ReturnType<typeof buildProgram>,
  env: Record<string, string | undefined>,
): string | undefined {
  if (!(e instanceof Error) || e.name !== "InvalidData") return undefined;
  const names = program.commands.flatMap((c) => c.options.flatMap((o) => (o.envVar ? [o.envVar] : [])));
  for (const name of new Set(names)) {
    try {
      void env[name];
    } catch {
      return name;
    }
  }
  return undefined;
}
