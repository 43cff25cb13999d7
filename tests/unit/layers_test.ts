// scripts/check_layers.ts, the guard of the README's layout, on the real src/ and on planted violations.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";

const SCRIPT = new URL("../../scripts/check_layers.ts", import.meta.url).pathname;

async function check(dir?: string): Promise<{ code: number; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SCRIPT, ...(dir ? [dir + "/"] : [])],
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

async function planted(files: Record<string, string>): Promise<string> {
  // <root>/src/... as src/ of a repository, so that "../main.ts" lands beside it.
  const dir = join(await mkdtemp(join(tmpdir(), "layers-")), "src");
  await mkdir(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe("the layer guard", () => {
  it("passes on this repository's src/", async () => {
    const r = await check();
    assert.equal(r.code, 0, r.stderr);
  });

  it("fails when a pure folder imports node:fs or an adapter, or a shell imports dax", async () => {
    const dir = await planted({
      "wps/bad.ts": 'import * as fs from "node:fs/promises";\n',
      "config/bad.ts": 'import { writeFileAtomic } from "../adapters/atomic_file.ts";\n',
      "run/bad.ts": 'import $ from "dax-sh";\n',
      "adapters/fine.ts": 'import $ from "dax-sh";\nimport * as fs from "node:fs";\n',
      "plan/fine.ts": 'import { z } from "zod";\n',
    });
    const r = await check(dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /src\/wps\/bad\.ts: imports node:fs\/promises/);
    assert.match(r.stderr, /src\/config\/bad\.ts: a pure module imports \.\.\/adapters\/atomic_file\.ts/);
    assert.match(r.stderr, /src\/run\/bad\.ts: imports dax-sh/);
    assert.doesNotMatch(r.stderr, /fine\.ts/);
  });

  it("sees through other spellings: bare builtins, jsr/npm dax, I/O packages, globals, computed imports", async () => {
    const dir = await planted({
      "plan/bare.ts": 'import fs from "fs";\nexport const b = fs.readFileSync("/etc/hostname", "utf8");\n',
      "wps/deno.ts": 'export const t = Deno.readTextFileSync("/etc/hostname");\n',
      "wpa/proc.ts": "export const e = globalThis.process.env;\n",
      "dpp/computed.ts": "const m = 'fs';\nexport const x = await import(`node:${m}`);\n",
      "report/shim.ts": 'import { Deno } from "@deno/shim-deno";\n',
      "cli/jsr.ts": 'import $ from "jsr:@david/dax";\n',
      "config/lib.ts": 'import which from "which";\n',
      "../main.ts": 'import * as fs from "node:fs";\n',
      "wps/fine.ts":
        '// process.env is read by the shell\nexport const k = Symbol.for("Deno.customInspect");\n',
    });
    const r = await check(dir);
    assert.equal(r.code, 1);
    for (
      const line of [
        /src\/plan\/bare\.ts: imports fs/,
        /src\/wps\/deno\.ts: a pure module uses the Deno global/,
        /src\/wpa\/proc\.ts: a pure module uses the process global/,
        /src\/dpp\/computed\.ts: a pure module imports a computed specifier/,
        /src\/report\/shim\.ts: imports @deno\/shim-deno/,
        /src\/cli\/jsr\.ts: imports jsr:@david\/dax/,
        /src\/config\/lib\.ts: imports which/,
        /(^|\n)main\.ts: imports node:fs/,
      ]
    ) assert.match(r.stderr, line);
    assert.doesNotMatch(r.stderr, /fine\.ts/);
  });
});
