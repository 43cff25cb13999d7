// The machine-readable reason codes of the report and events, the error classes that carry them (and
// what the exit code needs), and the one errno-to-text mapping. Pure: no I/O, no libraries.

/**
 * Why a run stopped early because of its environment (the report's `error.reason`, exit 3). A network
 * whose attempt met such an error carries the same code as its own `reason`.
 */
export const ENVIRONMENT_REASONS = [
  "wpa-cli-missing",
  "wpa-supplicant-missing",
  "supplicant-start-failed",
  "supplicant-not-running",
  "supplicant-unreachable",
  "supplicant-permission-denied",
  "supplicant-hung",
  "supplicant-gone",
  "supplicant-setting-refused",
  "monitor-failed",
  "monitor-gone",
  "wps-unsupported",
  "radio-disabled",
  "scan-refused",
  "add-network-refused",
  "trial-network-refused",
  "locked",
  "lock-dir-unusable",
  "no-mac-address",
  "dpp-unsupported",
  "output-dir-unwritable",
  "output-dir-unusable",
  "output-dir-insecure",
  "managed-by-networkmanager",
  "managed-by-connman",
  "managed-by-iwd",
  "supplicant-dbus-only",
] as const;

/** Why writing one network's config file failed (the network's `reason`, status `error`). */
export const WRITE_REASONS = [
  "read-failed",
  "target-is-symlink",
  "target-not-file",
  "target-unreadable",
  "write-failed",
] as const;

/**
 * Why a WPS enrolment failed (status `wps-failed`): the supplicant refused `wps_pbc`, someone cancelled,
 * the credential was unusable or missing, a `WPS-FAIL` event, or a credential refused by policy.
 */
export const WPS_FAIL_REASONS = [
  "wps-pbc-refused",
  "wps-pin-refused",
  "cancelled",
  "bad-credential",
  "no-credential",
  "wps-fail",
  "refused-open",
  "refused-wep",
  "refused-unsupported",
] as const;

/**
 * Why a DPP enrolment failed (status `dpp-failed`): the supplicant refused a DPP command or is too old to
 * hand the enrollee its key, its URI differs from wifiprov's, the exchange failed (DPP-FAIL) or ended
 * without a usable configuration object, or the object's AKM cannot be written (src/dpp/).
 */
export const DPP_FAIL_REASONS = [
  "dpp-bootstrap-refused",
  "dpp-listen-refused",
  "dpp-supplicant-too-old",
  "dpp-uri-mismatch",
  "dpp-failed",
  "dpp-conf-failed",
  "dpp-not-compatible",
  "dpp-incomplete",
  "dpp-bad-config",
  "dpp-unsupported-akm",
] as const;

/** Network outcomes that are their own reason (status and reason alike), and an existing file kept. */
export const OUTCOME_REASONS = [
  "timeout",
  "no-wps-ap",
  "overlap",
  "ssid-mismatch",
  "connect-failed",
  "interrupted",
  "file-exists",
] as const;

/** Every reason code the report and the event stream may carry, for the output schemas. */
export const REASON_CODES = [
  ...ENVIRONMENT_REASONS,
  ...WRITE_REASONS,
  ...WPS_FAIL_REASONS,
  ...DPP_FAIL_REASONS,
  ...OUTCOME_REASONS,
] as const;

/** A reason that ends the run with exit 3. */
export type EnvironmentReason = typeof ENVIRONMENT_REASONS[number];
/** A reason another network manager owns the interface (a subset of EnvironmentReason). */
export type ManagerReason = Extract<EnvironmentReason, `managed-by-${string}` | "supplicant-dbus-only">;
/** A reason a config file could not be written. */
export type WriteReason = typeof WRITE_REASONS[number];
/** A reason a WPS enrolment failed. */
export type WpsFailReason = typeof WPS_FAIL_REASONS[number];
/** Why a DPP enrolment failed. */
export type DppFailReason = typeof DPP_FAIL_REASONS[number];
/** Any reason code of the report or the events. */
export type ReasonCode = typeof REASON_CODES[number];

/** An error that carries a machine-readable reason for the report, of one reason union `R`. */
abstract class ReasonedError<R extends ReasonCode> extends Error {
  /** Machine-readable reason for the report. */
  readonly reason: R;
  constructor(reason: R, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** A broken environment (program missing, socket unreachable, lock held): ends the run with exit code 3. */
export class EnvironmentError extends ReasonedError<EnvironmentReason> {
  override name = "EnvironmentError";
}

/** A config write that could not be done (reason for the network's report line); the old file is untouched. */
export class WriteError extends ReasonedError<WriteReason> {
  override name = "WriteError";
}

/** Bad input on the command line or in the file: one line on stderr, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The `code` of a Node filesystem error (`ENOENT`, `EACCES`, ...), or undefined for anything else. */
export function errnoCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e
    ? String((e as { code: unknown }).code)
    : undefined;
}

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "read-only file system",
  EISDIR: "is a directory",
  ENOTDIR: "a path component is not a directory",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EEXIST: "already exists",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "name too long",
  EIO: "input/output error",
};

/**
 * A short text for a filesystem error: a fixed phrase for the common errno codes, else the code itself,
 * else the error's message. The one place errno codes become words.
 */
export function errnoText(e: unknown): string {
  const code = errnoCode(e);
  if (code !== undefined) return ERRNO_TEXT[code] ?? code;
  return e instanceof Error ? e.message : String(e);
}

/**
 * The run's abort signal (SIGINT/SIGTERM/SIGHUP) fired before a step began: the step is not taken. Caught
 * where an outcome is built (the sessions' `interrupted`, the run's interrupted/not-run lines); never exit 3.
 */
export class Interrupted extends Error {
  override name = "Interrupted";
  constructor() {
    super("interrupted by a signal");
  }
}

/**
 * A step boundary: once `signal` has fired nothing more is started, armed or written, so every step that
 * would start a process, send a state-changing command or touch a file calls this first.
 * @throws Interrupted when `signal` is aborted.
 */
export function checkpoint(signal: AbortSignal): void {
  if (signal.aborted) throw new Interrupted();
}
