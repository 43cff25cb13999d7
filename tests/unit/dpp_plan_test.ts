import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { resolve } from "node:path";
import { loadPlan, type SecretReader } from "../../src/plan/load.ts";
import { provisioningJsonSchema } from "../../src/plan/schema.ts";
import { formatProblem } from "../../src/plan/plan.ts";

const KEY_TEXT = fs.readFileSync(resolve(import.meta.dirname!, "../fixtures/dpp/key.hex"), "utf8");

function reader(files: Record<string, { text: string; mode: number }>): SecretReader {
  return {
    env: () => undefined,
    readFile: (path) => {
      const f = files[path];
      return Promise.resolve(f ? { ok: true, ...f } : { ok: false, reason: "no such file" });
    },
  };
}

const yaml = (net: string) => `version: 1\ninterface: wlan0\nnetworks:\n  - id: dev\n    method: dpp\n${net}`;

describe("loadPlan with a dpp network", () => {
  it("defaults the listen frequency to 2437 MHz and needs no key", async () => {
    const r = await loadPlan(yaml(""), reader({}));
    assert.ok(r.ok);
    assert.deepEqual(r.plan.networks[0], { id: "dev", method: "dpp", listenFreq: 2437 });
  });
  it("reads a 0600 key file", async () => {
    const r = await loadPlan(
      yaml("    ssid: LabNet\n    listenFreq: 2412\n    key: { file: /k }\n"),
      reader({ "/k": { text: KEY_TEXT, mode: 0o100600 } }),
    );
    assert.ok(r.ok);
    const net = r.plan.networks[0];
    assert.ok(net?.method === "dpp" && net.key?.path === "/k" && net.listenFreq === 2412);
  });
  it("refuses a key file others can read, a bad key and a bad frequency, never quoting the key", async () => {
    const worldReadable = await loadPlan(
      yaml("    key: { file: /k }\n"),
      reader({ "/k": { text: KEY_TEXT, mode: 0o100644 } }),
    );
    assert.ok(!worldReadable.ok);
    assert.match(worldReadable.problems.map(formatProblem).join("\n"), /^networks\[0\]\.key: .*mode 0644/);
    const bad = await loadPlan(
      yaml("    key: { file: /k }\n"),
      reader({ "/k": { text: "zz", mode: 0o100600 } }),
    );
    assert.ok(!bad.ok);
    assert.match(formatProblem(bad.problems[0]!), /^networks\[0\]\.key: the file it names must hold/);
    const freq = await loadPlan(yaml("    listenFreq: 5500\n"), reader({}));
    assert.ok(!freq.ok);
    assert.match(formatProblem(freq.problems[0]!), /^networks\[0\]\.listenFreq: /);
    for (const r of [worldReadable, bad, freq]) assert.ok(!JSON.stringify(r).includes(KEY_TEXT.trim()));
  });
  it("is in the JSON Schema of the file", () => {
    assert.match(JSON.stringify(provisioningJsonSchema()), /"const":"dpp"/);
  });
  it("lists in the JSON Schema exactly the listenFreq values the file check accepts", async () => {
    const text = JSON.stringify(provisioningJsonSchema());
    const listed = JSON.parse(/"listenFreq":\{[^}]*"enum":(\[[^\]]*\])/.exec(text)?.[1] ?? "[]") as number[];
    const accepted: number[] = [];
    for (let freq = 2400; freq <= 5900; freq++) {
      const file =
        `version: 1\ninterface: wlan0\nnetworks:\n  - { id: d, method: dpp, listenFreq: ${freq} }\n`;
      if ((await loadPlan(file, reader({}))).ok) accepted.push(freq);
    }
    assert.ok(accepted.includes(2437) && accepted.includes(5180), accepted.join(","));
    assert.deepEqual(listed, accepted);
  });
});
