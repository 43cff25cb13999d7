// Dry-run and run agree: random plans (psk networks, at most one WPS network, --force or not, --assemble or
// not) over random disk states (output folder fine, absent, world-writable, a file, a dangling symlink or
// under one; each target absent, identical, different, wifiprov's own but different, a symlink or a folder;
// a hand-written .bak or none; the assembled file absent, hand-written, ours, a symlink or a folder) go
// through `provision --dry-run` and a real run against the fake supplicant on two identical copies; both must
// reach the same exit code, the same problems, and for each target the outcome (and .bak) the dry-run announced.
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { type ReplayRun, runReplay } from "../helpers/replay.ts";
import { loadPlan } from "../../src/plan/load.ts";
import { resolveSettings } from "../../src/plan/settings.ts";
import { blockFromPsk } from "../../src/config/network_block.ts";
import { renderFile } from "../../src/run/write_config.ts";
import { SECRET_NOTICE } from "../../src/config/render.ts";

type Target = "absent" | "identical" | "different" | "ours" | "holds" | "symlink" | "folder";
type Folder = "fine" | "absent" | "world-writable" | "file" | "dangling" | "under-dangling";
type Assembled = "absent" | "different" | "ours" | "symlink" | "folder";
interface Case {
  folder: Folder;
  force: boolean;
  /** A hand-written `<id>.conf.bak` beside every target. */
  handBak: boolean;
  /** With --assemble: what is at wpa_supplicant-wlan2.conf. */
  assemble: Assembled | null;
  psk: Array<{ id: string; target: Target }>;
  wps: { target: Target; ssid: boolean } | null;
}

const target = fc.constantFrom<Target>(
  "absent",
  "identical",
  "different",
  "ours",
  "holds",
  "symlink",
  "folder",
);
const caseArb: fc.Arbitrary<Case> = fc.record({
  folder: fc.constantFrom<Folder>(
    "fine",
    "fine",
    "fine",
    "absent",
    "world-writable",
    "file",
    "dangling",
    "under-dangling",
  ),
  force: fc.boolean(),
  handBak: fc.boolean(),
  assemble: fc.option(fc.constantFrom<Assembled>("absent", "different", "ours", "symlink", "folder"), {
    nil: null,
  }),
  psk: fc.uniqueArray(fc.record({ id: fc.constantFrom("a", "b", "c", "d"), target }), {
    selector: (n) => n.id,
    minLength: 1,
    maxLength: 3,
  }),
  wps: fc.option(fc.record({ target, ssid: fc.boolean() }), { nil: null }),
});

function yamlOf(c: Case): string {
  const lines = ["version: 1", "interface: wlan2", "networks:"];
  for (const n of c.psk) {
    lines.push(`  - { id: ${n.id}, method: psk, ssid: "Net ${n.id}", passphrase: "pass of ${n.id}" }`);
  }
  if (c.wps) lines.push(`  - { id: w, method: wps-pbc${c.wps.ssid ? ", ssid: LabNet" : ""} }`);
  return lines.join("\n") + "\n";
}

/** Builds the case's disk state under `root`; returns the output folder and the ctrl dir to use. */
async function prepare(c: Case, root: string): Promise<{ out: string; ctrl: string }> {
  const out = join(root, "out");
  const ctrl = join(root, "ctrl");
  if (c.folder === "file") await fs.writeFile(out, "not a folder\n");
  if (c.folder === "dangling") await fs.symlink(join(root, "gone"), out);
  if (c.folder === "under-dangling") {
    await fs.symlink(join(root, "gone"), join(root, "link"));
    return { out: join(root, "link", "out"), ctrl };
  }
  if (c.folder !== "fine" && c.folder !== "world-writable") return { out, ctrl };
  await fs.mkdir(out, { mode: 0o755 });
  if (c.folder === "world-writable") await fs.chmod(out, 0o777);
  const loaded = await loadPlan(yamlOf(c), { env: () => undefined, readFile: () => Promise.reject() });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const settings = resolveSettings({ outputDir: out, ctrlDir: ctrl }, loaded.plan.settings);
  const targets = [...c.psk, ...(c.wps ? [{ id: "w", target: c.wps.target }] : [])];
  for (const { id, target } of targets) {
    const path = join(out, `${id}.conf`);
    const net = loaded.plan.networks.find((n) => n.id === id)!;
    const identical = net.method === "psk" ? await renderFile(blockFromPsk(net), settings) : "x\n";
    const text: Record<Target, string | null> = {
      absent: null,
      identical,
      different: 'network={\n\tssid="Hand"\n\tpsk="hand written"\n}\n',
      ours: `# ${SECRET_NOTICE}\nnetwork={\n\tssid="Older"\n\tpsk="older passphrase"\n}\n`,
      holds: 'network={\n\tssid="LabNet"\n\tpsk="hand written"\n}\n',
      symlink: null,
      folder: null,
    };
    if (target === "symlink") await fs.symlink(join(root, "victim"), path);
    else if (target === "folder") await fs.mkdir(path);
    else if (text[target] !== null) await fs.writeFile(path, text[target]!, { mode: 0o600 });
    if (c.handBak) await fs.writeFile(`${path}.bak`, HAND, { mode: 0o600 });
  }
  const assembled = join(out, "wpa_supplicant-wlan2.conf");
  if (c.assemble === "symlink") await fs.symlink(join(root, "victim"), assembled);
  if (c.assemble === "folder") await fs.mkdir(assembled);
  if (c.assemble === "different") await fs.writeFile(assembled, HAND, { mode: 0o600 });
  if (c.assemble === "ours") {
    await fs.writeFile(assembled, `# ${SECRET_NOTICE}\nnetwork={\n}\n`, { mode: 0o600 });
  }
  return { out, ctrl };
}

const HAND = 'network={\n\tssid="Hand"\n\tpsk="hand written"\n}\n';

async function runCase(c: Case, dryRun: boolean): Promise<ReplayRun> {
  const root = await fs.mkdtemp("/tmp/wifiprov-prop-");
  const { out, ctrl } = await prepare(c, root);
  const args = [
    ...["--output-dir", out, "--ctrl-dir", ctrl, "-q"],
    ...(c.force ? ["--force"] : []),
    ...(c.assemble ? ["--assemble"] : []),
  ];
  return await runReplay({
    scenario: "success",
    yaml: yamlOf(c),
    args: dryRun ? [...args, "--dry-run"] : args,
  });
}

/** The outcome a dry-run action announces, as the run's report shows it. */
function expected(action: string): string {
  return { write: "provisioned", "enrol-wps": "provisioned", replace: "provisioned", keep: "unchanged" }[
    action
  ] ?? (action === "conflict" ? "error:file-exists" : action);
}

function problems(run: ReplayRun): string[] {
  return run.stderr.split("\n").filter(Boolean).map((l) => l.replace(/\/tmp\/wifiprov-prop-\w+/g, "ROOT"));
}

/** The property: same exit code, same problems (exit 2), per network the announced outcome. */
export const dryRunAgreesWithRun = fc.asyncProperty(caseArb, async (c) => {
  const dry = await runCase(c, true);
  const real = await runCase(c, false);
  const context = `${JSON.stringify(c)}\ndry-run: ${dry.stderr}\nrun: ${real.stderr}`;
  assert.equal(dry.code, real.code, context);
  if (real.code === 2) return assert.deepEqual(problems(dry), problems(real), context);
  const plan = JSON.parse(dry.stdout);
  const report = JSON.parse(real.stdout);
  assert.equal(plan.error?.reason, report.error?.reason, context);
  const got = report.networks.map((n: { status: string; reason?: string }) =>
    n.status === "error" ? `error:${n.reason}` : n.status
  );
  assert.deepEqual(got, plan.networks.map((n: { action: string }) => expected(n.action)), context);
  const backups = (doc: { networks: Array<{ backupPath?: string }> }) =>
    doc.networks.map((n) => n.backupPath);
  assert.deepEqual(backups(report), backups(plan), context);
  if (!c.assemble) return;
  // The assembled file: what the dry-run announced once every network succeeded, else not run.
  const done = got.every((s: string) => s === "provisioned" || s === "unchanged");
  const want = !done || plan.assembled.action === "not-run"
    ? { status: "not-run" }
    : plan.assembled.action === "conflict"
    ? { status: "conflict" }
    : {
      status: "provisioned",
      ...(plan.assembled.backupPath ? { backupPath: plan.assembled.backupPath } : {}),
    };
  const { path: _, message: __, ...gotAssembled } = report.assembled;
  assert.deepEqual(gotAssembled, want, context);
});
