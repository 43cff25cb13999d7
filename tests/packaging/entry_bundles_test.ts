// The command bundles main.ts chooses from: the file commands' bundle never reaches dax (so `validate` does
// not parse it), main.ts itself reaches no library, and every bundle path main.ts names exists.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ENTRY_MODULES } from "../../main.ts";

const ROOT = resolve(import.meta.dirname!, "../..");

/** Every module specifier in the static import graph of `file`, from `deno info --json`. */
function graph(file: string): string[] {
  const out = execFileSync(process.execPath, ["info", "--json", resolve(ROOT, file)], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DENO_NO_UPDATE_CHECK: "1" },
  });
  // `modules` holds what the graph reaches (npm packages as `npm:/name@version`); `npmPackages` would list
  // every package of the resolution, reached or not.
  return (JSON.parse(out) as { modules: Array<{ specifier: string }> }).modules.map((m) => m.specifier);
}

describe("command bundles", () => {
  it("keeps dax out of the file commands' bundle and in the supplicant one", () => {
    assert.ok(!graph("src/entry/files.ts").some((s) => s.includes("dax")), "files.ts reaches dax");
    assert.ok(graph("src/entry/supplicant.ts").some((s) => s.includes("dax")), "the check can fail");
  });

  it("lets main.ts reach no npm package at all", () => {
    assert.deepEqual(graph("main.ts").filter((s) => s.startsWith("npm:")), []);
  });

  it("names bundle modules that exist", () => {
    for (const path of Object.values(ENTRY_MODULES)) assert.ok(existsSync(resolve(ROOT, path)), path);
  });
});
