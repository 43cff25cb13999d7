// Issue 11, fault 6: what the command line prints. With `--events ndjson` on stderr every stderr line is
// JSON (a line of the published event schema); `--only ID file` keeps the file; --help names both locks.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../main.ts";
import { eventSchema } from "../../src/report/schemas.ts";

const WPS = "version: 1\ninterface: wlan0\nnetworks:\n  - { id: home, method: wps-pbc }\n";
const PSK = "version: 1\nnetworks:\n" +
  '  - { id: home, method: psk, ssid: Home, passphrase: "home example pass" }\n' +
  '  - { id: office, method: psk, ssid: Office, passphrase: "office example pass" }\n';

async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

async function workspace(yaml: string) {
  const root = await fs.mkdtemp(join(tmpdir(), "wifiprov-outputs-"));
  await fs.writeFile(join(root, "site.yaml"), yaml);
  return { root, out: join(root, "out"), locks: join(root, "locks"), file: join(root, "site.yaml") };
}

/** Every stderr line parses as JSON and is a line of the published event schema; returns the lines. */
function allJson(stderr: string): Array<{ type: string; message?: string }> {
  const lines = stderr.split("\n").filter(Boolean);
  assert.ok(lines.length > 0, "something was said");
  return lines.map((line) => {
    const parsed = eventSchema.safeParse(JSON.parse(line));
    assert.ok(parsed.success, `not an event line: ${line}`);
    return parsed.data as { type: string; message?: string };
  });
}

describe("--events ndjson keeps stderr JSON", () => {
  it("on an environment error (exit 3)", async () => {
    const ws = await workspace(WPS);
    const r = await run([
      "provision",
      ws.file,
      "--events",
      "ndjson",
      "-o",
      ws.out,
      "--lock-dir",
      ws.locks,
      "--ignore-manager",
      "--wpa-cli",
      "/nonexistent/wpa_cli",
    ]);
    assert.equal(r.code, 3, r.stderr);
    const lines = allJson(r.stderr);
    assert.ok(lines.some((l) => l.type === "message" && /not found/.test(l.message ?? "")), r.stderr);
  });

  it("with --consume", async () => {
    const ws = await workspace(PSK);
    const r = await run(["provision", ws.file, "--events", "ndjson", "-o", ws.out, "--consume"]);
    assert.equal(r.code, 0, r.stderr);
    const lines = allJson(r.stderr);
    assert.ok(lines.some((l) => l.type === "message" && /moved .* aside/.test(l.message ?? "")), r.stderr);
    await fs.access(`${ws.file}.done`);
  });

  it("with --dry-run", async () => {
    const ws = await workspace(PSK);
    const r = await run(["provision", ws.file, "--events", "ndjson", "-o", ws.out, "--dry-run"]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(allJson(r.stderr).some((l) => /would write/.test(l.message ?? "")));
    JSON.parse(r.stdout);
  });

  it("for file problems and for a usage error after the flag", async () => {
    const ws = await workspace(PSK.replace("id: home", "id: Home"));
    const invalid = await run(["provision", ws.file, "--events", "ndjson", "-o", ws.out]);
    assert.equal(invalid.code, 2);
    assert.match(allJson(invalid.stderr)[0]!.message ?? "", /^networks\[0\]\.id: must match/);
    const usage = await run(["provision", ws.file, "--events", "ndjson", "-i", "wlan0;id"]);
    assert.equal(usage.code, 2);
    assert.match(allJson(usage.stderr)[0]!.message ?? "", /--interface.*'wlan0;id' is invalid/);
    const unknown = await run(["provision", ws.file, "--events", "ndjson", "--bogus"]);
    assert.equal(unknown.code, 2);
    assert.match(allJson(unknown.stderr)[0]!.message ?? "", /unknown option '--bogus'/);
  });

  it("for a usage error before the flag, in both spellings of it", async () => {
    const ws = await workspace(PSK);
    for (const events of [["--events", "ndjson"], ["--events=ndjson"]]) {
      const usage = await run(["provision", ws.file, "-i", "x;y", ...events]);
      assert.equal(usage.code, 2);
      assert.match(allJson(usage.stderr)[0]!.message ?? "", /--interface.*is invalid/);
      const unknown = await run(["provision", "--bogus", ws.file, ...events]);
      assert.equal(unknown.code, 2);
      assert.match(allJson(unknown.stderr)[0]!.message ?? "", /unknown option '--bogus'/);
    }
  });

  it("prints a file that is not UTF-8 as bare problems, like other validation problems", async () => {
    const ws = await workspace(PSK);
    await fs.writeFile(
      ws.file,
      new Uint8Array([...new TextEncoder().encode("version: 1\nx: Caf"), 0xe9, 10]),
    );
    for (const command of ["validate", "provision"]) {
      const r = await run([command, ws.file]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^not valid UTF-8 at line 2, column 7/, r.stderr);
    }
  });

  it("leaves stderr to people when the events go to --events-file", async () => {
    const ws = await workspace(PSK);
    const events = join(ws.root, "events.ndjson");
    const r = await run([
      "provision",
      ws.file,
      "--events",
      "ndjson",
      "--events-file",
      events,
      "-o",
      ws.out,
      "--dry-run",
    ]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^wifiprov: home: would write/m);
  });
});

describe("the command line", () => {
  it("--only ID file keeps the file argument (also repeated and comma-separated)", async () => {
    const ws = await workspace(PSK);
    for (
      const only of [["--only", "office"], ["--only", "home,office"], ["--only", "home", "--only", "office"]]
    ) {
      const r = await run(["provision", ...only, ws.file, "-o", ws.out, "--dry-run", "-q"]);
      assert.equal(r.code, 0, `${only.join(" ")}: ${r.stderr}`);
      const ids = JSON.parse(r.stdout).networks.map((n: { id: string }) => n.id);
      assert.deepEqual(ids, only.length === 2 && only[1] === "office" ? ["office"] : ["home", "office"]);
    }
    const skip = await run(["provision", "--skip", "home", ws.file, "-o", ws.out, "--dry-run", "-q"]);
    assert.deepEqual(JSON.parse(skip.stdout).networks.map((n: { id: string }) => n.id), ["office"]);
  });

  it("--help names the output-folder and the interface lock under exit 3", async () => {
    const r = await run(["--help"]);
    assert.equal(r.code, 0);
    const exit3 = r.stdout.slice(r.stdout.indexOf("\n  3 "), r.stdout.indexOf("\n  130 "));
    assert.match(exit3, /holds the lock of the output dir or of the interface/);
  });

  it("a usage error is one line, without the help text", async () => {
    const r = await run(["provision", "x.yaml", "--timeout", "0"]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.split("\n").filter(Boolean).length, 1, r.stderr);
  });
});
