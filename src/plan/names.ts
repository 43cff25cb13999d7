// The rules for the names and paths a run is given (interface, control directory, other paths), one place
// for all sources: the file schema, the command line and the WIFIPROV_* environment use these same checks.
// Pure: no node:, no dax, no zod (the CLI bundle loads this without loading zod).

/** The whole interface-name rule as one pattern (for the JSON Schema); interfaceProblem says which part failed. */
export const INTERFACE_PATTERN = /^(?!-)(?!\.\.?$)[A-Za-z0-9_.-]{1,15}$/;
const IFNAME_CHARS = /^[A-Za-z0-9_.-]{1,15}$/;

/**
 * Checks an interface name. It becomes a file name (the per-interface lock, `wpa_supplicant-IFACE.conf`,
 * the supplicant's pid file and control socket) and an argument of wpa_cli/wpa_supplicant, so: 1–15 of
 * `[A-Za-z0-9_.-]` (IFNAMSIZ is 16 with the NUL, linux/if.h), not starting with `-` (it would read as an
 * option), not `.` or `..` (a path). Returns null when usable, else the problem ("must ...").
 */
export function interfaceProblem(name: string): string | null {
  if (!IFNAME_CHARS.test(name)) {
    return "must be a network interface name like wlan0: 1–15 of A-Z a-z 0-9 _ . -";
  }
  if (name.startsWith("-")) return "must not start with '-'";
  if (name === "." || name === "..") return "must not be '.' or '..'";
  return null;
}

/**
 * The longest control directory, in bytes, that still fits every interface name: wpa_supplicant refuses
 * `strlen(dir) + 1 + strlen(ifname) >= sizeof(sun_path)` (108 on Linux) in hostap
 * `wpa_supplicant/ctrl_iface_unix.c`, and an interface name has up to 15 bytes: 108 - 1 - 15 - 1 = 91.
 */
export const MAX_CTRL_DIR_BYTES = 91;

// Control characters end or garble a config line; `#` starts a comment; `"` pairs with a later one and
// changes where a comment starts.
// deno-lint-ignore no-control-regex
const CTRL_DIR_UNSAFE = /[\x00-\x1f\x7f#"]/;

/**
 * Checks a wpa_supplicant control directory, which wifiprov writes as `ctrl_interface=<dir>` into every
 * config and passes to `wpa_cli -p`. Mirrors how wpa_supplicant reads that line (hostap
 * `src/utils/config.c` `wpa_config_get_line()`: leading and trailing spaces, tabs and CRs are stripped and
 * an unquoted `#` starts a comment; `wpa_supplicant/config.c` `wpa_global_config_parse_str()`: the rest
 * is taken raw, a newline refused): an absolute path (a value starting `DIR=` would mean the
 * `DIR=... GROUP=...` form, which `wpa_cli -p` does not read), no control characters, `#` or `"`, no trailing
 * white space, and at most MAX_CTRL_DIR_BYTES bytes. Returns null when usable, else the problem ("must ...").
 */
export function ctrlDirProblem(dir: string): string | null {
  if (!dir.startsWith("/")) return "must be an absolute path like /var/run/wpa_supplicant";
  if (CTRL_DIR_UNSAFE.test(dir)) return "must not contain control characters, '#' or '\"'";
  if (dir.trimEnd() !== dir) return "must not end in white space";
  if (!dir.isWellFormed()) return "must be valid Unicode";
  if (new TextEncoder().encode(dir).length > MAX_CTRL_DIR_BYTES) {
    return `must be at most ${MAX_CTRL_DIR_BYTES} bytes (the control socket path limit)`;
  }
  return null;
}

// deno-lint-ignore no-control-regex
const PATH_UNSAFE = /[\x00-\x1f\x7f]/;

/**
 * Checks any other path or program name given to wifiprov (output directory, lock directory, wpa_cli,
 * wpa_supplicant, report and events files): not empty, no control characters (a NUL cuts a path short
 * in the kernel; a newline would split the one-line messages that quote it), valid Unicode.
 * Returns null when usable, else the problem ("must ...").
 */
export function pathProblem(path: string): string | null {
  if (path === "") return "must not be empty";
  if (PATH_UNSAFE.test(path)) return "must not contain control characters";
  if (!path.isWellFormed()) return "must be valid Unicode";
  return null;
}
