// `provision --dry-run` and the real run (against the fake supplicant) reach the same outcome and exit code
// on disk states that stop a run: a world-writable, non-directory or read-only output directory, and a
// symlinked <id>.conf. Each case runs both on the same disk state.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { type ReplayRun, runReplay } from "../helpers/replay.ts";

const YAML = `version: 1
interface: wlan2
networks:
  - { id: office, method: psk, ssid: "Office", passphrase: "correct horse battery staple" }
  - { id: home, method: wps-pbc, ssid: LabNet }
`;
const isRoot = process.getuid?.() === 0;
const mounted: string[] = [];

/** Runs dry-run, then the real run, on the output directory `prepare` sets up (given the run's root). */
async function both(
  prepare: (root: string) => Promise<string>,
): Promise<{ dry: ReplayRun; real: ReplayRun }> {
  const runs: ReplayRun[] = [];
  for (const extra of [["--dry-run"], []]) {
    const root = await fs.mkdtemp("/tmp/wifiprov-agree-");
    const out = await prepare(root);
    runs.push(await runReplay({ scenario: "success", yaml: YAML, args: ["--output-dir", out, ...extra] }));
  }
  return { dry: runs[0]!, real: runs[1]! };
}

/** The outcome both must share: exit code, the error reason (exit 3) or the problem lines (exit 2). */
function outcome(run: ReplayRun): { code: number; reason?: string; problems?: string[] } {
  if (run.code === 2) {
    const lines = run.stderr.split("\n").filter((l) => /^(networks|outputDir)/.test(l));
    return { code: 2, problems: lines.map((l) => l.replace(/\/tmp\/wifiprov-agree-\w+/g, "ROOT")) };
  }
  const reason = JSON.parse(run.stdout).error?.reason;
  return { code: run.code, ...(reason ? { reason } : {}) };
}

function assertAgree(r: { dry: ReplayRun; real: ReplayRun }, code: number): void {
  assert.equal(r.real.code, code, r.real.stderr);
  assert.deepEqual(outcome(r.dry), outcome(r.real), `dry-run: ${r.dry.stderr}\nrun: ${r.real.stderr}`);
}

describe("provision --dry-run agrees with the run", () => {
  after(() => {
    for (const m of mounted) execFileSync("umount", ["-l", m]);
  });

  it("on a world-writable output directory (exit 2)", async () => {
    assertAgree(
      await both(async (root) => {
        const out = join(root, "out");
        await fs.mkdir(out);
        await fs.chmod(out, 0o777);
        return out;
      }),
      2,
    );
  });

  it("on an output directory that is a regular file (exit 3)", async () => {
    assertAgree(
      await both(async (root) => {
        const out = join(root, "out");
        await fs.writeFile(out, "not a folder\n");
        return out;
      }),
      3,
    );
  });

  it("on a symlinked <id>.conf (exit 2)", async () => {
    assertAgree(
      await both(async (root) => {
        const out = join(root, "out");
        await fs.mkdir(out);
        await fs.writeFile(join(root, "victim.txt"), "victim\n");
        await fs.symlink(join(root, "victim.txt"), join(out, "office.conf"));
        return out;
      }),
      2,
    );
  });

  it(
    "on a read-only output directory (exit 3)",
    { skip: isRoot ? false : "needs root to mount tmpfs" },
    async () => {
      assertAgree(
        await both(async (root) => {
          const out = join(root, "out");
          await fs.mkdir(out);
          execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m,mode=0755,ro", "tmpfs", out]);
          mounted.push(out);
          return out;
        }),
        3,
      );
    },
  );
});
