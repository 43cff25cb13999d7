// The arm64 binary (Bun-compiled, glibc) under qemu-aarch64 with the Debian arm64 sysroot: cold start and peak
// RSS against a Bun hello world compiled for arm64 with the same Bun and flags, run under the same emulator.
// Emulation slows both sides alike; the ratios are what compare.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { BUILD_FLAGS, bunVersion, compile, resolveBun } from "../dist/bun.ts";
import { arm64CommandPrefix } from "../dist/foreign_root.ts";
import { cachedBuild, ensureDistBinary, REPO_ROOT } from "./artifacts.ts";
import { timeAlternating, VALIDATE_FILE } from "./cold_start.ts";
import { ensureGnuTime, measure, provisionOnce } from "./memory.ts";
import { formatMs, median } from "./stats.ts";
import { atMost, type Row, unavailableRow } from "./table.ts";

const SECTION = "7 arm64 (qemu-aarch64)";
const HELLO_SOURCE = fileURLToPath(new URL("./hello.ts", import.meta.url));
const VALIDATE_ENV = { OFFICE_PASSPHRASE: "correct horse battery staple" };
/** The x64 targets of issue 13, applied to the emulated arm64 pair. */
const LIMITS = { version: 1.5, validate: 3, provisionRss: 1.5, validateRss: 1.3 };

async function ensureHello(): Promise<string> {
  const bun = resolveBun(REPO_ROOT);
  const keyParts = [await bunVersion(bun), BUILD_FLAGS, await readFile(HELLO_SOURCE, "utf8")];
  return await cachedBuild(
    "hello-linux-arm64",
    keyParts,
    "the arm64 hello world with Bun",
    (out) => compile(bun, HELLO_SOURCE, "linux-arm64", out),
  );
}

const ensureAgent = () => ensureDistBinary("linux-arm64");

function ratioRow(name: string, a: number, b: number, n: string, limit: number, unit: (v: number) => string) {
  return {
    section: SECTION,
    name,
    measured: `${(a / b).toFixed(2)}× (${unit(a)} vs ${unit(b)})`,
    n,
    target: `≤ ${limit}× hello world`,
    ...atMost(a / b, limit, (d) => `${d.toFixed(2)}×`),
    data: { ratio: a / b, agent: a, hello: b },
  } satisfies Row;
}

const mib = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`;

/** Cold start (`--version`, `validate`) and peak RSS (`provision` replayed, `validate`) under qemu-aarch64. */
export async function arm64Rows(runs: number, rssRuns: number): Promise<Row[]> {
  let agent: string, hello: string, qemu: string[];
  try {
    [agent, hello, qemu] = [await ensureAgent(), await ensureHello(), await arm64CommandPrefix()];
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return [unavailableRow(SECTION, "arm64 binary under qemu-aarch64", "—", reason, "failed")];
  }
  const rows: Row[] = [];
  const helloCommand = { argv: [...qemu, hello] };
  const starts = [
    ["cold start: `wifiprov --version` vs hello world", [agent, "--version"], LIMITS.version],
    [
      "cold start: `wifiprov validate examples/site.yaml` vs hello world",
      [agent, "validate", VALIDATE_FILE],
      LIMITS.validate,
    ],
  ] as const;
  for (const [name, argv, limit] of starts) {
    try {
      const times = timeAlternating({ argv: [...qemu, ...argv], env: VALIDATE_ENV }, helloCommand, runs);
      rows.push(ratioRow(name, median(times.a), median(times.b), `${runs} + ${runs}`, limit, formatMs));
    } catch (e) {
      rows.push(unavailableRow(SECTION, name, `≤ ${limit}×`, String(e), "failed"));
    }
  }
  try {
    await ensureGnuTime();
    const provisionKb: number[] = [];
    const validateKb: number[] = [];
    const helloKb: number[] = [];
    for (let i = 0; i < rssRuns; i++) {
      provisionKb.push((await provisionOnce([...qemu, agent])).ownKb ?? Number.NaN);
      validateKb.push((await measure([...qemu, agent, "validate", VALIDATE_FILE], VALIDATE_ENV)).timeKb);
      helloKb.push((await measure([...qemu, hello], {})).timeKb);
    }
    const n = `${rssRuns} + ${rssRuns}`;
    rows.push({
      ...ratioRow(
        "peak RSS of qemu-aarch64 running it: `provision` (fake wpa_cli, success) vs hello world",
        median(provisionKb),
        median(helloKb),
        n,
        LIMITS.provisionRss,
        mib,
      ),
      note:
        "The resident set of the qemu-aarch64 process (guest memory plus the emulator and its translated " +
        "code) on both sides; for `provision` the emulator's own VmHWM, sampled every 5 ms, so the fake " +
        "wpa_cli (host Node) children are not folded in.",
    });
    rows.push(
      ratioRow(
        "peak RSS of qemu-aarch64 running it: `validate` vs hello world",
        median(validateKb),
        median(helloKb),
        n,
        LIMITS.validateRss,
        mib,
      ),
    );
  } catch (e) {
    rows.push(unavailableRow(SECTION, "peak RSS under qemu-aarch64", "≤ 1.5×", String(e), "failed"));
  }
  return rows;
}
