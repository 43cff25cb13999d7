// What command handlers share: the output port, the usage error, reading the provisioning file and
// `{ env }`/`{ file }` secrets from the real process.
import * as fs from "node:fs/promises";
import { decodeProvisioningBytes, NOT_UTF8, type SecretReader } from "../plan/load.ts";
import { firstInvalidUtf8 } from "../plan/text.ts";
import { formatProblem, type Problem } from "../plan/plan.ts";
import { MAX_FILE_BYTES } from "../plan/limits.ts";
import { errnoCode, errnoText, UsageError } from "../errors.ts";

export { completeIo, type Io, type IoInput } from "../cli/io_port.ts";
// Moved to src/errors.ts; re-exported while other branches still import them from here.
export { errnoText, UsageError };
import type { Io } from "../cli/io_port.ts";

/** A usage error that is a list of problems with the file's content: printed bare, like validation problems. */
export class ProblemsError extends UsageError {
  override name = "ProblemsError";
}

/** Reads the provisioning file, refusing huge or non-regular files before parsing. */
export async function readProvisioningFile(path: string): Promise<string> {
  let info;
  try {
    info = await fs.stat(path);
  } catch (e) {
    throw new UsageError(`Cannot read provisioning file "${path}": ${errnoText(e)}`);
  }
  if (!info.isFile()) throw new UsageError(`Cannot read provisioning file "${path}": not a regular file`);
  if (info.size > MAX_FILE_BYTES) {
    throw new UsageError(`Provisioning file "${path}" is ${info.size} bytes; the limit is ${MAX_FILE_BYTES}`);
  }
  let bytes;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    throw new UsageError(`Cannot read provisioning file "${path}": ${errnoText(e)}`);
  }
  const decoded = decodeProvisioningBytes(bytes);
  if (!decoded.ok) throw new ProblemsError(decoded.problems.map(formatProblem).join("\n"));
  return decoded.text;
}

/** Prints validation problems, one per line. */
export function printProblems(problems: Problem[], io: Io, format: (p: Problem) => string): void {
  for (const p of problems) io.stderr(`${format(p)}\n`);
}

/**
 * Secrets from the process environment and the filesystem. A variable Deno cannot decode (it throws
 * InvalidData) or one a lossy decoder turned into U+FFFD (Bun) is NOT_UTF8; a file that is not UTF-8 is
 * refused. Reasons never quote the path.
 */
export function processSecrets(env: Record<string, string | undefined>): SecretReader {
  return {
    env(name) {
      let value;
      try {
        value = env[name];
      } catch {
        return NOT_UTF8;
      }
      return value?.includes("\uFFFD") ? NOT_UTF8 : value;
    },
    async readFile(path) {
      try {
        const info = await fs.stat(path);
        if (!info.isFile()) return { ok: false, reason: "not a regular file" };
        const bytes = await fs.readFile(path);
        if (firstInvalidUtf8(bytes) >= 0) return { ok: false, reason: "not valid UTF-8" };
        return { ok: true, text: new TextDecoder().decode(bytes), mode: info.mode };
      } catch (e) {
        return { ok: false, reason: errnoCode(e) === undefined ? "unreadable" : errnoText(e) };
      }
    },
  };
}
