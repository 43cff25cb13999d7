// The first-boot lab run: builds the base and a fresh root disk, boots it twice (boot 1 with the AP's button
// pressed, boot 2 without), and leaves the evidence of both in `.cache/lab/firstboot-runs/<id>/`.
import { basename, dirname, join, resolve } from "node:path";
import { LAB_CACHE, REPO_ROOT } from "../image.ts";
import { progress } from "../log.ts";
import { boot } from "../qemu.ts";
import { makeDisk } from "./disk.ts";
import { ensureFirstbootImage, type FirstbootImage } from "./image.ts";
import { type BootMarkers, parseFirstbootConsole } from "./markers.ts";

/** One boot as the host saw it. */
export interface BootSummary {
  boot: number;
  /** Wall-clock seconds from QEMU start to its exit. */
  seconds: number;
  exitCode: number;
  timedOut: boolean;
  markers: BootMarkers;
  /** Guest uptimes (s) from systemd's own unit timestamps, when the boot's evidence has them. */
  units: { wifiprovStart?: number; wifiprovEnd?: number; supplicantStart?: number };
}

/** The outcome of a first-boot run. */
export interface FirstbootRun {
  runDir: string;
  binary: string;
  imageSeconds: number;
  diskSeconds: number;
  boots: BootSummary[];
}

/** Hard wall-clock limit per boot: generous, since the machine is shared and TCG is slow under load. */
const BOOT_LIMIT_SECONDS = 900;

function runId(): string {
  return new Date().toISOString().replaceAll(":", "").replace(/\..*/, "") + `-${Deno.pid}`;
}

/** Builds what is missing, boots the same disk twice; throws only if the lab itself cannot start. */
export async function runFirstboot(binaryPath: string): Promise<FirstbootRun> {
  const binary = resolve(binaryPath);
  if ((await Deno.stat(binary).catch(() => undefined))?.isFile !== true) {
    throw new Error(
      `Agent binary "${binary}" not found: build it with \`deno task dist\` or set WIFIPROV_BINARY`,
    );
  }
  let t = performance.now();
  const image = await ensureFirstbootImage();
  const imageSeconds = (performance.now() - t) / 1000;
  const runDir = join(LAB_CACHE, "firstboot-runs", runId());
  await Deno.mkdir(runDir, { recursive: true });
  await pruneRuns(dirname(runDir), 5);
  t = performance.now();
  const disk = join(runDir, "disk.img");
  await makeDisk(image.root, binary, disk);
  const diskSeconds = (performance.now() - t) / 1000;
  const boots: BootSummary[] = [];
  try {
    for (const n of [1, 2]) boots.push(await bootOnce(image, disk, runDir, n));
  } finally {
    const run: FirstbootRun = { runDir, binary, imageSeconds, diskSeconds, boots };
    await Deno.writeTextFile(join(runDir, "summary.json"), JSON.stringify(run, null, 2) + "\n");
  }
  // A complete run's disk is not kept (1 GB sparse); a broken run keeps it for inspection.
  await Deno.remove(disk).catch(() => {});
  return { runDir, binary, imageSeconds, diskSeconds, boots };
}

async function bootOnce(
  image: FirstbootImage,
  disk: string,
  runDir: string,
  n: number,
): Promise<BootSummary> {
  progress(
    `boot ${n} of the root disk (${basename(disk)})${n === 1 ? ", WPS button pressed while booting" : ""}`,
  );
  // no_timer_check: on a loaded host, TCG is too slow for the kernel's IO-APIC timer check, which then panics.
  const args = [
    "console=ttyS0",
    "rw",
    "systemd.show_status=error",
    "no_timer_check",
    "net.ifnames=0",
    "loglevel=4",
    "panic=-1",
    `lab.boot=${n}`,
  ];
  if (n === 1) args.push("lab.button");
  const result = await boot({
    image: { ...image },
    repoDir: REPO_ROOT,
    runDir,
    agentDir: runDir,
    timeoutSeconds: BOOT_LIMIT_SECONDS,
    memoryMb: 1536,
    append: args.join(" "),
    extraArgs: ["-drive", `file=${disk},format=raw,if=virtio,cache=unsafe`],
    onLine: (line) => console.error(`  boot${n}| ${line}`),
  });
  await Deno.writeTextFile(join(runDir, `console-boot${n}.log`), result.console.join("\n") + "\n");
  progress(
    `boot ${n} ended after ${result.seconds.toFixed(1)} s (qemu exit ${result.exitCode}${
      result.timedOut ? ", killed at the hard limit" : ""
    })`,
  );
  return {
    boot: n,
    seconds: result.seconds,
    exitCode: result.exitCode,
    timedOut: result.timedOut,
    markers: parseFirstbootConsole(result.console),
    units: await unitTimes(join(runDir, `boot${n}`)),
  };
}

/** ExecMain timestamps of wifiprov@wlan2 and wpa_supplicant@wlan2 (monotonic µs = guest uptime). */
async function unitTimes(dir: string): Promise<BootSummary["units"]> {
  const read = async (unit: string, key: string) => {
    const text = await Deno.readTextFile(join(dir, `unit-${unit}.txt`)).catch(() => "");
    const us = Number(new RegExp(`^${key}=(\\d+)$`, "m").exec(text)?.[1] ?? "0");
    return us > 0 ? us / 1e6 : undefined;
  };
  const entries = {
    wifiprovStart: await read("wifiprov@wlan2", "ExecMainStartTimestampMonotonic"),
    wifiprovEnd: await read("wifiprov@wlan2", "ExecMainExitTimestampMonotonic"),
    supplicantStart: await read("wpa_supplicant@wlan2", "ExecMainStartTimestampMonotonic"),
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

/** Keeps the newest `keep` run folders (a broken run may still hold its 1 GB sparse disk). */
async function pruneRuns(runsDir: string, keep: number): Promise<void> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(runsDir)) if (entry.isDirectory) names.push(entry.name);
  for (const name of names.sort().reverse().slice(keep)) {
    await Deno.remove(join(runsDir, name), { recursive: true }).catch(() => {});
  }
}

/** Reads the summary of an earlier run, to check its evidence again without booting. */
export async function loadFirstbootRun(runDir: string): Promise<FirstbootRun> {
  return JSON.parse(await Deno.readTextFile(join(runDir, "summary.json"))) as FirstbootRun;
}
