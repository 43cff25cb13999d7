// Fuzzes the hardening properties of tests/property/ with a random seed and many runs (deno task fuzz).
// Usage: deno run -A scripts/fuzz.ts [--seed N] [--factor N] [--only TEXT]. Prints the seed first, so any
// failure can be replayed exactly with --seed.
import fc from "fast-check";
import { PROPERTIES } from "../tests/property/properties.ts";

function flag(name: string): string | undefined {
  const i = Deno.args.indexOf(`--${name}`);
  return i === -1 ? undefined : Deno.args[i + 1];
}

const seed = Number(flag("seed") ?? Math.floor(Math.random() * 2 ** 31));
const factor = Number(flag("factor") ?? "50");
const only = flag("only");
console.log(`fuzz: seed ${seed}, ${factor}x the normal runs (replay with --seed ${seed})`);

let failed = 0;
for (const p of PROPERTIES) {
  if (only && !p.name.includes(only)) continue;
  const numRuns = p.runs * factor;
  const started = performance.now();
  try {
    await fc.assert(p.property, { seed, numRuns });
    console.log(`ok    ${p.name} (${numRuns} runs, ${Math.round(performance.now() - started)} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL  ${p.name}\n${e instanceof Error ? e.message : String(e)}\n`);
  }
}
console.log(failed === 0 ? `fuzz: all passed (seed ${seed})` : `fuzz: ${failed} failed (seed ${seed})`);
Deno.exit(failed === 0 ? 0 : 1);
