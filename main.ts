// Composition root: argv → the command bundle that serves it → exit code. The bundles (src/entry/) are
// separate modules, embedded as such in the Bun binary, so `--version` parses none of the libraries and the
// file commands never parse dax. The only module that exits.
import { EXIT } from "./src/report/codes.ts";
import { completeIo, type Io, type IoInput } from "./src/cli/io_port.ts";
import { type Entry, type EntryName, registeredEntry } from "./src/entry/registry.ts";
import { VERSION } from "./src/version.ts";
import { stderrIsTerminal } from "./src/adapters/terminal.ts";

/**
 * The real process's output. Whole lines go through console.log/console.error: in a Bun binary the first
 * touch of `process.stdout`/`process.stderr` builds Node's stream layer, ~10 MiB of peak RSS and ~25 ms
 * (~450 ms under TCG emulation; issue 13, measured against a hello world). Those streams are used only for a
 * partial line (the live progress line on a terminal), and are touched only then; whether stderr is a
 * terminal is asked of its file descriptor (adapters/terminal.ts).
 */
const processIo: Io = {
  stdout: (text) => writeLines(text, (line) => console.log("%s", line), () => process.stdout),
  stderr: (text) => writeLines(text, (line) => console.error("%s", line), () => process.stderr),
  get stderrIsTty() {
    return stderrIsTerminal();
  },
  env: process.env,
};

function writeLines(text: string, line: (text: string) => void, stream: () => NodeJS.WriteStream): void {
  if (text.endsWith("\n")) line(text.slice(0, -1));
  else withoutPipeErrors(stream()).write(text);
}

const guarded = new WeakSet<NodeJS.WriteStream>();

/**
 * A reader that went away (EPIPE) must not end the run before the supplicant is given back: the stream's
 * error is dropped, as the lost write is. console.log/console.error need no such guard (Bun and Deno drop
 * such writes; checked with a closed pipe on both).
 */
function withoutPipeErrors(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (!guarded.has(stream)) {
    stream.on("error", () => {});
    guarded.add(stream);
  }
  return stream;
}

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
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  // Any argument naming such a command picks the full bundle: a file named "scan" only costs load time.
  const entry = await loadEntry(argv.some((a) => SUPPLICANT_COMMANDS.has(a)) ? "supplicant" : "files");
  return await entry.run(argv, io);
}

async function loadEntry(name: EntryName): Promise<Entry> {
  // A computed specifier, so that Bun does not inline the bundle into this one.
  return registeredEntry(name) ?? await import(new URL(ENTRY_MODULES[name], import.meta.url).href) as Entry;
}

if (import.meta.main) {
  // Exit explicitly: a monitor child or timer must not keep a finished run alive. No top-level await: the
  // Node single-executable build (armv7l) is one CommonJS script, where it is a syntax error.
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
