// Binary size (issue 7, part 4): what the agent adds on top of Bun's own runtime, the hello world.
import { stat } from "node:fs/promises";
import { formatMb } from "./stats.ts";
import { atMost, type Row } from "./table.ts";

const LIMIT_BYTES = 3e6;

/** The size row; a single measurement, since a file's size does not vary. */
export async function sizeRows(agent: string, hello: string): Promise<Row[]> {
  const [a, h] = await Promise.all([stat(agent), stat(hello)]);
  const extra = a.size - h.size;
  return [{
    section: "4 size",
    name: "dist/wifiprov-linux-x64 minus hello world",
    measured: `+${formatMb(extra)} (${formatMb(a.size)} vs ${formatMb(h.size)})`,
    n: "1",
    target: "≤ +3 MB",
    ...atMost(extra, LIMIT_BYTES, formatMb),
    data: { agentBytes: a.size, helloBytes: h.size, extraBytes: extra },
  }];
}
