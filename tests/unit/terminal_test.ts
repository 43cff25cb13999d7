// stderrIsTerminal (src/adapters/terminal.ts) answers from the file descriptor, without Node's stream layer:
// true on a pseudo-terminal, false on a pipe, a regular file, /dev/null and other character devices that are
// no terminal (/dev/fuse).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MODULE = new URL("../../src/adapters/terminal.ts", import.meta.url).href;
/** Prints stderrIsTerminal() on stdout. */
const PROGRAM = `import { stderrIsTerminal } from "${MODULE}"; console.log(String(stderrIsTerminal()));`;
const DENO = ["eval", "--no-check", PROGRAM];

function answerWithStderr(stderr: number | "pipe"): string {
  const r = spawnSync(Deno.execPath(), DENO, { stdio: ["ignore", "pipe", stderr], encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr ?? "");
  return r.stdout.trim();
}

describe("stderrIsTerminal", () => {
  it("is false for a pipe", () => {
    assert.equal(answerWithStderr("pipe"), "false");
  });

  for (const [label, path] of [["/dev/null", "/dev/null"], ["a regular file", "file"]] as const) {
    it(`is false for ${label}`, () => {
      const target = path === "file" ? join(mkdtempSync(join(tmpdir(), "wifiprov-tty-")), "err") : path;
      const fd = openSync(target, "w");
      try {
        assert.equal(answerWithStderr(fd), "false");
      } finally {
        closeSync(fd);
      }
    });
  }

  it("is false for a character device that is no terminal (/dev/fuse or /dev/net/tun, major 10)", () => {
    const device = ["/dev/fuse", "/dev/net/tun"].find((p) => existsSync(p));
    assert.ok(device, "this machine has neither /dev/fuse nor /dev/net/tun to test with");
    const fd = openSync(device, "r");
    try {
      assert.equal(answerWithStderr(fd), "false");
    } finally {
      closeSync(fd);
    }
  });

  it("is true on a pseudo-terminal (util-linux script)", () => {
    const command = [Deno.execPath(), ...DENO].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
    const r = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^true\r?$/m);
  });
});
