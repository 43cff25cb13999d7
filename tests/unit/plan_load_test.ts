import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { loadPlan, parseProvisioningText, type SecretReader } from "../../src/plan/load.ts";
import { formatProblem } from "../../src/plan/plan.ts";

const noSecrets: SecretReader = {
  env: () => undefined,
  readFile: () => Promise.resolve({ ok: false, reason: "no such file" }),
};

function secrets(
  env: Record<string, string>,
  files: Record<string, { text: string; mode: number }> = {},
): SecretReader {
  return {
    env: (name) => env[name],
    readFile: (path) => {
      const f = files[path];
      return Promise.resolve(f ? { ok: true, ...f } : { ok: false, reason: "no such file" });
    },
  };
}

async function problems(text: string, reader: SecretReader = noSecrets): Promise<string[]> {
  const r = await loadPlan(text, reader);
  assert.equal(r.ok, false, "expected the file to be refused");
  return r.ok ? [] : r.problems.map(formatProblem);
}

const GOOD = `version: 1
interface: wlan0
country: DE
networks:
  - { id: home, method: wps-pbc, ssid: LabNet, timeout: 30 }
  - { id: office, method: psk, ssid: Office, passphrase: "correct horse battery staple", keyMgmt: WPA-PSK SAE }
`;

describe("loadPlan", () => {
  it("accepts a valid file and resolves its settings and networks", async () => {
    const r = await loadPlan(GOOD, noSecrets);
    assert.ok(r.ok);
    assert.deepEqual(r.plan.settings, { interface: "wlan0", country: "DE" });
    assert.deepEqual(r.plan.networks[0], { id: "home", method: "wps-pbc", ssid: "LabNet", timeoutSec: 30 });
    const office = r.plan.networks[1]!;
    assert.equal(office.method, "psk");
    assert.equal(office.method === "psk" && office.keyMgmt, "WPA-PSK SAE");
  });

  it("reads JSON as well as YAML", async () => {
    const r = await loadPlan(
      JSON.stringify({ version: 1, networks: [{ id: "a", method: "wps-pbc" }] }),
      noSecrets,
    );
    assert.ok(r.ok);
  });

  it("lists every problem at once, each with its path", async () => {
    const found = await problems(`version: 1
country: XX
networks:
  - { id: Home, method: wps-pbc }
  - { id: b, method: psk, ssid: "", passphrase: short }
  - { id: c, method: carrier-pigeon }
  - { id: d, method: wps-pbc, timeout: -5, colour: blue }
`);
    assert.deepEqual(found, [
      "country: must be an ISO 3166-1 alpha-2 code like DE or US",
      "networks[0].id: must match [a-z0-9][a-z0-9_-]{0,63} (it names the file <id>.conf)",
      "networks[1].ssid: must be 1–32 bytes",
      'networks[2].method: must be "wps-pbc", "wps-pin", "psk" or "dpp"',
      "networks[3].timeout: must be at least 1 second",
      "networks[3]: unknown key at line 7, column 44 (not shown: it is text from the file)",
    ]);
  });

  const cases: Array<[string, string, string]> = [
    ["wrong version", "version: 2\nnetworks: [{ id: a, method: wps-pbc }]", "version: must be 1"],
    ["no networks", "version: 1\nnetworks: []", "networks: must list at least one network"],
    [
      "duplicate ids",
      "version: 1\nnetworks: [{ id: a, method: wps-pbc }, { id: a, method: wps-pbc }]",
      'networks[1].id: duplicate id "a"',
    ],
    [
      "33-byte SSID",
      `version: 1\nnetworks: [{ id: a, method: psk, ssid: "${"x".repeat(33)}", psk: "${"a".repeat(64)}" }]`,
      "networks[0].ssid: must be 1–32 bytes",
    ],
    [
      "both secrets",
      `version: 1\nnetworks: [{ id: a, method: psk, ssid: s, passphrase: "12345678", psk: "${
        "a".repeat(64)
      }" }]`,
      "networks[0]: give exactly one of passphrase or psk",
    ],
    [
      "no secret",
      "version: 1\nnetworks: [{ id: a, method: psk, ssid: s }]",
      "networks[0]: give exactly one of passphrase or psk",
    ],
    [
      "7-character passphrase",
      "version: 1\nnetworks: [{ id: a, method: psk, ssid: s, passphrase: '1234567' }]",
      "networks[0].passphrase: must be 8–63 bytes of printable ASCII (got 7 bytes)",
    ],
    [
      "64-character passphrase",
      `version: 1\nnetworks: [{ id: a, method: psk, ssid: s, passphrase: "${"p".repeat(64)}" }]`,
      "networks[0].passphrase: must be 8–63",
    ],
    [
      "non-hex psk",
      `version: 1\nnetworks: [{ id: a, method: psk, ssid: s, psk: "${"g".repeat(64)}" }]`,
      "networks[0].psk: must be exactly 64 hex digits",
    ],
    [
      "SAE with a raw psk",
      `version: 1\nnetworks: [{ id: a, method: psk, ssid: s, keyMgmt: SAE, psk: "${"a".repeat(64)}" }]`,
      "SAE (WPA3) needs a passphrase",
    ],
    [
      "bad bssid",
      "version: 1\nnetworks: [{ id: a, method: wps-pbc, bssid: 'zz:00' }]",
      "networks[0].bssid: must be a MAC address",
    ],
    ["malformed YAML", "version: 1\nnetworks: [", "not valid YAML/JSON"],
    ["duplicate YAML keys", "version: 1\nversion: 1\nnetworks: []", "not valid YAML/JSON"],
    ["not an object", "just text", "must be a mapping (key: value) (got a string)"],
    [
      "id with a slash",
      "version: 1\nnetworks: [{ id: 'a/b', method: wps-pbc }]",
      "networks[0].id: must match",
    ],
  ];
  for (const [name, text, fragment] of cases) {
    it(`refuses a file with ${name}`, async () => {
      const found = await problems(text);
      assert.ok(
        found.some((p) => p.includes(fragment)),
        `${JSON.stringify(found)} lacks ${JSON.stringify(fragment)}`,
      );
    });
  }

  it("never echoes a refused passphrase", async () => {
    const found = await problems(
      'version: 1\nnetworks: [{ id: a, method: psk, ssid: s, passphrase: "sec\\tret-value" }]',
    );
    assert.ok(found.every((p) => !p.includes("ret-value")), found.join("\n"));
    assert.match(found[0]!, /control characters/);
  });

  it("resolves { env } and { file } secrets", async () => {
    const text = `version: 1
networks:
  - { id: a, method: psk, ssid: s, passphrase: { env: WIFI_PASS } }
  - { id: b, method: psk, ssid: s, psk: { file: /secrets/b } }
`;
    const r = await loadPlan(
      text,
      secrets({ WIFI_PASS: "from the environment" }, {
        "/secrets/b": { text: `${"AB".repeat(32)}\n`, mode: 0o100600 },
      }),
    );
    assert.ok(r.ok);
    const [a, b] = r.plan.networks;
    assert.deepEqual(a?.method === "psk" && a.key, {
      kind: "passphrase",
      bytes: new TextEncoder().encode("from the environment"),
    });
    assert.deepEqual(b?.method === "psk" && b.key, { kind: "psk", hex: "ab".repeat(32) });
  });

  it("refuses an unset variable and a secret file others can read", async () => {
    const text = `version: 1
networks:
  - { id: a, method: psk, ssid: s, passphrase: { env: NOPE } }
  - { id: b, method: psk, ssid: s, passphrase: { file: /secrets/b } }
  - { id: c, method: psk, ssid: s, passphrase: { file: /missing } }
`;
    const found = await problems(text, secrets({}, { "/secrets/b": { text: "12345678", mode: 0o100644 } }));
    assert.deepEqual(found, [
      "networks[0].passphrase: the environment variable it names is not set",
      "networks[1].passphrase: the file it names has mode 0644; make it readable by its owner only",
      "networks[2].passphrase: the file it names cannot be read: no such file",
    ]);
  });

  it("refuses YAML alias bombs", () => {
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]
`;
    const r = parseProvisioningText(bomb);
    assert.equal(r.ok, false);
  });

  it("refuses deeply nested documents without crashing", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const r = parseProvisioningText(deep);
    assert.equal(r.ok, false);
  });

  it("refuses a file over the size limit", () => {
    const r = parseProvisioningText("#".repeat(2 * 1024 * 1024));
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.problems[0]!.message : "", /larger than/);
  });
});
