// The armv7l binary (a Node.js 20 single executable) under qemu-arm with the Debian armhf sysroot: size, cold
// start and peak RSS against a hello world built the same way (same Node, same bundler flags, same postject),
// run under the same emulator. Emulation makes both sides slower alike; the ratios are what compare.
import { readFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { resolveBun } from "../dist/bun.ts";
import { foreignCommandPrefix } from "../dist/foreign_root.ts";
import { buildArmv7lSea, seaFingerprintParts } from "../dist/node_sea.ts";
import { cachedBuild, ensureDistBinary, REPO_ROOT } from "./artifacts.ts";
import { timeAlternating, VALIDATE_FILE } from "./cold_start.ts";
import { ensureGnuTime, measure, provisionOnce } from "./memory.ts";
import { formatMb, formatMs, median } from "./stats.ts";
import { atMost, type Row, unavailableRow } from "./table.ts";

const SECTION = "6 armv7l (qemu-arm)";
const HELLO_SOURCE = fileURLToPath(new URL("./hello.ts", import.meta.url));
const RATIO_LIMIT = 1.3;
const SIZE_LIMIT_BYTES = 3e6;
const VALIDATE_ENV = { OFFICE_PASSPHRASE: "correct horse battery staple" };

/** The hello world as a Node SEA for armv7l, rebuilt only when its source or the SEA toolchain changed. */
async function ensureHelloSea(): Promise<string> {
  const bun = resolveBun(REPO_ROOT);
  const keyParts = [seaFingerprintParts(), await readFile(HELLO_SOURCE, "utf8")];
  return await cachedBuild(
    "hello-linux-armv7l",
    keyParts,
    "the armv7l hello world (Node SEA)",
    (out) => buildArmv7lSea(bun, HELLO_SOURCE, out),
  );
}

const ensureAgent = () => ensureDistBinary("linux-armv7l");

function ratioRow(name: string, a: number, b: number, n: string, format: (v: number) => string): Row {
  return {
    section: SECTION,
    name,
    measured: `${(a / b).toFixed(2)}× (${format(a)} vs ${format(b)})`,
    n,
    target: `≤ ${RATIO_LIMIT}× hello world`,
    ...atMost(a / b, RATIO_LIMIT, (d) => `${d.toFixed(2)}×`),
    data: { ratio: a / b, agent: a, hello: b },
  };
}

const mib = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`;

/** Size, cold start (`--version`, `validate`) and peak RSS (`provision`, replayed) of the armv7l binary. */
export async function armv7lRows(runs: number, rssRuns: number): Promise<Row[]> {
  let agent: string, hello: string, qemu: string[];
  try {
    [agent, hello, qemu] = [await ensureAgent(), await ensureHelloSea(), await foreignCommandPrefix("armhf")];
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return [unavailableRow(SECTION, "armv7l binary under qemu-arm", "—", reason, "failed")];
  }
  const [a, h] = await Promise.all([stat(agent), stat(hello)]);
  const rows: Row[] = [{
    section: SECTION,
    name: "dist/wifiprov-linux-armv7l minus hello world (both Node 20.11.0 SEAs)",
    measured: `+${formatMb(a.size - h.size)} (${formatMb(a.size)} vs ${formatMb(h.size)})`,
    n: "1",
    target: "≤ +3 MB",
    ...atMost(a.size - h.size, SIZE_LIMIT_BYTES, formatMb),
    data: { agentBytes: a.size, helloBytes: h.size },
  }];
  const helloCommand = { argv: [...qemu, hello] };
  for (
    const [name, argv] of [
      ["cold start: `wifiprov --version` vs hello world", [...qemu, agent, "--version"]],
      ["cold start: `wifiprov validate examples/site.yaml` vs hello world", [
        ...qemu,
        agent,
        "validate",
        VALIDATE_FILE,
      ]],
    ] as const
  ) {
    try {
      const times = timeAlternating({ argv: [...argv], env: VALIDATE_ENV }, helloCommand, runs);
      rows.push(ratioRow(name, median(times.a), median(times.b), `${runs} + ${runs}`, formatMs));
    } catch (e) {
      rows.push(unavailableRow(SECTION, name, `≤ ${RATIO_LIMIT}×`, String(e), "failed"));
    }
  }
  const rssName = "peak RSS of qemu-arm running it: `provision` (fake wpa_cli, success) vs hello world";
  try {
    await ensureGnuTime();
    const agentKb: number[] = [];
    const helloKb: number[] = [];
    for (let i = 0; i < rssRuns; i++) {
      agentKb.push((await provisionOnce([...qemu, agent])).timeKb);
      helloKb.push((await measure([...qemu, hello], {})).timeKb);
    }
    rows.push({
      ...ratioRow(rssName, median(agentKb), median(helloKb), `${rssRuns} + ${rssRuns}`, mib),
      note: "The resident set of the qemu-arm process: the guest's memory plus the emulator and its " +
        "translated code, on both sides; /usr/bin/time also folds in the fake wpa_cli (host Node) children.",
    });
  } catch (e) {
    rows.push(unavailableRow(SECTION, rssName, `≤ ${RATIO_LIMIT}×`, String(e), "failed"));
  }
  return rows;
}
