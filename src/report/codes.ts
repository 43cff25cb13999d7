// The fixed vocabulary of what wifiprov hands to machines: exit codes, the schema version of each document,
// the network statuses, methods and dry-run actions. Library-free (main.ts reaches no npm package), so
// exiting or building a report loads no zod; report/schemas.ts enumerates these lists (reasons: errors.ts).

/** Exit codes, documented in the README and `--help`. */
export const EXIT = { ok: 0, networkFailed: 1, usage: 2, environment: 3, interrupted: 130 } as const;

/** Version of the report's shape (`provision` stdout and --report-file); bumped on incompatible changes. */
export const REPORT_SCHEMA_VERSION = 1;
/** Version of the `provision --dry-run` document's shape. */
export const DRY_RUN_SCHEMA_VERSION = 1;

/** Per-network results. `provisioned` and `unchanged` are successes; everything else is a failure. */
export const NETWORK_STATUSES = [
  "provisioned",
  "unchanged",
  "timeout",
  "overlap",
  "wps-failed",
  "dpp-failed",
  "ssid-mismatch",
  "no-wps-ap",
  "connect-failed",
  "error",
  "interrupted",
  "not-run",
] as const;

/** How a network is provisioned (the file's `method`). */
export const NETWORK_METHODS = ["wps-pbc", "wps-pin", "psk", "dpp"] as const;

/**
 * What the run does with one network's target file (config/decide.ts decides it): enrol (WPS or DPP), write, keep
 * (identical or already enrolled), replace (--force), or refuse (conflict).
 */
export const TARGET_ACTIONS = ["enrol-wps", "enrol-dpp", "write", "keep", "replace", "conflict"] as const;

/** What a dry run says would happen to one network: a target action, or not-run when the run would stop first. */
export const DRY_RUN_ACTIONS = [...TARGET_ACTIONS, "not-run"] as const;

/**
 * What became of the assembled wpa_supplicant-IFACE.conf (`provision --assemble`): written or kept (success),
 * a hand-written one kept without --force (conflict), a failure (error), or not-run (the run was not ok).
 */
export const ASSEMBLED_STATUSES = ["provisioned", "unchanged", "conflict", "error", "not-run"] as const;
