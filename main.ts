// Composition root: argv → the command bundle that serves it → exit code. The bundles (src/entry/) are
// separate modules, embedded as such in the Bun binary, so `--version` parses none of the libraries and the
// file commands never parse dax. The only module that exits.
import { EXIT } from "./src/report/codes.ts";
import { errnoText } from "./src/errors.ts";
import { completeIo, type Io, type IoInput } from "./src/cli/io_port.ts";
import { type Entry, type EntryName, registeredEntry } from "./src/entry/registry.ts";
import { VERSION } from "./src/version.ts";
import { stderrIsTerminal } from "./src/adapters/terminal.ts";
import { FdWriter } from "./src/adapters/std_write.ts";

/** The process's stop request (SIGINT, SIGTERM, SIGHUP), caught from the start for supplicant commands. */
const stop = new AbortController();
const stopRequested = stop.signal;

const stdoutWriter = new FdWriter(1);
const stderrWriter = new FdWriter(2);

/**
 * The real process's output: written to the descriptors (adapters/std_write.ts), so no line is coloured by
 * the runtime and Node's stream layer is never built (~10 MiB of peak RSS, ~450 ms of a start under
 * emulation; issue 13). Whether stderr is a terminal is asked of its descriptor (adapters/terminal.ts).
 */
const processIo: Io = {
  stdout: (text) => stdoutWriter.write(text),
  stderr: (text) => stderrWriter.write(text),
  get stderrIsTty() {
    return stderrIsTerminal();
  },
  env: process.env,
  signal: stopRequested,
  stdoutLost: () => stdoutWriter.state.kind === "failed",
};

/** Where each bundle's module is, relative to this file (also the paths `scripts/dist/bun.ts` embeds). */
export const ENTRY_MODULES: Readonly<Record<EntryName, string>> = {
  files: "./src/entry/files.ts",
  supplicant: "./src/entry/supplicant.ts",
};

/** Commands that drive wpa_supplicant and so need the bundle with dax. */
const SUPPLICANT_COMMANDS = new Set(["provision", "scan"]);

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[], given: IoInput = processIo): Promise<number> {
  const io = completeIo(given);
  // Image builders and fleet tools call --version a lot: answer it without loading the CLI library.
  let code: number;
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
    io.stdout(`${VERSION}\n`);
    code = EXIT.ok;
  } else {
    // Any argument naming such a command picks the full bundle: a file named "scan" only costs load time.
    const entry = await loadEntry(argv.some((a) => SUPPLICANT_COMMANDS.has(a)) ? "supplicant" : "files");
    code = await entry.run(argv, io);
  }
  return given === processIo ? withLostOutput(code) : code;
}

/**
 * A report or document that could not be written to stdout (disk full, I/O error) is an environment
 * failure, exit 3, said on stderr; a reader that went away or a closed stdout is the caller's choice.
 */
function withLostOutput(code: number): number {
  const state = stdoutWriter.state;
  if (state.kind !== "failed") return code;
  stderrWriter.write(
    `wifiprov: cannot write to stdout: ${errnoText({ code: state.code })}; the output is lost\n`,
  );
  return code === EXIT.ok || code === EXIT.networkFailed ? EXIT.environment : code;
}

async function loadEntry(name: EntryName): Promise<Entry> {
  // A computed specifier, so that Bun does not inline the bundle into this one.
  return registeredEntry(name) ?? await import(new URL(ENTRY_MODULES[name], import.meta.url).href) as Entry;
}

if (import.meta.main) {
  // A stop request from the very start of a run that may touch the supplicant: the run's own handlers come
  // only after its bundle is loaded (seconds under emulation), and a signal before them killed the process
  // with exit 143 and no report. Caught here, the run begins stopped: nothing touched, exit 130, a report.
  if (process.argv.slice(2).some((a) => SUPPLICANT_COMMANDS.has(a))) {
    for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(s, () => stop.abort());
  }
  // Exit explicitly: a monitor child or timer must not keep a finished run alive. No top-level await: the
  // Node single-executable build (armv7l) is one CommonJS script, where it is a syntax error.
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
