// parseTargets turns --target values into release targets.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { binaryName, bunTarget, parseTargets, TARGETS } from "../../scripts/dist/targets.ts";

describe("parseTargets", () => {
  it("means every target when none is given", () => {
    assert.deepEqual(parseTargets([]), [...TARGETS]);
  });

  it("accepts repeated and comma-separated values, in manifest order without duplicates", () => {
    assert.deepEqual(parseTargets(["linux-arm64-musl,linux-x64", "linux-x64"]), [
      "linux-x64",
      "linux-arm64-musl",
    ]);
  });

  it("rejects an unknown target, listing the valid ones", () => {
    assert.throws(() => parseTargets(["linux-riscv64"]), /Unknown target "linux-riscv64".*linux-x64/);
  });
});

describe("target names", () => {
  it("map to Bun's --target and to the dist/ file name", () => {
    assert.equal(bunTarget("linux-arm64-musl"), "bun-linux-arm64-musl");
    assert.equal(binaryName("linux-x64"), "wifiprov-linux-x64");
  });
});
