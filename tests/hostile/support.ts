// Shared scaffolding of the hardening tests: a pre-populated output directory, a byte-exact snapshot of a
// directory tree (so "nothing changed on disk" is checked, not assumed), and the CLI run in-process.
import * as fs from "node:fs/promises";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../main.ts";

/** What an existing, hand-written config looks like; any run that touches it is caught by its hash. */
export const EXISTING_CONF =
  '# kept by the hardening tests\nctrl_interface=/run/wpa\n\nnetwork={\n\tssid="Old"\n' +
  '\tkey_mgmt=WPA-PSK\n\tpsk="old passphrase"\n}\n';

/** A fresh temp root with `out/` holding an existing `home.conf` (0600) and a sentinel file. */
export async function makeWorkspace(prefix = "wifiprov-hardening-"): Promise<{ root: string; out: string }> {
  const root = await fs.mkdtemp(join(tmpdir(), prefix));
  const out = join(root, "out");
  await fs.mkdir(out, { mode: 0o755 });
  await fs.writeFile(join(out, "home.conf"), EXISTING_CONF, { mode: 0o600 });
  await fs.writeFile(join(out, "sentinel.txt"), "do not touch\n", { mode: 0o644 });
  return { root, out };
}

/**
 * Every entry under `dir` (names, types, modes, sizes, SHA-256 of contents, symlink targets), in a stable
 * order. Two equal snapshots mean not one byte, mode or name changed.
 */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(rel: string): Promise<void> {
    const entries = await fs.readdir(join(dir, rel), { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(rel, e.name);
      const full = join(dir, path);
      const info = await fs.lstat(full);
      const mode = (info.mode & 0o7777).toString(8);
      if (info.isSymbolicLink()) out[path] = `link ${await fs.readlink(full)}`;
      else if (info.isDirectory()) {
        out[path] = `dir ${mode}`;
        await walk(path);
      } else out[path] = `file ${mode} ${info.size} ${sha256(await fs.readFile(full))}`;
    }
  }
  await walk("");
  return out;
}

/** Hex SHA-256 of some bytes. */
export function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Output of one in-process CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `main(argv)` in this process with `env` set for the duration (undefined values unset a variable). */
export async function runCli(argv: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) setEnv(k, v);
  let stdout = "";
  let stderr = "";
  try {
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of Object.entries(saved)) setEnv(k, v);
  }
}

function setEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** Asserts-free helper: the lines of stderr that look like a stack trace (a crash, not an error message). */
export function stackLines(stderr: string): string[] {
  return stderr.split("\n").filter((l) => /^\s+at\s/.test(l) || /^(?:Uncaught|error: Uncaught)/.test(l));
}
