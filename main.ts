// Composition root: argv → parsed request → the command that serves it → exit code. Command modules are
// loaded lazily so `--version` and `--help` start without YAML, zod or dax. The only module that exits.
import type { CliRequest } from "./src/cli.ts";
import { EXIT } from "./src/report.ts";
import { completeIo, type Io, type IoInput, UsageError } from "./src/commands/io.ts";
import { VERSION } from "./src/version.ts";

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
  env: process.env,
};

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[], given: IoInput = processIo): Promise<number> {
  const io = completeIo(given);
  // Image builders and fleet tools call --version a lot: answer it without loading the CLI library.
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const { buildProgram, CommanderError } = await import("./src/cli.ts");
  let request: CliRequest | undefined;
  const program = buildProgram((r) => (request = r), { writeOut: io.stdout, writeErr: io.stderr });
  try {
    program.parse(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw e;
  }
  if (!request) return EXIT.usage;
  try {
    return await dispatch(request, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`wifiprov: ${e.message}\n`);
    return EXIT.usage;
  }
}

async function dispatch(request: CliRequest, io: Io): Promise<number> {
  switch (request.command) {
    case "schema":
      return await (await import("./src/commands/validate.ts")).schemaCommand(request.which, io);
    case "validate":
      return await (await import("./src/commands/validate.ts")).validateCommand(request.file, io);
    case "provision":
      return await (await import("./src/commands/provision.ts")).provisionCommand(
        request.file,
        request.opts,
        io,
      );
    case "assemble":
      return await (await import("./src/commands/assemble.ts")).assembleCommand(
        request.file,
        request.opts,
        io,
      );
    case "scan":
      return await (await import("./src/commands/scan.ts")).scanCommand(request.opts, io);
  }
}

if (import.meta.main) {
  // A reader that went away (stdout or stderr closed: EPIPE) must not end the run before the supplicant
  // is given back; the writes are simply lost.
  process.stdout.on("error", () => {});
  process.stderr.on("error", () => {});
  // Exit explicitly: a monitor child or timer must not keep a finished run alive. No top-level await: the
  // Node single-executable build (armv7l) is one CommonJS script, where it is a syntax error.
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
