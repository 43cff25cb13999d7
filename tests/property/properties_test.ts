// Runs the hardening properties with a fixed seed, so a failure here is reproducible; scripts/fuzz.ts runs
// the same properties with a random seed and many more runs.
import { describe, it } from "node:test";
import fc from "fast-check";
import { PROPERTIES } from "./properties.ts";

describe("hardening properties (seed 42)", () => {
  for (const p of PROPERTIES) {
    it(p.name, async () => {
      await fc.assert(p.property, { seed: 42, numRuns: p.runs });
    });
  }
});
