// Whether stderr is a terminal, answered without Node's stream layer. `process.stderr.isTTY` (and node:tty's
// isatty) build that layer first: under TCG emulation that cost ~450 ms of every start (a Bun binary that only
// reads `process.stderr.isTTY` vs one that prints, both under qemu-x86_64; issue 13), ~25 ms natively.
// node:fs is taken lazily with process.getBuiltinModule, so main.ts can hold this getter and `--version`,
// which never asks, loads no built-in module at all.

/**
 * Linux's major numbers of terminal devices (Documentation/admin-guide/devices.txt): 3 and 4 (old PTYs,
 * virtual consoles, ttyS), 5 (/dev/tty, /dev/console), 136-143 (/dev/pts), 166 (ttyACM), 188 (ttyUSB),
 * 204 (low-density serial: ttyAMA, ttySAC, ...), 207 (ttymxc), 229 (hvc).
 */
const TERMINAL_MAJORS = new Set([3, 4, 5, 136, 137, 138, 139, 140, 141, 142, 143, 166, 188, 204, 207, 229]);

/**
 * True when file descriptor 2 is a terminal: a character device whose major number is a terminal's, or
 * whose name is one (/dev/tty*, /dev/pts/*, /dev/console, /dev/hvc*: serial drivers with a dynamic major).
 * False for pipes, files, sockets (journald), /dev/null, /dev/fuse or a printer, and a closed descriptor;
 * what isatty(3) answers, without its ioctl.
 */
export function stderrIsTerminal(): boolean {
  // Node 20 (the armv7l single-executable build) has no getBuiltinModule: there the stream answers.
  if (typeof process.getBuiltinModule !== "function") return process.stderr.isTTY === true;
  const { fstatSync, readlinkSync } = process.getBuiltinModule("node:fs") as typeof import("node:fs");
  try {
    const stat = fstatSync(2);
    if (!stat.isCharacterDevice()) return false;
    // Linux's dev_t: the major number sits in bits 8-19 (glibc gnu_dev_major).
    if (TERMINAL_MAJORS.has((stat.rdev >> 8) & 0xfff)) return true;
    return /^\/dev\/(tty|pts\/|console$|hvc)/.test(readlinkSync("/proc/self/fd/2"));
  } catch {
    return false;
  }
}
