// Reads the facts the kernel publishes about a network interface under /sys/class/net.
import * as fs from "node:fs/promises";
import { join } from "node:path";

/**
 * The text of `<root>/<iface>/address` (the interface's MAC, as the kernel prints it). `iface` must be a name
 * checked by plan/names.ts, so it is one path component.
 * @returns the text, or the filesystem error (never throws)
 */
export async function readInterfaceAddress(
  iface: string,
  root = "/sys/class/net",
): Promise<{ ok: true; text: string; path: string } | { ok: false; error: unknown; path: string }> {
  const path = join(root, iface, "address");
  return await fs.readFile(path, "utf8").then(
    (text) => ({ ok: true as const, text, path }),
    (error: unknown) => ({ ok: false as const, error, path }),
  );
}
