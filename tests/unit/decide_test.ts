// The pure decisions about target files (src/config/decide.ts), as tables of facts → outcome.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  decideBackup,
  decideOutputDir,
  decideRun,
  decideTarget,
  type DirFacts,
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
    assert.deepEqual(d, { kind: "go", createDir: false, actions: ["write"] });
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
