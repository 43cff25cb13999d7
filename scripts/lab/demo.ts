// The lab demo: boots the virtual Wi-Fi lab, presses the AP's button, runs `wifiprov provision` on
// examples/lab-demo.yaml and shows the agent's progress, its JSON report and the written file, secrets masked.
// `deno task demo dpp`: the same with a DPP configurator scanning the QR code (examples/lab-demo-dpp.yaml).
import { join } from "node:path";
import { DEFAULT_BINARY, runLab } from "./run.ts";
import { buildDist, REPO_ROOT } from "../dist.ts";
import { humanSink } from "../../src/cli/human.ts";
import type { RunEvent } from "../../src/report/events.ts";

/** Replaces the values of secret-bearing lines of a wpa_supplicant config with `********`. */
export function maskSecrets(config: string): string {
  return config.replace(/^(\s*(?:psk|sae_password|password|wep_key\d)=).*$/gm, "$1********");
}

/**
 * The agent's progress, rendered on this terminal by the agent's own code (src/cli/human.ts) from the NDJSON
 * events it streams to the guest console: on a TTY that is the live "press the WPS button: 97 s left" line.
 */
const progress = humanSink({
  write: (text) => Deno.stderr.writeSync(new TextEncoder().encode(text)),
  isTty: Deno.stderr.isTerminal(),
  color: Deno.stderr.isTerminal() && Deno.env.get("NO_COLOR") === undefined,
  now: () => Date.now(),
});

/** Console lines the demo shows live: the agent's events and the lab's narration. */
function showLine(line: string): void {
  if (line.startsWith('{"ts":')) {
    const { ts: _ts, ...event } = JSON.parse(line) as RunEvent & { ts: string };
    progress.sink(event as RunEvent);
    if (event.type === "dpp-listening") showQr(event.uri);
  } else if (line.startsWith("LAB-DEMO ")) {
    progress.stop();
    console.error(`* ${line.slice(9)}`);
  } else if (line.startsWith("LAB-READY")) {
    console.error("* guest booted");
  }
}

/** The QR code a person would scan, drawn by the agent's own renderer (src/dpp/qr.ts). */
function showQr(uri: string): void {
  import("../../src/dpp/qr.ts").then(async (qr) => console.error(await qr.qrTerminal(uri)));
}

/** Runs the demo (`demo` or `demo-dpp`) with the given agent binary; the agent's exit code (3 if the lab broke). */
export async function runDemo(binary: string = DEFAULT_BINARY, scenario = "demo"): Promise<number> {
  const run = await runLab({ binary, scenarios: [scenario], onLine: showLine });
  progress.stop();
  const marker = run.console.scenarios.find((s) => s.name === scenario);
  const dir = join(run.runDir, scenario);
  if (marker?.rc !== 0) {
    console.error(`The demo did not complete (see ${dir}/transcript.log and ${run.runDir}/console.log)`);
    return 3;
  }
  const read = (name: string) => Deno.readTextFileSync(join(dir, name));
  console.log("\n--- JSON report (stdout of wifiprov) ---");
  console.log(read("report.json").trimEnd());
  try {
    console.log("\n--- written home.conf (mode %s), secrets masked ---", read("modes.txt").split(" ")[0]);
    console.log(maskSecrets(read("files/home.conf")).trimEnd());
  } catch {
    console.log("\n(no home.conf was written)");
  }
  console.log(`\n--- evidence: ${dir}`);
  return Number(read("exit-code").trim());
}

if (import.meta.main) {
  const dpp = Deno.args[0] === "dpp";
  const given = Deno.env.get("WIFIPROV_BINARY") ?? Deno.args[dpp ? 1 : 0];
  if (given === undefined) {
    // The demo runs the shipped binary: build it first when it is missing or older than the sources.
    console.error("* building dist/wifiprov-linux-x64 (skipped when up to date)");
    await buildDist({ targets: ["linux-x64"], force: false, outDir: join(REPO_ROOT, "dist") });
  }
  Deno.exitCode = await runDemo(given ?? DEFAULT_BINARY, dpp ? "demo-dpp" : "demo");
}
