// The pure decisions about target files (src/config/decide.ts), as tables of facts → outcome.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  decideAssembled,
  decideBackup,
  decideOutputDir,
  decideRun,
  decideTarget,
  type DirFacts,
  type OutputPathKind,
  type TargetFacts,
  type Wanted,
} from "../../src/config/decide.ts";
import { SECRET_NOTICE } from "../../src/config/render.ts";

const file = (text: string, ours = false): TargetFacts => ({
  kind: "file",
  bytes: new TextEncoder().encode(text),
  mode: 0o600,
  ours,
});
const LAB = 'network={\n\tssid="LabNet"\n\tpsk="x"\n}\n';
const text: Wanted = { kind: "text", text: "new\n" };
const wps: Wanted = { kind: "enrolled", enrol: "enrol-wps", ssid: "LabNet" };
const dpp: Wanted = { kind: "enrolled", enrol: "enrol-dpp", ssid: "LabNet" };

describe("decideTarget", () => {
  const cases: Array<[string, Wanted, boolean, TargetFacts, string]> = [
    ["writes an absent psk target", text, false, { kind: "absent" }, "write"],
    ["enrols an absent WPS target", wps, false, { kind: "absent" }, "enrol-wps"],
    ["enrols an absent DPP target by DPP", dpp, false, { kind: "absent" }, "enrol-dpp"],
    ["keeps identical text", text, false, file("new\n"), "keep"],
    ["keeps identical text with --force too", text, true, file("new\n"), "keep"],
    ["refuses different text without --force", text, false, file("old\n"), "conflict"],
    ["replaces different text with --force", text, true, file("old\n"), "replace"],
    ["keeps a WPS file holding the SSID", wps, false, file(LAB), "keep"],
    [
      "keeps a WPS file holding any SSID when the plan names none",
      { kind: "enrolled", enrol: "enrol-wps" },
      false,
      file(LAB),
      "keep",
    ],
    [
      "refuses a WPS file holding another SSID",
      { kind: "enrolled", enrol: "enrol-wps", ssid: "Other" },
      false,
      file(LAB),
      "conflict",
    ],
    ["enrols again over a WPS file with --force", wps, true, file(LAB), "replace"],
    ["refuses a symlink even with --force", text, true, { kind: "symlink" }, "refuse"],
    ["refuses a directory at the target", wps, true, { kind: "not-file" }, "refuse"],
    [
      "refuses an unreadable target",
      text,
      false,
      { kind: "unreadable", error: "permission denied" },
      "refuse",
    ],
  ];
  for (const [name, wanted, force, facts, expected] of cases) {
    it(name, () => assert.equal(decideTarget("/o/x.conf", wanted, force, facts).action, expected));
  }
});

describe("decideOutputDir", () => {
  const ok = { ok: true } as const;
  const ro = { ok: false, error: "read-only file system" } as const;
  const cases: Array<[string, DirFacts, string]> = [
    ["goes on in a writable directory", { kind: "directory", worldWritable: false, writable: ok }, "ok"],
    [
      "refuses a world-writable one as bad input",
      { kind: "directory", worldWritable: true, writable: ok },
      "invalid",
    ],
    ["stops at a read-only one", { kind: "directory", worldWritable: false, writable: ro }, "environment"],
    ["stops at a file", { kind: "not-directory" }, "environment"],
    ["stops at a dangling symlink", { kind: "dangling", link: "/o/out", target: "/gone" }, "environment"],
    ["stops under a dangling symlink", { kind: "dangling", link: "/o", target: "/gone" }, "environment"],
    ["creates a missing one under a writable folder", {
      kind: "absent",
      ancestor: "/o",
      ancestorIsDir: true,
      writable: ok,
    }, "ok"],
    ["stops when the missing one's parent is read-only", {
      kind: "absent",
      ancestor: "/o",
      ancestorIsDir: true,
      writable: ro,
    }, "environment"],
  ];
  for (const [name, facts, expected] of cases) {
    it(name, () => assert.equal(decideOutputDir("/o/out", facts).kind, expected));
  }
});

describe("decideBackup", () => {
  const ours = file(`# ${SECRET_NOTICE}\nnetwork={}\n`, true);
  it("backs up a replaced file", () => assert.equal(decideBackup(file("old\n"), { kind: "absent" }), true));
  it("never overwrites a hand-written .bak with wifiprov's own output", () => {
    assert.equal(decideBackup(ours, file("mine\n")), false);
  });
  it("replaces a .bak of wifiprov's output", () => assert.equal(decideBackup(ours, ours), true));
});

describe("decideRun", () => {
  const dir: DirFacts = { kind: "directory", worldWritable: false, writable: { ok: true } };
  const question = (id: string) => ({
    outputDir: "/o",
    iface: "wlan0",
    force: false,
    networks: [{ id, method: "psk" as const, text: "t\n", path: `/o/${id}.conf` }],
  });

  it("refuses an id that would be the assembled file, naming the field", () => {
    const d = decideRun(question("wpa_supplicant-wlan0"), { dir, targets: new Map() });
    assert.equal(d.kind, "invalid");
    assert.equal(d.kind === "invalid" && d.problems[0]?.path, "networks[0].id");
    assert.match(d.kind === "invalid" ? d.problems[0]!.message : "", /wpa_supplicant-wlan0\.conf/);
  });

  it("allows that id for another interface", () => {
    const d = decideRun({ ...question("wpa_supplicant-wlan0"), iface: "wlan1" }, { dir, targets: new Map() });
    assert.deepEqual(d, { kind: "go", createDir: false, actions: ["write"], backups: [false] });
  });

  it("puts a symlinked target among the problems", () => {
    const d = decideRun(question("home"), { dir, targets: new Map([["home", { kind: "symlink" }]]) });
    assert.equal(d.kind === "invalid" && d.problems.length, 1);
  });

  it("stops at an unusable folder before looking at targets", () => {
    const d = decideRun(question("home"), { dir: { kind: "not-directory" }, targets: new Map() });
    assert.equal(d.kind, "environment");
  });
});

describe("decideOutputDir on a dangling symlink", () => {
  it("says what is there, not a misleading errno", () => {
    const d = decideOutputDir("/o/out/sub", { kind: "dangling", link: "/o/out", target: "/gone" });
    assert.equal(
      d.kind === "environment" && d.message,
      'output directory "/o/out/sub" cannot be created: "/o/out" (above it) is a symbolic link to "/gone", which does not exist',
    );
  });
});

describe("decideAssembled before the run (text not known yet)", () => {
  const ours = file(`# ${SECRET_NOTICE}\nnetwork={}\n`, true);
  const cases: Array<[string, boolean, TargetFacts, string]> = [
    ["writes an absent one", false, { kind: "absent" }, "write"],
    ["replaces one wifiprov wrote", false, ours, "replace"],
    ["is a conflict for a hand-written one", false, file("mine\n"), "conflict"],
    ["replaces a hand-written one with --force", true, file("mine\n"), "replace"],
    ["refuses a symlink", true, { kind: "symlink" }, "refuse"],
    ["refuses a folder", true, { kind: "not-file" }, "refuse"],
  ];
  for (const [name, force, facts, expected] of cases) {
    it(name, () => assert.equal(decideAssembled("/o/a.conf", undefined, force, facts).action, expected));
  }
});

describe("decideRun with --assemble, --report-file and .bak facts", () => {
  const dir: DirFacts = { kind: "directory", worldWritable: false, writable: { ok: true } };
  const q = {
    outputDir: "/o",
    iface: "wlan0",
    force: true,
    networks: [{ id: "home", method: "psk" as const, text: "t\n", path: "/o/home.conf" }],
    assembled: { path: "/o/wpa_supplicant-wlan0.conf" },
  };
  const real = { outputDir: "/real/o", planFile: "/boot/site.yaml" };
  const reportAt = (path: string, kind: OutputPathKind = "absent") => ({
    ...real,
    reportFile: { real: path, kind },
  });
  const problem = (d: ReturnType<typeof decideRun>) =>
    d.kind === "invalid" ? d.problems.map((p) => p.path) : [];

  it("decides the assembled file and whether each replace keeps a .bak", () => {
    const ours = file(`# ${SECRET_NOTICE}\nnetwork={}\n`, true);
    const d = decideRun(q, {
      dir,
      targets: new Map([["home", ours], ["wpa_supplicant-wlan0", file("mine\n")]]),
      backups: new Map([["home", file("hand\n")]]),
    });
    assert.deepEqual(d, {
      kind: "go",
      createDir: false,
      actions: ["replace"],
      backups: [false],
      assembled: { action: "replace", backup: true },
    });
  });

  it("puts a symlinked assembled file among the problems as --assemble", () => {
    const d = decideRun(q, { dir, targets: new Map([["wpa_supplicant-wlan0", { kind: "symlink" }]]) });
    assert.deepEqual(problem(d), ["--assemble"]);
  });

  const refused: Array<[string, string, OutputPathKind]> = [
    ["the provisioning file", "/boot/site.yaml", "file"],
    ["a config of the run", "/real/o/home.conf", "file"],
    ["its .bak", "/real/o/home.conf.bak", "absent"],
    ["the assembled file", "/real/o/wpa_supplicant-wlan0.conf", "file"],
    ["the assembled file's .bak", "/real/o/wpa_supplicant-wlan0.conf.bak", "absent"],
    ["a directory", "/var/log/wifiprov", "directory"],
    ["a symbolic link (/dev/stdout)", "/dev/stdout", "symlink"],
    ["a character device (/dev/full)", "/dev/full", "character device"],
    ["a block device", "/dev/sda", "block device"],
    ["a FIFO", "/run/report.fifo", "FIFO"],
    ["a socket", "/run/report.sock", "socket"],
  ];
  for (const [what, path, kind] of refused) {
    it(`refuses --report-file at ${what}`, () => {
      const d = decideRun({ ...q, reportFile: "r" }, {
        dir,
        targets: new Map(),
        real: reportAt(path, kind),
      });
      assert.deepEqual(problem(d), ["--report-file"]);
    });
  }

  for (const kind of ["absent", "file"] as const) {
    it(`allows --report-file anywhere else (${kind}), even beside the configs`, () => {
      const d = decideRun({ ...q, reportFile: "r" }, {
        dir,
        targets: new Map(),
        real: reportAt("/real/o/report.json", kind),
      });
      assert.equal(d.kind, "go");
    });
  }
});
