// Keeps the layout honest (README "Layout"): pure folders import no node: module (node:crypto, which only
// computes, excepted), no dax and nothing from the I/O layers; only src/adapters/ imports node: modules or dax. Prints every offending import; exit 1 if any.
import { join, relative } from "node:path";

// The folder to check: src/ of this repository, or the first argument (the test points it at planted trees).
const SRC = Deno.args[0] ?? new URL("../src/", import.meta.url).pathname;
const PURE = [
  "plan",
  "config",
  "wpa",
  "wps",
  "dpp",
  "report",
  "manager",
  "errors.ts",
  "version.ts",
  "bytes.ts",
];
const IMPORT = /(?:from|import)\s*\(?\s*["']([^"']+)["']/g;

async function* tsFiles(path: string): AsyncGenerator<string> {
  const info = await Deno.stat(path);
  if (info.isFile) {
    if (path.endsWith(".ts")) yield path;
    return;
  }
  for await (const entry of Deno.readDir(path)) yield* tsFiles(join(path, entry.name));
}

/**
 * A module that reaches outside the process. node:crypto is not one: it only computes (the DPP key's P-256
 * arithmetic, src/dpp/key.ts), the same under Deno and in the Bun binary.
 */
function isIoModule(spec: string): boolean {
  if (spec === "node:crypto") return false;
  return spec.startsWith("node:") || spec === "dax-sh" || spec.startsWith("npm:dax");
}

const offences: string[] = [];
for await (const file of tsFiles(SRC)) {
  const rel = relative(SRC, file);
  const pure = PURE.some((p) => rel === p || rel.startsWith(`${p}/`));
  const adapter = rel.startsWith("adapters/");
  for (const [, spec] of (await Deno.readTextFile(file)).matchAll(IMPORT)) {
    if (spec === undefined) continue;
    if (!adapter && isIoModule(spec)) offences.push(`src/${rel}: imports ${spec} (only src/adapters/ may)`);
    if (pure && /(^|\/)(adapters|run|cli|entry)\//.test(spec)) {
      offences.push(`src/${rel}: a pure module imports ${spec}`);
    }
  }
}
for (const line of offences) console.error(line);
if (offences.length > 0) Deno.exit(1);
console.log("layers: pure folders are pure; only src/adapters/ imports node: modules and dax");
