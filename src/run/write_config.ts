// Shared last step of every network: render the block to text (deriving a PSK first when the passphrase
// cannot be quoted) and write it atomically; the result is turned into the report line's fields.
import { derivePskHex } from "../config/psk.ts";
import { needsDerivedPsk, type NetworkBlock, renderConfig, SECRET_NOTICE } from "../config/render.ts";
import { writeConfig, WriteError } from "./config_writer.ts";
import type { WriteHooks } from "../adapters/atomic_file.ts";
import type { NetworkReport } from "../report/report.ts";
import type { EventSink } from "../report/events.ts";
import type { Settings } from "../plan/settings.ts";

/** Renders the whole config file text for one block. */
export async function renderFile(block: NetworkBlock, settings: Settings): Promise<string> {
  let network = block;
  if (block.key.kind === "passphrase" && needsDerivedPsk(block.key.bytes)) {
    const derivedPskHex = await derivePskHex(block.key.bytes, block.ssid);
    network = { ...block, key: { ...block.key, derivedPskHex } };
  }
  const file = { ctrlInterface: settings.ctrlDir, network, comment: SECRET_NOTICE };
  return renderConfig(settings.country ? { ...file, country: settings.country } : file);
}

/** Writes the text and describes the result as report fields (status, paths, failure reason). */
export async function writeAndDescribe(
  settings: Settings,
  id: string,
  text: string,
  force: boolean,
  hooks: WriteHooks = {},
): Promise<Pick<NetworkReport, "status" | "configPath" | "backupPath" | "reason" | "message">> {
  try {
    const out = await writeConfig(settings.outputDir, id, text, force, hooks);
    if (out.kind === "unchanged") return { status: "unchanged", configPath: out.path };
    if (out.kind === "conflict") {
      return {
        status: "error",
        configPath: out.path,
        reason: "file-exists",
        message:
          `"${out.path}" exists with different content; use --force to replace it (the old one is kept as .bak)`,
      };
    }
    return out.backupPath
      ? { status: "provisioned", configPath: out.path, backupPath: out.backupPath }
      : { status: "provisioned", configPath: out.path };
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    return { status: "error", reason: e.reason, message: e.message };
  }
}

/** Emits config-written for a successful write (nothing for a failure: network-finished says why). */
export function emitWritten(
  emit: EventSink,
  id: string,
  written: Pick<NetworkReport, "status" | "configPath">,
): void {
  if ((written.status === "provisioned" || written.status === "unchanged") && written.configPath) {
    emit({ type: "config-written", id, path: written.configPath, status: written.status });
  }
}
