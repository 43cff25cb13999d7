// Provisions a `psk` network: everything is in the file, so no supplicant is involved.
import { blockFromPsk } from "../config/network_block.ts";
import type { PskPlannedNetwork } from "../plan/plan.ts";
import type { NetworkReport } from "../report/report.ts";
import type { Settings } from "../plan/settings.ts";
import { emitWritten, renderFile, writeAndDescribe } from "./write_config.ts";
import type { EventSink } from "../report/events.ts";
import type { WriteHooks } from "../adapters/atomic_file.ts";

/** Renders and writes one PSK network; `elapsed` measures the duration with the injected clock. */
export async function provisionPsk(
  net: PskPlannedNetwork,
  settings: Settings,
  force: boolean,
  elapsed: () => number,
  emit: EventSink,
  hooks: WriteHooks = {},
): Promise<NetworkReport> {
  const text = await renderFile(blockFromPsk(net), settings);
  const written = await writeAndDescribe(settings, net.id, text, force, hooks);
  emitWritten(emit, net.id, written);
  return { id: net.id, method: "psk", ssid: net.ssid, ...written, durationMs: elapsed() };
}
