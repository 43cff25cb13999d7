// The README's QR-code capture is what `wifiprov dpp-uri` draws on a terminal today: the block after the
// `<!-- readme-qr: cwd=DIR key=KEY -->` comment is run again under `script` (util-linux, which gives the
// command a terminal) from a copy of DIR holding KEY as dev.key (0600, as the plan demands), and compared.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { tmpdir } from "node:os";

const ROOT = resolve(import.meta.dirname!, "../..");
// deno fmt may widen the fence to four backticks; the closing fence matches the opening one.
const MARKER = /^<!-- readme-qr: cwd=(\S+) key=(\S+) -->\n\n(`{3,})\n\$ wifiprov ([^\n]*)\n([\s\S]*?)\3$/m;

// deno-lint-ignore no-control-regex -- the ESC of ANSI colour codes
const ANSI_COLOUR = /\x1b\[[0-9;]*m/g;

/** The environment without NO_COLOR, which would turn the QR code's colours off. */
function withoutNoColor(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[0] !== "NO_COLOR" && e[1] !== undefined),
  );
}

describe("README QR-code capture", () => {
  it("equals what dpp-uri draws on a terminal for the same plan, key and MAC", () => {
    const m = readFileSync(resolve(ROOT, "README.md"), "utf8").match(MARKER);
    assert.ok(m, "the README has a readme-qr block");
    const [, cwd, key, , args, expected] = m;
    const dir = mkdtempSync(join(tmpdir(), "wifiprov-readme-qr-"));
    writeFileSync(join(dir, "site.yaml"), readFileSync(resolve(ROOT, cwd!, "site.yaml")));
    copyFileSync(resolve(ROOT, key!), join(dir, "dev.key"));
    chmodSync(join(dir, "dev.key"), 0o600);
    const command = `deno run -A ${resolve(ROOT, "main.ts")} ${args}`;
    const r = spawnSync("script", ["-qec", command, "/dev/null"], {
      cwd: dir,
      env: { ...withoutNoColor(process.env), DENO_NO_UPDATE_CHECK: "1", TERM: "xterm-256color" },
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes("█"), "the QR code was drawn (a terminal was seen)");
    assert.ok(r.stdout.includes("\x1b[30;47m"), "drawn black on white, as any terminal shows it");
    // The README's fence keeps neither colour codes nor trailing blanks (the QR code's quiet zone): compare
    // without them.
    const lines = (text: string) =>
      text.replaceAll("\r", "").replace(ANSI_COLOUR, "").split("\n").map((l) => l.trimEnd()).join("\n")
        .trimEnd();
    assert.equal(lines(r.stdout), lines(expected!));
  });
});
