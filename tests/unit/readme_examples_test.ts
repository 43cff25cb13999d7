// The README's examples are what the code prints: every fenced block right after a
// `<!-- readme-example: cwd=DIR exit=N -->` comment holds `$ wifiprov ARGS` and then the expected output
// (stdout, then stderr). Each is run as a user would, from DIR, and compared line for line.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname!, "../..");
const MARKER =
  /^<!-- readme-example: cwd=(\S+) exit=(\d+) -->\n\n?```\n\$ wifiprov ([^\n]*)\n([\s\S]*?)```$/gm;

/** One example taken from the README. */
interface Example {
  cwd: string;
  exit: number;
  args: string[];
  expected: string;
}

/** Splits a command line with plain words and single-quoted words (all the README uses). */
function shellWords(line: string): string[] {
  const words = [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? "");
  return words;
}

function examples(readme: string): Example[] {
  return [...readme.matchAll(MARKER)].map((m) => ({
    cwd: m[1]!,
    exit: Number(m[2]),
    args: shellWords(m[3]!),
    expected: m[4]!,
  }));
}

describe("README examples", () => {
  const found = examples(readFileSync(resolve(ROOT, "README.md"), "utf8"));
  const marked = readFileSync(resolve(ROOT, "README.md"), "utf8").split("<!-- readme-example:").length - 1;

  it("finds every marked example (a marker the pattern misses is an error, not a skip)", () => {
    assert.ok(found.length >= 3, `found ${found.length}`);
    assert.equal(found.length, marked);
  });

  for (const ex of found) {
    it(`prints what the README shows for \`wifiprov ${ex.args.join(" ")}\``, () => {
      const env: Record<string, string> = { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
      for (const [k, v] of Object.entries(process.env)) {
        if (v !== undefined && !k.startsWith("WIFIPROV_") && k !== "OFFICE_PASSPHRASE") env[k] = v;
      }
      const r = spawnSync("deno", ["run", "-A", resolve(ROOT, "main.ts"), ...ex.args], {
        cwd: resolve(ROOT, ex.cwd),
        env,
        encoding: "utf8",
      });
      assert.equal(r.stdout + r.stderr, ex.expected);
      assert.equal(r.status, ex.exit);
    });
  }
});

describe("shellWords", () => {
  it("keeps a single-quoted word whole", () => {
    assert.deepEqual(shellWords("provision site.yaml -i 'wlan0;id' -q"), [
      "provision",
      "site.yaml",
      "-i",
      "wlan0;id",
      "-q",
    ]);
  });
});
