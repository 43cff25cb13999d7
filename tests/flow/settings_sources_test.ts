// Issue 11, faults 1 and 2: every setting obeys the same rules wherever it comes from (file, command line,
// WIFIPROV_* environment), and validate, --dry-run and the run give the same one-line exit-2 answer.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../main.ts";
import { runReplay } from "../helpers/replay.ts";

const MAIN = resolve(import.meta.dirname!, "../../main.ts");
const WPS = "version: 1\ninterface: wlan0\nnetworks:\n  - { id: home, method: wps-pbc }\n";
const PSK =
  'version: 1\nnetworks:\n  - { id: home, method: psk, ssid: Home, passphrase: "not a real one" }\n';
const BAD_INTERFACES = ["-h", "wlan0;id", "abcdefghijklmnop", "/../../x", "", "..", "wlan0:1"];

async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

async function workspace(yaml: string) {
  const root = await fs.mkdtemp(join(tmpdir(), "wifiprov-sources-"));
  const out = join(root, "out");
  await fs.mkdir(out);
  await fs.writeFile(join(root, "site.yaml"), yaml);
  return { root, out, file: join(root, "site.yaml") };
}

/** Exactly one stderr line, naming `what`. */
function oneLineNaming(stderr: string, what: RegExp): void {
  assert.equal(stderr.split("\n").filter(Boolean).length, 1, stderr);
  assert.match(stderr, what);
}

describe("an interface name obeys one rule from every source", () => {
  for (const name of BAD_INTERFACES) {
    it(`refuses -i ${JSON.stringify(name)} with exit 2 before anything runs`, async () => {
      const r = await runReplay({ scenario: "success", yaml: WPS, args: ["-i", name] });
      assert.equal(r.code, 2, r.stderr);
      oneLineNaming(r.stderr, /--interface/);
      assert.deepEqual(r.commands, [], "no wpa_cli call");
      assert.deepEqual(await fs.readdir(r.outDir).catch(() => []), [], "nothing written");
    });

    it(`refuses interface: ${JSON.stringify(name)} in the file (validate and provision)`, async () => {
      const ws = await workspace(WPS.replace("interface: wlan0", `interface: ${JSON.stringify(name)}`));
      const v = await run(["validate", ws.file]);
      assert.equal(v.code, 2);
      oneLineNaming(v.stderr, /^interface: must/);
      const p = await run(["provision", ws.file, "-o", ws.out, "--dry-run"]);
      assert.equal(p.code, 2);
      assert.equal(p.stderr, v.stderr, "dry-run says what validate says");
    });
  }

  it("refuses WIFIPROV_INTERFACE=-h naming the variable, with exit 2", async () => {
    const ws = await workspace(WPS);
    const r = spawnSync("deno", ["run", "-A", MAIN, "provision", ws.file, "-o", ws.out, "--dry-run"], {
      env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", WIFIPROV_INTERFACE: "-h" },
      encoding: "utf8",
    });
    assert.equal(r.status, 2, r.stderr);
    oneLineNaming(r.stderr, /WIFIPROV_INTERFACE.*must not start with '-'/);
    assert.equal(r.stdout, "");
  });

  it("assemble -i '/../../escaped' writes nothing, inside or outside -o", async () => {
    const ws = await workspace(PSK);
    const r = await run(["assemble", ws.file, "-o", ws.out, "-i", "/../../escaped"]);
    assert.equal(r.code, 2);
    oneLineNaming(r.stderr, /--interface/);
    assert.deepEqual(await fs.readdir(ws.out), []);
    await assert.rejects(fs.lstat(resolve(ws.out, "wpa_supplicant-/../../escaped.conf")));
  });

  it("-i '/../../<tmp>/owned' never becomes a path: no supplicant is started, nothing appears there", async () => {
    const ws = await workspace(WPS);
    const owned = join(ws.root, "owned");
    const r = await runReplay({
      scenario: "success",
      yaml: WPS,
      supplicantRunning: false,
      args: ["-i", `/../..${owned}`],
    });
    assert.equal(r.code, 2, r.stderr);
    assert.deepEqual(r.commands, [], "wpa_supplicant/wpa_cli never called");
    await assert.rejects(fs.lstat(owned));
  });
});

describe("a control directory obeys one rule from every source", () => {
  it('validate, --dry-run and the run give the same one line and exit 2 for ctrlDir "/run/wpa#x"', async () => {
    const yaml = WPS.replace("interface: wlan0", 'interface: wlan0\nctrlDir: "/run/wpa#x"');
    const ws = await workspace(yaml);
    const v = await run(["validate", ws.file]);
    const d = await run(["provision", ws.file, "-o", ws.out, "--dry-run"]);
    // The run: the replay harness passes --ctrl-dir itself, so it is given the file without it here.
    const r = await run(["provision", ws.file, "-o", ws.out, "--wpa-cli", "/nonexistent/wpa_cli"]);
    for (const x of [v, d, r]) {
      assert.equal(x.code, 2, x.stderr);
      assert.equal(x.stderr, "ctrlDir: must not contain control characters, '#' or '\"'\n");
      assert.doesNotMatch(x.stderr, /RangeError|at /);
    }
    assert.deepEqual(await fs.readdir(ws.out), [], "nothing written");
  });

  it("refuses --ctrl-dir '/run/wpa#x' and WIFIPROV_CTRL_DIR with the same rule", async () => {
    const ws = await workspace(PSK);
    const r = await run(["provision", ws.file, "-o", ws.out, "--ctrl-dir", "/run/wpa#x"]);
    assert.equal(r.code, 2);
    oneLineNaming(r.stderr, /--ctrl-dir.*'#'/);
    const e = spawnSync("deno", ["run", "-A", MAIN, "provision", ws.file, "-o", ws.out], {
      env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", WIFIPROV_CTRL_DIR: "relative/dir" },
      encoding: "utf8",
    });
    assert.equal(e.status, 2, e.stderr);
    oneLineNaming(e.stderr, /WIFIPROV_CTRL_DIR.*absolute/);
    assert.deepEqual(await fs.readdir(ws.out), []);
  });

  it("refuses paths with control characters as one escaped line (-o, --report-file, --wpa-cli, --lock-dir)", async () => {
    const ws = await workspace(PSK);
    for (
      const flag of ["-o", "--report-file", "--wpa-cli", "--wpa-supplicant", "--events-file", "--lock-dir"]
    ) {
      const r = await run(["provision", ws.file, flag, "/tmp/a\nb"]);
      assert.equal(r.code, 2, flag);
      oneLineNaming(r.stderr, /must not contain control characters/);
      assert.match(r.stderr, /a\\x0ab/, "the newline is shown escaped");
    }
  });
});
