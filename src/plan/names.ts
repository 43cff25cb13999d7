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

/**
 * The rule every text value given to wifiprov obeys, wherever it comes from (argv, WIFIPROV_*, the file):
 * no U+FFFD (what a lossy decoder, e.g. the Bun binary's argv and environment, makes of bytes that are not
 * UTF-8: the path would silently be another one), no C0 or C1 control character or DEL (a NUL cuts a path
 * short in the kernel, a newline splits the one-line messages that quote it, U+009B is a terminal's CSI),
 * no lone surrogate. Returns null when usable, else the problem ("must ...").
 */
export function textProblem(value: string): string | null {
  if (value.includes("\uFFFD")) {
    return "must be valid UTF-8 (it holds U+FFFD: not valid UTF-8 where it came from)";
  }
  if (TEXT_CONTROL.test(value)) return "must not contain control characters";
  if (!value.isWellFormed()) return "must be valid Unicode (no lone surrogates)";
  return null;
}

// C0, DEL and C1 (U+0080–U+009F).
// deno-lint-ignore no-control-regex
const TEXT_CONTROL = /[\x00-\x1f\x7f-\x9f]/;

// `#` starts a comment; `"` pairs with a later one and changes where a comment starts.
const CTRL_DIR_UNSAFE = /[#"]/;

/**
 * Checks a wpa_supplicant control directory, which wifiprov writes as `ctrl_interface=<dir>` into every
 * config and passes to `wpa_cli -p`. Mirrors how wpa_supplicant reads that line (hostap
 * `src/utils/config.c` `wpa_config_get_line()`: leading and trailing spaces, tabs and CRs are stripped and
 * an unquoted `#` starts a comment; `wpa_supplicant/config.c` `wpa_global_config_parse_str()`: the rest
 * is taken raw, a newline refused): an absolute path (a value starting `DIR=` would mean the
 * `DIR=... GROUP=...` form, which `wpa_cli -p` does not read), textProblem's rule, no `#` or `"`, no
 * trailing white space, and at most MAX_CTRL_DIR_BYTES bytes. Returns null when usable, else the problem.
 */
export function ctrlDirProblem(dir: string): string | null {
  if (!dir.startsWith("/")) return "must be an absolute path like /var/run/wpa_supplicant";
  const text = textProblem(dir);
  if (text !== null) return text;
  if (CTRL_DIR_UNSAFE.test(dir)) return "must not contain control characters, '#' or '\"'";
  if (dir.trimEnd() !== dir) return "must not end in white space";
  if (new TextEncoder().encode(dir).length > MAX_CTRL_DIR_BYTES) {
    return `must be at most ${MAX_CTRL_DIR_BYTES} bytes (the control socket path limit)`;
  }
  return null;
}

/**
 * Checks any other path or program name given to wifiprov (output directory, lock directory, wpa_cli,
 * wpa_supplicant, report and events files): not empty, and textProblem's rule.
 * Returns null when usable, else the problem ("must ...").
 */
export function pathProblem(path: string): string | null {
  if (path === "") return "must not be empty";
  return textProblem(path);
}
