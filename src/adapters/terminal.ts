// Whether stderr is a terminal, answered without Node's stream layer. `process.stderr.isTTY` (and node:tty's
// isatty) build that layer first: under TCG emulation that cost ~450 ms of every start (a Bun binary that only
// reads `process.stderr.isTTY` vs one that prints, both under qemu-x86_64; issue 13), ~25 ms natively.
// node:fs is taken lazily with process.getBuiltinModule, so main.ts can hold this getter and `--version`,
// which never asks, loads no built-in module at all.

/** Linux's major number of the memory devices (/dev/null, /dev/zero, /dev/full, /dev/kmsg): not terminals. */
const MEMORY_DEVICES_MAJOR = 1;

/**
 * True when file descriptor 2 is a character device other than a memory device: a console, a virtual
 * terminal, a pseudo-terminal or a serial line, which is what isatty(3) accepts in practice. False for pipes,
 * files, sockets (journald), /dev/null and a closed descriptor.
 */
export function stderrIsTerminal(): boolean {
  // Node 20 (the armv7l single-executable build) has no getBuiltinModule: there the stream answers.
  if (typeof process.getBuiltinModule !== "function") return process.stderr.isTTY === true;
  const { fstatSync } = process.getBuiltinModule("node:fs") as typeof import("node:fs");
  try {
    const stat = fstatSync(2);
    // Linux's dev_t: the major number sits in bits 8-19 (glibc gnu_dev_major).
    return stat.isCharacterDevice() && ((stat.rdev >> 8) & 0xfff) !== MEMORY_DEVICES_MAJOR;
  } catch {
    return false;
  }
}
