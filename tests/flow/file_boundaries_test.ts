// Hostile file cases (issue 11, third round): every path a run touches is one more target of config/decide.ts,
// decided before anything is touched, alike in --dry-run and the run: the assembled file, a dangling
// symlink as output folder, --report-file over another path, an events file that is a folder, --consume.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { type ReplayRun, runReplay } from "../helpers/replay.ts";
import { main } from "../../main.ts";
import { dryRunSchema, reportSchema } from "../../src/report/schemas.ts";

const PLAN = `version: 1
interface: wlan2
networks:
  - { id: office, method: psk, ssid: "Office", passphrase: "correct horse battery staple" }
`;
const HAND = 'ctrl_interface=/run/wpa_supplicant\nnetwork={\n\tssid="Mine"\n\tpsk="my own secret"\n}\n';
const ASSEMBLED = "wpa_supplicant-wlan2.conf";

type Prepare = (root: string, out: string) => Promise<void>;

/** Runs --dry-run, then the run, each on a fresh disk set up by `prepare`. */
async function both(
  prepare: Prepare,
  args: string[],
  yaml = PLAN,
): Promise<{ dry: ReplayRun; real: ReplayRun }> {
  const dry = await runReplay({ scenario: "success", yaml, prepare, args: [...args, "--dry-run"] });
  const real = await runReplay({ scenario: "success", yaml, prepare, args });
  return { dry, real };
}

const exists = (p: string) => fs.lstat(p).then(() => true, () => false);
const outDir: Prepare = async (_root, out) => void await fs.mkdir(out, { mode: 0o755 });

describe("the assembled file is a target of the shared decision", () => {
  it("a hand-written one without --force: dry-run and run exit 1, the report says so", async () => {
    const prepare: Prepare = async (root, out) => {
      await outDir(root, out);
      await fs.writeFile(join(out, ASSEMBLED), HAND, { mode: 0o600 });
    };
    const r = await both(prepare, ["--assemble", "--consume"]);
    assert.equal(r.dry.code, 1, r.dry.stderr);
    const doc = dryRunSchema.parse(JSON.parse(r.dry.stdout));
    assert.deepEqual(doc.assembled, { path: join(r.dry.outDir, ASSEMBLED), action: "conflict" });
    assert.equal(r.real.code, 1, r.real.stderr);
    const report = reportSchema.parse(JSON.parse(r.real.stdout));
    assert.equal(report.ok, false);
    assert.equal(report.assembled?.status, "conflict");
    assert.equal(await fs.readFile(join(r.real.outDir, ASSEMBLED), "utf8"), HAND);
    assert.ok(await exists(r.real.file), "a run that is not ok consumes nothing");
  });

  it("dry-run shows the assembled file it would write", async () => {
    const r = await runReplay({ scenario: "success", yaml: PLAN, args: ["--assemble", "--dry-run"] });
    assert.equal(r.code, 0, r.stderr);
    const doc = dryRunSchema.parse(JSON.parse(r.stdout));
    assert.deepEqual(doc.assembled, { path: join(r.outDir, ASSEMBLED), action: "write" });
    assert.match(r.stderr, /would write .*wpa_supplicant-wlan2\.conf/);
  });

  it("a successful run reports the assembled file as written", async () => {
    const r = await runReplay({ scenario: "success", yaml: PLAN, args: ["--assemble"] });
    assert.equal(r.code, 0, r.stderr);
    const report = reportSchema.parse(JSON.parse(r.stdout));
    assert.deepEqual(report.assembled, { path: join(r.outDir, ASSEMBLED), status: "provisioned" });
  });

  for (
    const [what, make] of [
      ["a symlink", (p: string) => fs.symlink("/etc/hostname", p)],
      ["a folder", (p: string) => fs.mkdir(p)],
    ] as const
  ) {
    it(`${what}: exit 2 in dry-run and run, nothing written`, async () => {
      const prepare: Prepare = async (root, out) => {
        await outDir(root, out);
        await make(join(out, ASSEMBLED));
      };
      const r = await both(prepare, ["--assemble"]);
      assert.equal(r.dry.code, 2, r.dry.stderr);
      assert.equal(r.real.code, 2, r.real.stderr);
      assert.match(r.real.stderr, /--assemble: .*wpa_supplicant-wlan2\.conf/);
      assert.equal(await exists(join(r.real.outDir, "office.conf")), false);
    });
  }

  it("standalone assemble refuses a world-writable folder (exit 2) and a symlinked target (exit 2)", async () => {
    const run = await runReplay({ scenario: "success", yaml: PLAN });
    assert.equal(run.code, 0, run.stderr);
    const assemble = async () => {
      let stderr = "";
      const code = await main(["assemble", run.file, "--output-dir", run.outDir], {
        stdout: () => {},
        stderr: (t) => (stderr += t),
      });
      return { code, stderr };
    };
    await fs.chmod(run.outDir, 0o777);
    const ww = await assemble();
    assert.equal(ww.code, 2, ww.stderr);
    assert.match(ww.stderr, /world-writable/);
    assert.equal(await exists(join(run.outDir, ASSEMBLED)), false);
    await fs.chmod(run.outDir, 0o755);
    await fs.symlink("/nonexistent-target", join(run.outDir, ASSEMBLED));
    const link = await assemble();
    assert.equal(link.code, 2, link.stderr);
    assert.match(link.stderr, /symbolic link/);
  });
});

describe("a dangling symlink as output folder", () => {
  for (const sub of ["", "sub"]) {
    it(`-o ${sub ? "link/sub" : "link"}: dry-run and run exit 3 with the same true message`, async () => {
      const prepare: Prepare = (root) => fs.symlink("/nonexistent-wifiprov", join(root, "link"));
      const r = await both(prepare, ["--output-dir", sub ? "ROOT/link/sub" : "ROOT/link"]);
      assert.equal(r.dry.code, 3, r.dry.stderr);
      assert.equal(r.real.code, 3, r.real.stderr);
      const dry = JSON.parse(r.dry.stdout).error;
      const real = JSON.parse(r.real.stdout).error;
      assert.equal(dry.reason, real.reason);
      assert.equal(dry.message.replaceAll(r.dry.root, "ROOT"), real.message.replaceAll(r.real.root, "ROOT"));
      assert.match(real.message, /symbolic link to "\/nonexistent-wifiprov", which does not exist/);
    });
  }
});

describe("--report-file and --events-file never land on another path of the run", () => {
  const fifo: Prepare = async (root, out) => {
    await outDir(root, out);
    const made = spawnSync("mkfifo", [join(root, "events")]);
    assert.equal(made.status, 0, String(made.stderr));
  };
  const planLink: Prepare = async (root, out) => {
    await outDir(root, out);
    await fs.symlink(join(root, "site.yaml"), join(root, "link.yaml"));
  };
  const cases: Array<[string, string, string[], Prepare]> = [
    ["--report-file", "a config this run writes", ["--report-file", "ROOT/out/office.conf"], outDir],
    ["--report-file", "its .bak", ["--report-file", "ROOT/out/office.conf.bak", "--force"], outDir],
    ["--report-file", "the assembled file", ["--assemble", "--report-file", `ROOT/out/${ASSEMBLED}`], outDir],
    ["--report-file", "the provisioning file", ["--report-file", "PLAN", "--consume"], outDir],
    [
      "--report-file",
      "the provisioning file by another spelling",
      ["--report-file", "ROOT/out/../site.yaml"],
      outDir,
    ],
    ["--report-file", "a folder", ["--report-file", "ROOT/out"], outDir],
    // Second hostile review of issue 13: the events file was appended to whatever the path named.
    ["--events-file", "a config this run writes", ["--events-file", "ROOT/out/office.conf"], outDir],
    ["--events-file", "the provisioning file", ["--events-file", "PLAN"], outDir],
    ["--events-file", "a link to the provisioning file", ["--events-file", "ROOT/link.yaml"], planLink],
    [
      "--events-file",
      "the --report-file",
      ["--events-file", "ROOT/r.json", "--report-file", "ROOT/r.json"],
      outDir,
    ],
    [
      "--events-file",
      "a FIFO (no reader would block the run for good)",
      ["--events-file", "ROOT/events"],
      fifo,
    ],
  ];
  for (const [flag, what, args, prepare] of cases) {
    it(`refuses ${what} as ${flag}: exit 2 naming it in dry-run and run, nothing touched`, async () => {
      const r = await both(prepare, args);
      for (const run of [r.dry, r.real]) {
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, new RegExp(`^${flag}: `, "m"));
      }
      assert.equal(await fs.readFile(r.real.file, "utf8"), PLAN);
      assert.equal(await exists(join(r.real.outDir, "office.conf")), false);
    });
  }
});

describe("--report-file never replaces what is not a regular file (hostile review of issue 13: /dev/full)", () => {
  const cases: Array<[string, (root: string) => Promise<void>]> = [
    ["a FIFO", (root) => {
      const made = spawnSync("mkfifo", [join(root, "report")]);
      assert.equal(made.status, 0, String(made.stderr));
      return Promise.resolve();
    }],
    ["a symbolic link (as /dev/stdout is)", async (root) => {
      await fs.writeFile(join(root, "target.json"), "{}\n");
      await fs.symlink(join(root, "target.json"), join(root, "report"));
    }],
  ];
  for (const [what, make] of cases) {
    it(`refuses ${what}: exit 2 naming --report-file in dry-run and run, the path left as it was`, async () => {
      const prepare: Prepare = async (root, out) => {
        await outDir(root, out);
        await make(root);
      };
      const r = await both(prepare, ["--report-file", "ROOT/report"]);
      for (const run of [r.dry, r.real]) {
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, /^--report-file: /m);
        const st = await fs.lstat(join(run.root, "report"));
        assert.ok(st.isFIFO() || st.isSymbolicLink(), `${what} is still there`);
      }
      assert.equal(await exists(join(r.real.outDir, "office.conf")), false);
    });
  }
});

describe("--events-file and --consume failures", () => {
  it("an events file may be a character device (a console, /dev/null): appended to, never replaced", async () => {
    const r = await runReplay({ scenario: "success", yaml: PLAN, args: ["--events-file", "/dev/null"] });
    assert.equal(r.code, 0, r.stderr);
    assert.ok((await fs.lstat("/dev/null")).isCharacterDevice());
  });

  it("an events file whose writes fail (/proc/version: a regular file the kernel refuses) is said once, the run goes on, exit 3", async () => {
    const wps = "version: 1\ninterface: wlan2\nnetworks:\n  - { id: home, method: wps-pbc, ssid: LabNet }\n";
    const r = await runReplay({
      scenario: "success",
      yaml: wps,
      args: ["--events-file", "/proc/version", "--consume"],
    });
    assert.equal(r.code, 3, r.stderr);
    const said = r.stderr.split("\n").filter((l) => l.includes("cannot write events"));
    assert.equal(said.length, 1, r.stderr);
    assert.match(said[0]!, /^wifiprov: cannot write events to "\/proc\/version": .+; the events stop here$/);
    const report = reportSchema.parse(JSON.parse(r.stdout));
    assert.equal(report.ok, true, "the run itself went on to the end");
    assert.ok(await exists(join(r.outDir, "home.conf")));
    assert.equal(await fs.readFile(r.file, "utf8"), wps, "a run whose events were lost consumes nothing");
  });

  it("a report that did not reach stdout (disk full) consumes nothing: exit 3, the plan kept", async () => {
    const r = await runReplay({ scenario: "success", yaml: PLAN, prepare: async () => {} });
    let stderr = "";
    const code = await main(["provision", r.file, "--consume", "--force", "--output-dir", r.outDir], {
      stdout: () => {},
      stderr: (t) => (stderr += t),
      stdoutLost: () => true,
    });
    assert.equal(code, 3, stderr);
    assert.equal(await fs.readFile(r.file, "utf8"), PLAN);
    assert.equal(await exists(`${r.file}.done`), false);
  });

  it("an events file that is a folder is refused up front (exit 2)", async () => {
    const r = await runReplay({ scenario: "success", yaml: PLAN, args: ["--events-file", "ROOT/state"] });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--events-file: .* is a directory/);
    assert.doesNotMatch(r.stderr, /EISDIR/);
  });

  it("a failed --consume is exit 3 with errno words", async () => {
    const r = await runReplay({
      scenario: "success",
      yaml: PLAN,
      args: ["--consume"],
      // The .done path is taken by a folder: the move aside cannot happen.
      prepare: (root) => fs.mkdir(join(root, "site.yaml.done")),
    });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /cannot move ".*site\.yaml" aside: is a directory/);
    assert.doesNotMatch(r.stderr, /EISDIR|EROFS/);
    assert.equal(await fs.readFile(r.file, "utf8"), PLAN);
  });

  it("--consume refuses a symlinked provisioning file up front (exit 2)", async () => {
    const r = await runReplay({ scenario: "success", yaml: PLAN, prepare: async () => {} });
    const link = join(r.root, "link.yaml");
    await fs.symlink(r.file, link);
    let stderr = "";
    const code = await main(["provision", link, "--consume", "--dry-run", "--output-dir", r.outDir], {
      stdout: () => {},
      stderr: (t) => (stderr += t),
    });
    assert.equal(code, 2, stderr);
    assert.match(stderr, /--consume: .*link\.yaml" is a symbolic link/);
    assert.equal(await exists(`${link}.done`), false);
  });

  it("--consume leaves no comment in the .done copy", async () => {
    const yaml = `# old passphrase: Winter2023!\n${PLAN}  # note: hunter2\n`;
    const r = await runReplay({ scenario: "success", yaml, args: ["--consume"] });
    assert.equal(r.code, 0, r.stderr);
    const done = await fs.readFile(`${r.file}.done`, "utf8");
    assert.doesNotMatch(done, /Winter2023|hunter2|#/);
    assert.match(done, /office/);
  });
});

describe("dry-run words follow the backup decision", () => {
  it("says no .bak is kept when the .bak holds a hand-written file", async () => {
    const first = await runReplay({ scenario: "success", yaml: PLAN });
    const conf = await fs.readFile(join(first.outDir, "office.conf"), "utf8");
    const changed = PLAN.replace("correct horse battery staple", "another long passphrase");
    const prepare: Prepare = async (root, out) => {
      await outDir(root, out);
      await fs.writeFile(join(out, "office.conf"), conf, { mode: 0o600 });
      await fs.writeFile(join(out, "office.conf.bak"), HAND, { mode: 0o600 });
    };
    const r = await both(prepare, ["--force"], changed);
    assert.equal(r.real.code, 0, r.real.stderr);
    assert.equal(await fs.readFile(join(r.real.outDir, "office.conf.bak"), "utf8"), HAND);
    assert.doesNotMatch(r.dry.stderr, /keeping a \.bak/);
    assert.match(
      r.dry.stderr,
      /office: would replace .*office\.conf \(no \.bak: .*office\.conf\.bak is kept/,
    );
    const doc = dryRunSchema.parse(JSON.parse(r.dry.stdout));
    assert.equal(doc.networks[0]!.backupPath, undefined);
  });

  it("names the .bak when one is kept", async () => {
    const prepare: Prepare = async (root, out) => {
      await outDir(root, out);
      await fs.writeFile(join(out, "office.conf"), HAND, { mode: 0o600 });
    };
    const r = await runReplay({ scenario: "success", yaml: PLAN, prepare, args: ["--force", "--dry-run"] });
    const doc = dryRunSchema.parse(JSON.parse(r.stdout));
    assert.equal(doc.networks[0]!.backupPath, join(r.outDir, "office.conf.bak"));
    assert.match(r.stderr, /would replace .*office\.conf \(keeping it as .*office\.conf\.bak\)/);
  });
});
