// The command-line surface: commands, options, help text and the WIFIPROV_* environment variables, turned
// into typed requests. Parsing only; main.ts runs the request and decides the exit code.
import { Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
export { CommanderError } from "@commander-js/extra-typings";
import { MAX_TIMEOUT_SECONDS } from "../plan/limits.ts";
import { driverListProblem } from "../plan/driver_list.ts";
import { ctrlDirProblem, interfaceProblem, pathProblem } from "../plan/names.ts";
import { DEFAULTS } from "../plan/settings.ts";
import { VERSION } from "../version.ts";

/** What the user asked for. */
export type CliRequest =
  | { command: "provision"; file: string; opts: ProvisionOptions }
  | { command: "validate"; file: string; opts: import("./validate_command.ts").ValidateOptions }
  | { command: "schema"; which: "file" | "report" | "events" | "dry-run" }
  | { command: "scan"; opts: ScanOptions }
  | { command: "assemble"; file: string; opts: { interface?: string; outputDir?: string; force?: true } }
  | { command: "dpp-uri"; file: string; opts: import("./dpp_uri_command.ts").DppUriOptions };

/** Options of `provision`, as parsed. */
export interface ProvisionOptions {
  interface?: string;
  outputDir?: string;
  ctrlDir?: string;
  lockDir?: string;
  timeout?: number;
  dryRun?: true;
  force?: true;
  startSupplicant: boolean;
  keepNetwork: boolean;
  wpaCli?: string;
  wpaSupplicant?: string;
  supplicantDriver?: string;
  quiet?: true;
  only?: string[];
  skip?: string[];
  events?: "ndjson";
  eventsFile?: string;
  reportFile?: string;
  consume?: true;
  setCountry?: true;
  assemble?: true;
  ignoreManager?: true;
}

/** Options of `scan`. */
export interface ScanOptions {
  interface: string;
  lockDir?: string;
  ctrlDir: string;
  wpaCli: string;
}

function parseTimeout(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_TIMEOUT_SECONDS) {
    throw new InvalidArgumentError(`must be a whole number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}`);
  }
  return n;
}

/** An argParser from a shared rule (plan/names.ts, plan/driver_list.ts): the file schema uses the same. */
function ruled(problem: (value: string) => string | null): (value: string) => string {
  return (value) => {
    const found = problem(value);
    if (found !== null) throw new InvalidArgumentError(found);
    return value;
  };
}

const parseDriverList = ruled(driverListProblem);
const parseInterface = ruled(interfaceProblem);
const parseCtrlDir = ruled(ctrlDirProblem);
const parsePath = ruled(pathProblem);

/** `--only`/`--skip`: one id per use or a comma list, repeatable; never swallows the file argument. */
function collectIds(value: string, previous: string[] | undefined): string[] {
  const ids = value.split(",");
  if (ids.some((id) => id === "")) throw new InvalidArgumentError("must be network ids separated by commas");
  return [...(previous ?? []), ...ids];
}

const interfaceOption = () =>
  new Option("-i, --interface <name>", "wireless interface").env("WIFIPROV_INTERFACE").argParser(
    parseInterface,
  );

const outputDirOption = (help: string) =>
  new Option("-o, --output-dir <dir>", help).env("WIFIPROV_OUTPUT_DIR").argParser(parsePath);

const ctrlDirOption = () =>
  new Option("--ctrl-dir <dir>", `wpa_supplicant control directory (default ${DEFAULTS.ctrlDir})`).env(
    "WIFIPROV_CTRL_DIR",
  ).argParser(parseCtrlDir);

const EXIT_CODES_HELP = `
Exit codes:
  0    every network provisioned or unchanged
  1    at least one network failed (see the report)
  2    usage or validation error (nothing was touched)
  3    environment error (wpa_cli/wpa_supplicant missing, control socket unreachable, output dir unwritable,
       another agent holds the lock of the output dir or of the interface, radio disabled, supplicant or event monitor gone, another network
       manager owns the interface)
  130  interrupted (SIGINT/SIGTERM/SIGHUP); WPS was cancelled and the supplicant restored`;

/** Builds the commander program; `onRequest` receives the parsed request of whichever command ran. */
export function buildProgram(
  onRequest: (req: CliRequest) => void,
  output: {
    writeOut: (text: string) => void;
    writeErr: (text: string) => void;
    /** Formats an error message before writeErr (help text does not pass here). */
    outputError?: (text: string, write: (text: string) => void) => void;
  },
): Command {
  // Output is configured before the subcommands exist: they copy it when created.
  const program = new Command("wifiprov")
    .configureOutput(output)
    .description(
      "Headless Wi-Fi provisioning: WPS push-button through wpa_cli, one wpa_supplicant config per network",
    )
    .version(VERSION, "-V, --version")
    // One line per usage error (the option and the problem); --help shows the rest.
    .addHelpText("after", EXIT_CODES_HELP)
    .exitOverride();

  program.command("provision").argument("<file>", "provisioning file (YAML or JSON)")
    .description(
      "run the plan: enrol WPS networks, write one config per network, print the JSON report on stdout",
    )
    .addOption(interfaceOption())
    .addOption(outputDirOption(`where <id>.conf files go (default ${DEFAULTS.outputDir})`))
    .addOption(ctrlDirOption())
    .addOption(lockDirOption())
    .addOption(
      new Option("-t, --timeout <seconds>", `WPS wait per network (default ${DEFAULTS.timeoutSec})`).env(
        "WIFIPROV_TIMEOUT",
      ).argParser(parseTimeout),
    )
    .option("--dry-run", "print the plan as JSON and touch nothing")
    .option("--force", "replace existing files (the old one is kept as <id>.conf.bak) and enrol again")
    .option("--no-start-supplicant", "fail (exit 3) instead of starting wpa_supplicant when none is running")
    .option(
      "--no-keep-network",
      "after a WPS success, remove the network that connected from the running supplicant (no runtime trace)",
    )
    .addOption(new Option("--wpa-cli <path>", "wpa_cli program").env("WIFIPROV_WPA_CLI").argParser(parsePath))
    .addOption(
      new Option("--wpa-supplicant <path>", "wpa_supplicant program").env("WIFIPROV_WPA_SUPPLICANT")
        .argParser(parsePath),
    )
    .addOption(
      new Option(
        "--supplicant-driver <list>",
        `driver list (-D) for a wpa_supplicant wifiprov starts (default ${DEFAULTS.supplicantDriver})`,
      ).env("WIFIPROV_SUPPLICANT_DRIVER").argParser(parseDriverList),
    )
    .option("-q, --quiet", "no progress lines on stderr")
    .option("--only <ids>", "provision only these networks (comma-separated, repeatable)", collectIds)
    .option("--skip <ids>", "leave these networks out (comma-separated, repeatable)", collectIds)
    .addOption(
      new Option("--events <format>", "stream state changes as JSON lines (to stderr or --events-file)")
        .choices(["ndjson"] as const),
    )
    .option("--events-file <path>", "write the event stream to this file instead of stderr", parsePath)
    .option(
      "--report-file <path>",
      "also write the report to this file (e.g. /var/lib/wifiprov/last-report.json)",
      parsePath,
    )
    .option("--consume", "after every network succeeded, move the provisioning file aside to <file>.done")
    .option(
      "--set-country",
      "also set the file's country code on the running supplicant (wpa_cli set country)",
    )
    .option("--assemble", "afterwards, write wpa_supplicant-<interface>.conf with every network of the file")
    .option(
      "--ignore-manager",
      "go ahead even if NetworkManager, connman, iwd or a D-Bus-only wpa_supplicant seems to own the interface",
    )
    .action((file, opts) => onRequest({ command: "provision", file, opts: opts as ProvisionOptions }));

  program.command("assemble").argument("<file>", "provisioning file (YAML or JSON)")
    .description(
      "write wpa_supplicant-<interface>.conf with the network blocks of every <id>.conf of the file",
    )
    .addOption(interfaceOption())
    .addOption(
      new Option("-o, --output-dir <dir>", `where the <id>.conf files are (default ${DEFAULTS.outputDir})`)
        .env("WIFIPROV_OUTPUT_DIR").argParser(parsePath),
    )
    .option("--force", "replace a wpa_supplicant-<interface>.conf that wifiprov did not write (kept as .bak)")
    .action((file, opts) => onRequest({ command: "assemble", file, opts }));

  program.command("dpp-uri").argument("<file>", "provisioning file (YAML or JSON)")
    .description("print the DPP (Wi-Fi Easy Connect) URI of a dpp network, and its QR code on a terminal")
    .requiredOption("--id <id>", "the dpp network")
    .addOption(
      new Option("-i, --interface <name>", "interface whose MAC goes in the URI").env("WIFIPROV_INTERFACE")
        .argParser(parseInterface),
    )
    .option("--mac <address>", "the MAC to put in the URI instead of the interface's (labels made elsewhere)")
    .option("--create-key", "create the network's key file (0600) when it does not exist")
    .addOption(new Option("--svg <path>", "also write the QR code as SVG").argParser(parsePath))
    .addOption(new Option("--png <path>", "also write the QR code as PNG").argParser(parsePath))
    .addOption(
      new Option("--dpp-version <n>", "2 for wpa_supplicant 2.10+ (V:2 in the URI), 1 for 2.9").choices(
        ["1", "2"] as const,
      ),
    )
    .action((file, opts) => onRequest({ command: "dpp-uri", file, opts }));

  program.command("validate").argument("<file>", "provisioning file (YAML or JSON)")
    .description(
      "check the file with the settings provision would use; print nothing but its problems (exit 0 or 2)",
    )
    .addOption(interfaceOption())
    .addOption(outputDirOption(`where <id>.conf files go (default ${DEFAULTS.outputDir})`))
    .addOption(ctrlDirOption())
    .action((file, opts) => onRequest({ command: "validate", file, opts }));

  program.command("schema").description(
    "print the JSON Schema of the provisioning file (or of the report, events or dry-run document)",
  )
    .option("--report", "the JSON Schema of the report instead")
    .option("--events", "the JSON Schema of one --events ndjson line instead")
    .option("--dry-run", "the JSON Schema of the provision --dry-run document instead")
    .action((opts) =>
      onRequest({
        command: "schema",
        which: opts.report ? "report" : opts.events ? "events" : opts.dryRun ? "dry-run" : "file",
      })
    );

  program.command("scan").description("list the access points in range with their WPS state, as JSON")
    .addOption(interfaceOption().makeOptionMandatory())
    .addOption(
      new Option("--ctrl-dir <dir>", "wpa_supplicant control directory").env("WIFIPROV_CTRL_DIR").default(
        DEFAULTS.ctrlDir,
      ).argParser(parseCtrlDir),
    )
    .addOption(
      new Option("--wpa-cli <path>", "wpa_cli program").env("WIFIPROV_WPA_CLI").default(DEFAULTS.wpaCli)
        .argParser(parsePath),
    )
    .addOption(lockDirOption())
    .action((opts) => onRequest({ command: "scan", opts }));

  return program;
}

/** `--lock-dir`: where the per-interface lock goes; shared by every command that talks to a supplicant. */
function lockDirOption() {
  return new Option(
    "--lock-dir <dir>",
    `where the per-interface lock goes (default ${DEFAULTS.lockDir}, else a private run-time folder)`,
  ).env("WIFIPROV_LOCK_DIR").argParser(parsePath);
}
