// Pure: every decision about wifiprov's target files, from facts observed on disk (adapters/disk_facts.ts):
// is the output folder usable, and for each `<id>.conf` (and wpa_supplicant-IFACE.conf): write, enrol,
// keep, replace, conflict or refuse. validate-time collisions, --dry-run and the run all ask here.
import type { Problem } from "../plan/plan.ts";
import { bytesEqual, utf8Encode } from "../bytes.ts";
import { decodeConfigValue, parseConfigText } from "./parse.ts";
import type { NETWORK_METHODS, TARGET_ACTIONS } from "../report/codes.ts";

/** Whether wifiprov could create a file in a folder; `error` is short errno text ("read-only file system"). */
export type WritableFact = { ok: true } | { ok: false; error: string };

/**
 * What is at the output folder's path (a symlinked folder is followed: read-only-root images use one). A
 * symlink to nothing, at the folder or at the first existing path above it, is `dangling`: creating the
 * folder through it would fail.
 */
export type DirFacts =
  | { kind: "directory"; worldWritable: boolean; writable: WritableFact }
  | { kind: "absent"; ancestor: string; ancestorIsDir: boolean; writable: WritableFact }
  | { kind: "dangling"; link: string; target: string }
  | { kind: "not-directory" }
  | { kind: "unusable"; error: string };

/** What is at one target path (never followed: a symlink is reported as such). */
export type TargetFacts =
  | { kind: "absent" }
  | { kind: "symlink" }
  | { kind: "not-file" }
  | { kind: "unreadable"; error: string }
  | {
    kind: "file";
    bytes: Uint8Array;
    /** Permission bits, e.g. 0o644. */
    mode: number;
    /** Its first line is wifiprov's header (render.ts `wifiprovWrote`). */
    ours: boolean;
  };

/** What the output folder allows: go on (creating it first), refuse as bad input (exit 2), or exit 3. */
export type DirVerdict =
  | { kind: "ok"; create: boolean }
  | { kind: "invalid"; problem: Problem }
  | { kind: "environment"; reason: "output-dir-unusable" | "output-dir-unwritable"; message: string };

/** Decides whether configs can be written into `dir`, before any WPS exchange is wasted on it. */
export function decideOutputDir(dir: string, facts: DirFacts): DirVerdict {
  switch (facts.kind) {
    case "unusable":
      return { kind: "environment", reason: "output-dir-unusable", message: unwritable(dir, facts.error) };
    case "not-directory":
      return { kind: "environment", reason: "output-dir-unusable", message: `"${dir}" is not a directory` };
    case "dangling": {
      const where = facts.link === dir ? `"${dir}"` : `"${facts.link}" (above it)`;
      const message = `output directory "${dir}" cannot be created: ${where} is a symbolic link to ` +
        `"${facts.target}", which does not exist`;
      return { kind: "environment", reason: "output-dir-unusable", message };
    }
    case "absent":
      if (!facts.ancestorIsDir) {
        const message = `output directory "${dir}" cannot be created: "${facts.ancestor}" is not a directory`;
        return { kind: "environment", reason: "output-dir-unusable", message };
      }
      return facts.writable.ok ? { kind: "ok", create: true } : {
        kind: "environment",
        reason: "output-dir-unwritable",
        message: unwritable(dir, facts.writable.error),
      };
    case "directory":
      if (facts.worldWritable) {
        return {
          kind: "invalid",
          problem: { path: "outputDir", message: `output directory "${dir}" is world-writable` },
        };
      }
      return facts.writable.ok ? { kind: "ok", create: false } : {
        kind: "environment",
        reason: "output-dir-unwritable",
        message: unwritable(dir, facts.writable.error),
      };
  }
}

function unwritable(dir: string, error: string): string {
  return `output directory "${dir}" is not writable: ${error}`;
}

/** What should be at a target: this exact text, or (before WPS) a config holding this network. */
export type Wanted =
  | { kind: "text"; text: string }
  /** A network still to be enrolled (WPS or DPP), whose file is written from what the supplicant received. */
  | { kind: "enrolled"; enrol: "enrol-wps" | "enrol-dpp"; ssid?: string };

/** The outcome for one target; "refuse" carries the report reason and a one-line message. */
export type TargetAction = typeof TARGET_ACTIONS[number];
export type TargetDecision =
  | { action: TargetAction }
  | {
    action: "refuse";
    reason: "target-is-symlink" | "target-not-file" | "target-unreadable";
    message: string;
  };

/**
 * The rule for `<id>.conf`: absent → write (or enrol by WPS); identical text, or for WPS a file holding the
 * network's SSID (any SSID when the plan names none) → keep; anything else is replaced only with `force`
 * (a .bak is kept), otherwise a conflict. A symlink is never followed, a non-regular file never replaced.
 */
export function decideTarget(
  path: string,
  wanted: Wanted,
  force: boolean,
  facts: TargetFacts,
): TargetDecision {
  const refused = refusal(path, facts);
  if (refused) return refused;
  if (facts.kind !== "file") return { action: wanted.kind === "enrolled" ? wanted.enrol : "write" };
  const same = wanted.kind === "text"
    ? bytesEqual(facts.bytes, utf8Encode(wanted.text))
    : !force && holds(facts.bytes, wanted.ssid);
  if (same) return { action: "keep" };
  return { action: force ? "replace" : "conflict" };
}

/**
 * The rule for wpa_supplicant-IFACE.conf, the only file the stock wpa_supplicant@IFACE unit reads: like
 * `<id>.conf`, except that a file wifiprov wrote (its header) is replaced without `force`; a hand-written
 * one only with `force`.
 */
export function decideAssembled(
  path: string,
  text: string | undefined,
  force: boolean,
  facts: TargetFacts,
): TargetDecision {
  // Before the run the text is not known yet (it is built from the files the run writes): nothing is identical.
  const decision = text === undefined
    ? refusal(path, facts) ?? { action: facts.kind !== "file" ? "write" : force ? "replace" : "conflict" }
    : decideTarget(path, { kind: "text", text }, force, facts);
  return decision.action === "conflict" && facts.kind === "file" && facts.ours
    ? { action: "replace" }
    : decision;
}

/**
 * Whether replacing `existing` keeps it as `<id>.conf.bak` (the dry-run's words and the run both ask here): yes, except when the .bak holds a hand-written
 * file and `existing` is wifiprov's own output (the user's only copy is never overwritten by ours).
 */
export function decideBackup(existing: TargetFacts, previousBackup: TargetFacts): boolean {
  if (existing.kind !== "file") return false;
  return !(previousBackup.kind === "file" && !previousBackup.ours && existing.ours);
}

function refusal(path: string, facts: TargetFacts): TargetDecision | undefined {
  switch (facts.kind) {
    case "symlink":
      return {
        action: "refuse",
        reason: "target-is-symlink",
        message: `"${path}" is a symbolic link; refusing to follow it`,
      };
    case "not-file":
      return {
        action: "refuse",
        reason: "target-not-file",
        message: `"${path}" exists and is not a regular file`,
      };
    case "unreadable":
      return {
        action: "refuse",
        reason: "target-unreadable",
        message: `Cannot inspect "${path}": ${facts.error}`,
      };
    default:
      return undefined;
  }
}

/** Whether a config's first network has `ssid` (any SSID when `ssid` is undefined). */
function holds(bytes: Uint8Array, ssid: string | undefined): boolean {
  const value = parseConfigText(new TextDecoder().decode(bytes)).networks[0]?.get("ssid");
  const got = value === undefined ? null : decodeConfigValue(value);
  return got !== null && (ssid === undefined || bytesEqual(got, utf8Encode(ssid)));
}

/** The id whose `<id>.conf` would be the assembled file of `iface` (wpa_supplicant-IFACE.conf). */
export function assembledId(iface: string): string {
  return `wpa_supplicant-${iface}`;
}

/** One network of a run, as the decisions see it; `text` is the rendered config of a psk network. */
export interface NetworkQuestion {
  id: string;
  method: typeof NETWORK_METHODS[number];
  ssid?: string;
  text?: string;
}

/** The whole run's question: where, for which interface, forced or not, which networks, which other paths. */
export interface RunQuestion {
  outputDir: string;
  iface: string | null;
  force: boolean;
  networks: ReadonlyArray<NetworkQuestion & { path: string }>;
  /** With --assemble: the assembled file (its text is not known before the run). */
  assembled?: { path: string };
  /** --report-file as given. */
  reportFile?: string;
  /** --events-file as given. */
  eventsFile?: string;
}

/**
 * What is at an output file's path (--report-file, --events-file), the path itself (lstat): nothing, a
 * regular file, or something the write would destroy, corrupt or block on: a folder, a symbolic link (the
 * report's rename would replace the link, not its target), a device, a FIFO or a socket (e.g. /dev/full,
 * /dev/stdout, a FIFO nobody reads).
 */
export type OutputPathKind =
  | "absent"
  | "file"
  | "directory"
  | "symlink"
  | "character device"
  | "block device"
  | "FIFO"
  | "socket";

/** Where paths really are, to tell two spellings of one file apart (symlinked folders resolved). */
export interface RealPaths {
  /** The output folder, its symlinks resolved as far as it exists. */
  outputDir: string;
  /** The provisioning file (link resolved), when it is a file on disk. */
  planFile?: string;
  /** --report-file: where it really is and what is at the path now (the path itself, links not followed). */
  reportFile?: { real: string; kind: OutputPathKind };
  /** --events-file: the same facts. */
  eventsFile?: { real: string; kind: OutputPathKind };
}

/**
 * Facts for a whole run: the folder and, when it is a folder, every target (and its `.bak`) by network id
 * (the assembled file by `assembledId`), and the real paths.
 */
export interface DiskFacts {
  dir: DirFacts;
  targets: ReadonlyMap<string, TargetFacts>;
  backups?: ReadonlyMap<string, TargetFacts>;
  real?: RealPaths;
}

/** A target's action and, for a replace, whether the old file is kept as `.bak` (decideBackup). */
export interface Planned {
  action: TargetAction;
  backup: boolean;
}

/** Before anything is touched: refuse (exit 2), stop (exit 3) or go with an action per network. */
export type RunDecision =
  | { kind: "invalid"; problems: Problem[] }
  | { kind: "environment"; reason: "output-dir-unusable" | "output-dir-unwritable"; message: string }
  | { kind: "go"; createDir: boolean; actions: TargetAction[]; backups: boolean[]; assembled?: Planned };

/**
 * Decides a run from its facts, in the order the run meets them: ids colliding with the assembled file,
 * --report-file against every other path, the output folder, then each target and the assembled file.
 * Used by `provision` and `provision --dry-run` alike.
 */
export function decideRun(q: RunQuestion, facts: DiskFacts): RunDecision {
  const problems = assembledIdProblems(q.networks.map((n) => n.id), q.iface);
  problems.push(...outputFileProblems(q, facts.real));
  const dir = decideOutputDir(q.outputDir, facts.dir);
  if (dir.kind === "invalid") problems.push(dir.problem);
  if (dir.kind === "environment") {
    return problems.length > 0 ? { kind: "invalid", problems } : { ...dir, kind: "environment" };
  }
  const actions: TargetAction[] = [];
  const backups: boolean[] = [];
  for (const [i, net] of q.networks.entries()) {
    const wanted: Wanted = net.text !== undefined
      ? { kind: "text", text: net.text }
      : enrolledWanted(net.method, net.ssid);
    const target = facts.targets.get(net.id) ?? { kind: "absent" };
    const d = decideTarget(net.path, wanted, q.force, target);
    if (d.action === "refuse") problems.push({ path: `networks[${i}].id`, message: d.message });
    else {
      actions.push(d.action);
      backups.push(d.action === "replace" && decideBackup(target, facts.backups?.get(net.id) ?? absent));
    }
  }
  const planned = q.assembled && q.iface !== null
    ? planAssembled(q.assembled.path, assembledId(q.iface), q.force, facts)
    : undefined;
  if (planned && "problem" in planned) problems.push(planned.problem);
  if (problems.length > 0) return { kind: "invalid", problems };
  const assembled = planned && !("problem" in planned) ? planned : undefined;
  const createDir = dir.kind === "ok" && dir.create;
  return { kind: "go", createDir, actions, backups, ...(assembled ? { assembled } : {}) };
}

const absent: TargetFacts = { kind: "absent" };

function planAssembled(
  path: string,
  id: string,
  force: boolean,
  facts: DiskFacts,
): Planned | { problem: Problem } {
  const target = facts.targets.get(id) ?? absent;
  const d = decideAssembled(path, undefined, force, target);
  if (d.action === "refuse") return { problem: { path: "--assemble", message: d.message } };
  return {
    action: d.action,
    backup: d.action === "replace" && decideBackup(target, facts.backups?.get(id) ?? absent),
  };
}

/**
 * --report-file and --events-file must be regular files or new paths, and not the provisioning file or a file the run writes
 * (`<id>.conf`, its `.bak`, the assembled file and its `.bak`): the report replaces what is there by a rename
 * (and --consume then deletes the provisioning file). A folder, a link, a device, a FIFO or a socket would be
 * replaced by a plain file (/dev/full, /dev/stdout), so they are refused; the report is on stdout anyway.
 */
export function outputFileProblems(q: RunQuestion, real: RealPaths | undefined): Problem[] {
  if (!real) return [];
  const found: Problem[] = [];
  const report = outputFileProblem("--report-file", "report", q.reportFile, real.reportFile, q, real);
  if (report) found.push(report);
  const events = outputFileProblem("--events-file", "events", q.eventsFile, real.eventsFile, q, real, [
    "character device",
  ]);
  if (events) found.push(events);
  else if (q.eventsFile !== undefined && real.eventsFile?.real === real.reportFile?.real) {
    found.push({
      path: "--events-file",
      message: `"${q.eventsFile}" is the --report-file too; choose another path`,
    });
  }
  return found;
}

/**
 * One output file's rule: a regular file or a new path (or one of `alsoAllowed`), not the provisioning file
 * nor a file the run writes. --report-file is renamed into place, so nothing else will do; --events-file is
 * appended to (links followed), so a character device (a console, a terminal, /dev/null) is fine, while a
 * FIFO with no reader would block the run for good and a block device would be written over.
 */
function outputFileProblem(
  flag: string,
  what: string,
  given: string | undefined,
  at: { real: string; kind: OutputPathKind } | undefined,
  q: RunQuestion,
  real: RealPaths,
  alsoAllowed: readonly OutputPathKind[] = [],
): Problem | undefined {
  if (given === undefined || !at) return undefined;
  const refuse = (is: string) => ({ path: flag, message: `"${given}" is ${is}; choose another path` });
  if (at.kind === "directory") return refuse("a directory");
  if (at.kind === "symlink") return refuse(`a symbolic link (the ${what} file must be a regular file)`);
  if (at.kind !== "file" && at.kind !== "absent" && !alsoAllowed.includes(at.kind)) {
    return refuse(
      `a ${at.kind} (the ${what} file must be a regular file; the ${what} can go to stdout/stderr)`,
    );
  }
  if (real.planFile !== undefined && at.real === real.planFile) return refuse("the provisioning file");
  const names = q.networks.map((n) => `${n.id}.conf`);
  if (q.assembled && q.iface !== null) names.push(`${assembledId(q.iface)}.conf`);
  for (const name of names.flatMap((n) => [n, `${n}.bak`])) {
    if (at.real === `${real.outputDir.replace(/\/+$/, "")}/${name}`) {
      return refuse(`${name}, a file this run writes`);
    }
  }
  return undefined;
}

/**
 * The ids whose `<id>.conf` would be the assembled file of `iface` (wpa_supplicant-IFACE.conf), as problems
 * naming the field; none when the interface is not known. Used by validate, provision and assemble.
 */
export function assembledIdProblems(ids: readonly string[], iface: string | null | undefined): Problem[] {
  if (iface === null || iface === undefined) return [];
  const name = assembledId(iface);
  return ids.flatMap((id, i) =>
    id === name
      ? [{
        path: `networks[${i}].id`,
        message:
          `"${id}" would be ${name}.conf, the file \`assemble\` writes for ${iface}; choose another id`,
      }]
      : []
  );
}

/** What an enrolled network (WPS or DPP) wants at its target: a file holding its SSID, if the plan names one. */
export function enrolledWanted(method: typeof NETWORK_METHODS[number], ssid: string | undefined): Wanted {
  const enrol = method === "dpp" ? "enrol-dpp" as const : "enrol-wps" as const;
  return { kind: "enrolled", enrol, ...(ssid === undefined ? {} : { ssid }) };
}
