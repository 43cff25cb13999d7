// Command line of the first-boot lab: deno task lab:firstboot [--binary PATH] [--build-only]
// Boots Debian's systemd twice from one persistent disk and prints the measured sequence.
import { parseArgs } from "node:util";
import { DEFAULT_BINARY } from "../run.ts";
import { ensureFirstbootImage } from "./image.ts";
import { type FirstbootRun, runFirstboot } from "./run.ts";

/** The first-boot sequence with its measured times, as the README shows it. */
export function sequenceTable(run: FirstbootRun): string {
  const f = (n: number | undefined) => (n === undefined ? "—" : `${n.toFixed(1)} s`);
  const lines = [
    `  base image ready in ${f(run.imageSeconds)}; root disk written in ${f(run.diskSeconds)}`,
  ];
  for (const b of run.boots) {
    const m = b.markers;
    const u = b.units;
    const steps = [
      `initramfs ${f(m.initramfs)}`,
      ...(m.button === undefined ? [] : [`WPS button pressed ${f(m.button)}`]),
      u.wifiprovStart === undefined
        ? "wifiprov@wlan2 skipped"
        : `wifiprov@wlan2 ${f(u.wifiprovStart)} → ${f(u.wifiprovEnd)}`,
      `wpa_supplicant@wlan2 started ${f(u.supplicantStart)}`,
      `connected ${m.connected?.ok ? f(m.connected.uptime) : "NEVER"}`,
      ...(m.dbus ? [`D-Bus-only scenario done ${f(m.dbus.uptime)}`] : []),
      `power-off ${f(m.done)}`,
    ];
    const hard = b.timedOut ? " (killed at the hard limit)" : "";
    lines.push(
      `  boot ${b.boot}: QEMU start to exit ${f(b.seconds)}${hard}; guest uptime: ${steps.join(", ")}`,
    );
  }
  lines.push(`  evidence: ${run.runDir}`);
  return lines.join("\n");
}

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { binary: { type: "string" }, "build-only": { type: "boolean" } },
  });
  if (values["build-only"] === true) {
    await ensureFirstbootImage();
    return 0;
  }
  const binary = values.binary ?? Deno.env.get("WIFIPROV_BINARY") ?? DEFAULT_BINARY;
  const run = await runFirstboot(binary);
  console.log(sequenceTable(run));
  return run.boots.length === 2 && run.boots.every((b) => b.markers.connected?.ok === true) ? 0 : 1;
}

if (import.meta.main) {
  Deno.exitCode = await main(Deno.args);
}
