// Carries out config/decide.ts's decision for one target file: observe it, decide, and write through the
// one atomic writer (adapters/atomic_file.ts), keeping the old file as a 0600 `<id>.conf.bak` when replacing.
// A symlink at the target is never followed; an existing different file is kept unless forced.
import { writeFileAtomic, type WriteHooks } from "../adapters/atomic_file.ts";
import {
  decideAssembled,
  decideBackup,
  decideTarget,
  type TargetDecision,
  type TargetFacts,
} from "../config/decide.ts";
import { configPathFor, observeTarget } from "../adapters/disk_facts.ts";
import { errnoText, WriteError } from "../errors.ts";

export { configPathFor };

/** What happened to one target file. */
export type WriteOutcome =
  | { kind: "written"; path: string; backupPath?: string }
  | { kind: "unchanged"; path: string }
  | { kind: "conflict"; path: string };

export { WriteError };

/**
 * Writes `text` to `<dir>/<id>.conf` (mode 0600) by decideTarget's rule.
 * @throws WriteError for a refused target (symlink, not a regular file) or a failed write.
 */
export async function writeConfig(
  dir: string,
  id: string,
  text: string,
  force: boolean,
  hooks: WriteHooks = {},
): Promise<WriteOutcome> {
  const path = configPathFor(dir, id);
  const facts = await observeTarget(path);
  return await carryOut(path, text, facts, decideTarget(path, { kind: "text", text }, force, facts), hooks);
}

/**
 * Writes the assembled wpa_supplicant-IFACE.conf text to `path` by decideAssembled's rule.
 * @throws WriteError as writeConfig.
 */
export async function writeAssembled(path: string, text: string, force: boolean): Promise<WriteOutcome> {
  const facts = await observeTarget(path);
  return await carryOut(path, text, facts, decideAssembled(path, text, force, facts), {});
}

async function carryOut(
  path: string,
  text: string,
  facts: TargetFacts,
  decision: TargetDecision,
  hooks: WriteHooks,
): Promise<WriteOutcome> {
  switch (decision.action) {
    case "refuse":
      throw new WriteError(decision.reason, decision.message);
    case "keep":
      return { kind: "unchanged", path };
    case "conflict":
      return { kind: "conflict", path };
    default:
      break;
  }
  try {
    const backupPath = await keepBackup(path, facts);
    await writeFileAtomic(path, text, 0o600, hooks);
    return backupPath ? { kind: "written", path, backupPath } : { kind: "written", path };
  } catch (e) {
    throw new WriteError("write-failed", `Cannot write "${path}": ${errnoText(e)}`);
  }
}

/**
 * Copies the old file to `<path>.bak`, born 0600 whatever the old file's mode was (it holds a secret), by
 * the atomic writer, so the target path is never missing and a crash leaves the old .bak or the new one.
 */
async function keepBackup(path: string, existing: TargetFacts): Promise<string | undefined> {
  const backup = `${path}.bak`;
  if (existing.kind !== "file" || !decideBackup(existing, await observeTarget(backup))) return undefined;
  await writeFileAtomic(backup, existing.bytes, 0o600);
  return backup;
}
