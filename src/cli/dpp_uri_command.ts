// `wifiprov dpp-uri FILE --id ID`: the DPP URI of a `dpp` network computed by wifiprov itself from its key
// file, listen channel and the interface's MAC (what `dpp_bootstrap_get_uri` gives for the same), the QR code
// on a terminal, and SVG/PNG files for labels. Never prints or logs the key.
import { readInterfaceAddress } from "../adapters/sysfs.ts";
import { writeFileAtomic } from "../adapters/atomic_file.ts";
import { interfaceProblem } from "../plan/names.ts";
import { parseProvisioningText } from "../plan/load.ts";
import { formatProblem } from "../plan/plan.ts";
import { DEFAULT_LISTEN_FREQ_MHZ } from "../dpp/listen.ts";
import { terminalStyle } from "../colour.ts";
import { describeKeyProblem, parseDppKey } from "../dpp/key.ts";
import { createKeyFileIfMissing } from "../adapters/dpp_key_file.ts";
import { observePath, type PathFacts, samePath } from "../adapters/path_facts.ts";
import { channelForFreq, compactMac, dppUri } from "../dpp/uri.ts";
import { EXIT } from "../report/report.ts";
import { shown } from "./human.ts";
import {
  errnoText,
  type Io,
  printProblems,
  processSecrets,
  readProvisioningFile,
  UsageError,
} from "../adapters/process_io.ts";

/** Options of `dpp-uri`. */
export interface DppUriOptions {
  id: string;
  interface?: string;
  mac?: string;
  createKey?: true;
  svg?: string;
  png?: string;
  /** 2 (default: Debian 2.10/2.11, CONFIG_DPP2) adds `V:2;`; 1 for Debian 2.9. */
  dppVersion?: "1" | "2";
  /** Where interface MACs are read (`/sys/class/net`); tests point it elsewhere. */
  sysClassNet?: string;
}

/** Prints the URI on stdout (and the QR code on stderr when it is a terminal); writes the images asked for. */
export async function dppUriCommand(file: string, opts: DppUriOptions, io: Io): Promise<number> {
  const parsed = parseProvisioningText(await readProvisioningFile(file));
  if (!parsed.ok) {
    printProblems(parsed.problems, io, formatProblem);
    return EXIT.usage;
  }
  const index = parsed.file.networks.findIndex((n) => n.id === opts.id);
  const net = parsed.file.networks[index];
  if (!net) throw new UsageError(`--id: no network with id ${shown(opts.id)} in the file`);
  if (net.method !== "dpp") throw new UsageError(`--id: network ${shown(opts.id)} is not a dpp network`);
  if (!net.key) {
    throw new UsageError(
      `networks[${index}].key: a printed QR code needs a key file ({ file: PATH }) to stay valid`,
    );
  }
  const keyPath = net.key.file;
  // Every input is checked before the key is created or any file written: exit 2 leaves everything as found.
  const mac = await macFor(opts, parsed.file.interface);
  await checkImagePaths(opts, file, keyPath);
  if (opts.createKey) await createKey(keyPath, `networks[${index}].key`);
  const read = await processSecrets(io.env).readFile(keyPath);
  if (!read.ok) {
    const hint = read.reason === "no such file" ? " (use --create-key to make one)" : "";
    throw new UsageError(
      `networks[${index}].key: cannot read the file it names: ${read.reason}${hint}`,
    );
  }
  if ((read.mode & 0o077) !== 0) {
    const mode = (read.mode & 0o777).toString(8).padStart(4, "0");
    throw new UsageError(`networks[${index}].key: the file it names has mode ${mode}; make it 0600`);
  }
  const key = parseDppKey(read.text);
  if (!key.ok) throw new UsageError(`networks[${index}].key: ${describeKeyProblem(key.problem)}`);
  const channel = channelForFreq(net.listenFreq ?? DEFAULT_LISTEN_FREQ_MHZ)!; // the schema checked it
  const uri = dppUri({
    channel,
    mac,
    publicKeyDer: key.key.publicKeyDer,
    dppVersion: opts.dppVersion === "1" ? 1 : 2,
  });
  io.stdout(`${uri}\n`);
  const qr = await import("../dpp/qr.ts");
  if (io.stderrIsTty) io.stderr(qr.qrTerminal(uri, { colour: terminalStyle(true, io.env).colour }));
  if (opts.svg) await writePublic(opts.svg, await qr.qrSvg(uri));
  if (opts.png) await writePublic(opts.png, await qr.qrPng(uri));
  return EXIT.ok;
}

/** Creates the key file unless it exists; errors name the file by its field (`field`), never by its path. */
async function createKey(path: string, field: string): Promise<void> {
  try {
    const made = await createKeyFileIfMissing(path);
    if (made === "dangling-link") {
      throw new UsageError(
        `--create-key: the file ${field} names is a symbolic link to a missing file; remove the link or create its target`,
      );
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--create-key: cannot create the file ${field} names: ${errnoText(e)}`);
  }
}

/** --mac, else the interface's address from sysfs (the MAC the supplicant puts in its URI). */
async function macFor(opts: DppUriOptions, fileInterface: string | undefined): Promise<string> {
  if (opts.mac !== undefined) {
    const mac = compactMac(opts.mac);
    if (mac === null) {
      throw new UsageError(`--mac: "${opts.mac}" is not a MAC address like 02:00:00:00:01:00`);
    }
    return mac;
  }
  const iface = opts.interface ?? fileInterface;
  if (iface === undefined) {
    throw new UsageError("--interface: not given (nor --mac, nor `interface:` in the file)");
  }
  const bad = interfaceProblem(iface);
  if (bad !== null) throw new UsageError(`--interface: ${bad}`);
  const read = await readInterfaceAddress(iface, opts.sysClassNet);
  if (!read.ok) {
    throw new UsageError(
      `--interface: cannot read the MAC of "${iface}" from ${read.path}: ${errnoText(read.error)}`,
    );
  }
  const mac = compactMac(read.text);
  if (mac === null) throw new UsageError(`--interface: ${read.path} holds no MAC address`);
  return mac;
}

/**
 * Refuses image paths whose folder is missing or not a folder, that are folders themselves, that name the
 * plan or the key file (symlinks resolved, or the same device and inode), or that name each other.
 * @throws UsageError naming the option.
 */
async function checkImagePaths(opts: DppUriOptions, planPath: string, keyPath: string): Promise<void> {
  const images = ([["--svg", opts.svg], ["--png", opts.png]] as const).flatMap(([flag, path]) =>
    path === undefined ? [] : [{ flag, path }]
  );
  if (images.length === 0) return;
  const plan = await observePath(planPath);
  const key = await observePath(keyPath);
  const seen: { flag: string; facts: PathFacts }[] = [];
  for (const { flag, path } of images) {
    const facts = await observePath(path);
    if (facts.folder !== "directory") {
      const what = facts.folder === "missing" ? "does not exist" : "is not a folder";
      throw new UsageError(`${flag}: the folder of "${path}" ${what}`);
    }
    if (facts.isDirectory) throw new UsageError(`${flag}: "${path}" is a folder; give a file name`);
    if (samePath(facts, plan)) throw new UsageError(`${flag}: "${path}" is the provisioning file itself`);
    if (samePath(facts, key)) throw new UsageError(`${flag}: "${path}" is the network's DPP key file`);
    const twin = seen.find((s) => samePath(s.facts, facts));
    if (twin) throw new UsageError(`${flag}: "${path}" is the same file as ${twin.flag}`);
    seen.push({ flag, facts });
  }
}

/** Images are public (the URI holds only the public key): written whole, then renamed into place. */
async function writePublic(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(path, data, 0o644);
  } catch (e) {
    throw new UsageError(`Cannot write "${path}": ${errnoText(e)}`);
  }
}
