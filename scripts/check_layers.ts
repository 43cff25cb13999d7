// Keeps the layout honest (README "Layout"). Pure folders reach nothing outside the process: they import only
// relative modules and the computing libraries of PURE_LIBRARIES, use no `Deno`/`process` global and no computed
// import. Only src/adapters/ imports node: modules (node:crypto, which only computes, excepted) or dax; the
// shells (src/run, src/cli, src/entry, main.ts) may use the `process` global for signals and the environment.
// Prints every offence; exit 1 if any. The folder to check is src/ (and main.ts beside it), or the first argument.
import { builtinModules } from "node:module";
import { dirname, join, relative } from "node:path";

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
  "colour.ts",
];
/** Libraries a pure module may import: they parse, validate or encode, and touch no file, process or network. */
const PURE_LIBRARIES = new Set(["zod", "yaml", "qrcode", "node:crypto"]);
/** Modules that reach outside the process, under any of their names. */
const IO_PACKAGES = new Set(["dax-sh", "@deno/shim-deno", "which"]);
const BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, "")));

const STATIC_IMPORT =
  /(?:^|[\s;}])(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']|(?:^|[\s;])import\s*["']([^"']+)["']/g;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*(["'`])([^"'`]*)\1?/g;

/** Whether a module specifier names something that does I/O. */
export function isIoModule(spec: string): boolean {
  const bare = spec.replace(/^(node:|npm:|jsr:)/, "").replace(/@[^/]*$/, "");
  if (spec === "node:crypto" || bare === "crypto") return false;
  if (spec.startsWith("node:") || BUILTINS.has(bare.split("/")[0] ?? "")) return true;
  if (/(^|\/)dax(-sh)?$/.test(bare) || bare.startsWith("@david/dax")) return true;
  return IO_PACKAGES.has(bare);
}

/** The code without comments and without the contents of string literals (so text never counts as code). */
export function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/(^|[^:\\])\/\/.*$/gm, "$1")
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
}

/** Every offence of one file (`rel` is its path under src/, or "../main.ts"). */
export function offencesOf(rel: string, text: string): string[] {
  const pure = PURE.some((p) => rel === p || rel.startsWith(`${p}/`));
  const adapter = rel.startsWith("adapters/");
  const name = `src/${rel}`.replace("src/../", "");
  const found: string[] = [];
  const specs: string[] = [];
  for (const m of text.matchAll(STATIC_IMPORT)) specs.push(m[1] ?? m[2] ?? "");
  for (const m of text.matchAll(DYNAMIC_IMPORT)) {
    if (m[1] === "`" || m[2] === undefined) {
      if (pure) found.push(`${name}: a pure module imports a computed specifier`);
      continue;
    }
    specs.push(m[2]);
  }
  for (const spec of specs) {
    if (!adapter && isIoModule(spec)) found.push(`${name}: imports ${spec} (only src/adapters/ may)`);
    if (!pure) continue;
    if (/(^|\/)(adapters|run|cli|entry)\//.test(spec)) found.push(`${name}: a pure module imports ${spec}`);
    else if (!spec.startsWith(".") && !PURE_LIBRARIES.has(spec)) {
      found.push(`${name}: a pure module imports ${spec} (not in PURE_LIBRARIES)`);
    }
  }
  if (pure) {
    const code = codeOnly(text);
    for (const global of ["Deno", "process"]) {
      if (new RegExp(`(^|[^\\w.$])(globalThis\\s*\\.\\s*)?${global}\\s*[.[]`, "m").test(code)) {
        found.push(`${name}: a pure module uses the ${global} global`);
      }
    }
  }
  return found;
}

async function* tsFiles(path: string): AsyncGenerator<string> {
  const info = await Deno.stat(path);
  if (info.isFile) {
    if (path.endsWith(".ts")) yield path;
    return;
  }
  for await (const entry of Deno.readDir(path)) yield* tsFiles(join(path, entry.name));
}

if (import.meta.main) {
  const offences: string[] = [];
  const files: string[] = [];
  for await (const file of tsFiles(SRC)) files.push(file);
  const main = join(dirname(SRC.replace(/\/$/, "")), "main.ts");
  if (await Deno.stat(main).then((s) => s.isFile, () => false)) files.push(main);
  for (const file of files) offences.push(...offencesOf(relative(SRC, file), await Deno.readTextFile(file)));
  for (const line of offences) console.error(line);
  if (offences.length > 0) Deno.exit(1);
  console.log("layers: pure folders are pure; only src/adapters/ imports node: modules and dax");
}
