import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPlan, type SecretReader } from "../../src/plan/load.ts";
import { formatProblem } from "../../src/plan/plan.ts";
import { provisioningJsonSchema } from "../../src/plan/schema.ts";
import { describeDryRun, dryRunPlan } from "../../src/report/dry_run.ts";
import { preflight } from "../../src/run/preflight.ts";
import { resolveSettings } from "../../src/plan/settings.ts";
import { eventSchema, reportSchema } from "../../src/report/schemas.ts";

const PIN = "40319780"; // checksum-valid, and in no other fixture

function reader(
  env: Record<string, string> = {},
  files: Record<string, { text: string; mode: number }> = {},
) {
  return {
    env: (name: string) => env[name],
    readFile: (path: string) => {
      const f = files[path];
      return Promise.resolve(
        f ? { ok: true as const, ...f } : { ok: false as const, reason: "no such file" },
      );
    },
  } satisfies SecretReader;
}

const file = (net: string) => `version: 1\ninterface: wlan0\nnetworks:\n  - ${net}\n`;

async function problems(text: string, secrets: SecretReader = reader()): Promise<string[]> {
  const r = await loadPlan(text, secrets);
  assert.equal(r.ok, false, "expected the file to be refused");
  return r.ok ? [] : r.problems.map(formatProblem);
}

describe("wps-pin in the provisioning file", () => {
  it("accepts a wps-pin network without a PIN (the supplicant generates one)", async () => {
    const r = await loadPlan(file("{ id: home, method: wps-pin, ssid: LabNet, timeout: 300 }"), reader());
    assert.ok(r.ok);
    assert.deepEqual(r.plan.networks, [{ id: "home", method: "wps-pin", ssid: "LabNet", timeoutSec: 300 }]);
  });

  it("takes a fixed PIN inline, from the environment or from a 0600 file, label separators dropped", async () => {
    const inline = await loadPlan(file(`{ id: a, method: wps-pin, pin: "4031-9780" }`), reader());
    const env = await loadPlan(
      file("{ id: a, method: wps-pin, pin: { env: DEVICE_PIN } }"),
      reader({ DEVICE_PIN: PIN }),
    );
    const fromFile = await loadPlan(
      file("{ id: a, method: wps-pin, pin: { file: /run/pin } }"),
      reader({}, { "/run/pin": { text: `${PIN}\n`, mode: 0o600 } }),
    );
    for (const r of [inline, env, fromFile]) {
      assert.ok(r.ok);
      const net = r.plan.networks[0]!;
      assert.equal(net.method, "wps-pin");
      assert.equal(net.method === "wps-pin" ? net.pin?.reveal() : undefined, PIN);
    }
    assert.ok(env.ok);
    assert.deepEqual(env.plan.secretEnvNames, ["DEVICE_PIN"], "children never inherit the PIN's variable");
  });

  it("keeps a 4-digit PIN", async () => {
    const r = await loadPlan(file(`{ id: a, method: wps-pin, pin: "0042" }`), reader());
    assert.ok(r.ok);
    const net = r.plan.networks[0]!;
    assert.equal(net.method === "wps-pin" ? net.pin?.reveal() : undefined, "0042");
  });

  it("refuses a PIN with a wrong checksum digit, naming the field and never echoing the PIN", async () => {
    const wrong = "40319784";
    for (
      const [net, secrets] of [
        [`{ id: a, method: wps-pin, pin: "${wrong}" }`, reader()],
        ["{ id: a, method: wps-pin, pin: { env: P } }", reader({ P: wrong })],
      ] as const
    ) {
      const lines = await problems(file(net), secrets);
      assert.deepEqual(lines, [
        "networks[0].pin: must be 4 digits, or 8 digits whose last is the WPS checksum digit (the checksum digit does not match)",
      ]);
    }
  });

  it("refuses other lengths, letters, a bare YAML number and a PIN file others can read", async () => {
    assert.match(
      (await problems(file(`{ id: a, method: wps-pin, pin: "123456" }`)))[0]!,
      /^networks\[0\]\.pin: .*\(got 6 digits\)$/,
    );
    assert.match(
      (await problems(file(`{ id: a, method: wps-pin, pin: "4O319780" }`)))[0]!,
      /^networks\[0\]\.pin: .*other than digits/,
    );
    assert.deepEqual(await problems(file(`{ id: a, method: wps-pin, pin: 40319780 }`)), [
      "networks[0].pin: must be a quoted string of digits, { env: NAME } or { file: PATH }",
    ]);
    const leaky = reader({}, { "/run/pin": { text: PIN, mode: 0o644 } });
    const lines = await problems(file("{ id: a, method: wps-pin, pin: { file: /run/pin } }"), leaky);
    assert.match(lines[0]!, /^networks\[0\]\.pin: the file it names has mode 0644/);
    for (const line of lines) assert.ok(!line.includes(PIN));
  });

  it("refuses a PIN on a wps-pbc network and unknown keys, as for any strict object", async () => {
    assert.deepEqual(await problems(file(`{ id: a, method: wps-pbc, pin: "${PIN}" }`)), [
      "networks[0].pin: unknown key",
    ]);
    assert.deepEqual(await problems(file(`{ id: a, method: wps-pin, button: true }`)), [
      // Not one of the format's names: given by place only (text from the file is never repeated).
      "networks[0]: unknown key at line 4, column 31 (not shown: it is text from the file)",
    ]);
    assert.deepEqual(await problems(file(`{ id: a, method: wps }`)), [
      'networks[0].method: must be "wps-pbc", "wps-pin", "psk" or "dpp"',
    ]);
  });

  it("needs an interface, as wps-pbc does", async () => {
    const r = await loadPlan(`version: 1\nnetworks:\n  - { id: a, method: wps-pin }\n`, reader());
    assert.ok(r.ok);
  });

  it("never shows a fixed PIN when the plan is printed or serialised", async () => {
    const r = await loadPlan(file(`{ id: a, method: wps-pin, pin: "${PIN}" }`), reader());
    assert.ok(r.ok);
    assert.ok(!JSON.stringify(r.plan).includes(PIN));
    assert.ok(!String(r.plan.networks[0] && JSON.stringify(r.plan.networks[0])).includes(PIN));
  });

  it("is in the JSON Schema `wifiprov schema` prints, with pin as a secret reference", () => {
    const text = JSON.stringify(provisioningJsonSchema());
    assert.match(text, /"const":"wps-pin"/);
    assert.match(
      text,
      /"pin":\{"anyOf":\[\{"type":"string","pattern":"[^"]+"\},\{"type":"object","properties":\{"env"/,
    );
  });

  it("gives an inline PIN a pattern that takes 4 or 8 digits with label separators, and nothing else", () => {
    const schema = JSON.stringify(provisioningJsonSchema());
    const pattern = new RegExp(
      JSON.parse(`"${/"pin":\{"anyOf":\[\{"type":"string","pattern":"((?:[^"\\]|\\.)+)"/.exec(schema)![1]}"`),
    );
    for (const ok of ["1234", "4031-9780", "4031 9780", "12345670"]) assert.ok(pattern.test(ok), ok);
    for (const bad of ["123", "123456", "4O319780", "1234567890", ""]) assert.ok(!pattern.test(bad), bad);
  });

  it("reports a wrong inline PIN together with the file's other problems", async () => {
    const text = file(
      `{ id: a, method: wps-pin, pin: "123456" }\n  - { id: b, method: wps-pbc, timeout: 0 }`,
    );
    const found = await problems(text);
    assert.ok(found.some((p) => /^networks\[0\]\.pin: .*\(got 6 digits\)$/.test(p)), found.join("\n"));
    assert.ok(found.some((p) => p.startsWith("networks[1].timeout")), found.join("\n"));
    assert.ok(!found.join("\n").includes("123456"), "the PIN is never echoed");
  });
});

describe("wps-pin in the dry run", () => {
  it("plans a WPS PIN enrolment and says so, without the PIN", async () => {
    const r = await loadPlan(file(`{ id: home, method: wps-pin, ssid: LabNet, pin: "${PIN}" }`), reader());
    assert.ok(r.ok);
    const outputDir = await fs.mkdtemp(join(tmpdir(), "wifiprov-pin-dry-"));
    // A private lock folder: preflight reads the interface lock, which another run on this machine may hold.
    const settings = resolveSettings({ outputDir, lockDir: join(outputDir, "locks") }, r.plan.settings);
    const { question, decision } = await preflight(r.plan, settings, { force: false });
    assert.notEqual(decision.kind, "invalid");
    if (decision.kind === "invalid") return;
    const plan = dryRunPlan(question, settings, decision);
    assert.deepEqual(plan.networks.map((n) => [n.id, n.method, n.action]), [[
      "home",
      "wps-pin",
      "enrol-wps",
    ]]);
    assert.deepEqual(describeDryRun(plan), [
      `home: would enrol by WPS PIN and write ${join(outputDir, "home.conf")}`,
    ]);
    assert.ok(!JSON.stringify(plan).includes(PIN));
  });
});

describe("wps-pin in the output schemas", () => {
  const ts = "2026-11-30T03:00:00.000Z";
  it("lets a report line carry the generated PIN as wpsPin", () => {
    const report = {
      schemaVersion: 1,
      tool: { name: "wifiprov", version: "0.1.0" },
      interface: "wlan0",
      startedAt: ts,
      finishedAt: ts,
      ok: false,
      networks: [{ id: "a", method: "wps-pin", status: "timeout", wpsPin: "12345670", durationMs: 1 }],
    };
    assert.ok(reportSchema.safeParse(report).success);
    report.networks[0]!.wpsPin = "1234";
    assert.equal(reportSchema.safeParse(report).success, false, "a generated PIN has 8 digits");
  });

  it("lets the wps-active event carry the generated PIN", () => {
    const line = { ts, id: "a", type: "wps-active", timeoutSec: 300, wpsPin: "12345670" };
    assert.ok(eventSchema.safeParse(line).success);
    assert.ok(eventSchema.safeParse({ ts, id: "a", type: "network-started", method: "wps-pin" }).success);
  });
});
