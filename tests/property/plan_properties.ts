// Validation properties of the provisioning file: any JSON value or text, and near-valid files with random
// mutations, are turned into a plan or into problems, never an exception; every problem is one line and
// names a field, unless it is about the file as a whole (not a document, or not an object at the top).
import assert from "node:assert/strict";
import fc from "fast-check";
import { loadPlan, parseProvisioningText, type SecretReader } from "../../src/plan/load.ts";
import type { Problem } from "../../src/plan/plan.ts";

const isPlainObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);

function checkProblems(problems: Problem[], value: unknown): void {
  assert.ok(problems.length > 0);
  for (const p of problems) {
    assert.ok(p.message.length > 0 && !/[\r\n]/.test(p.message), JSON.stringify(p));
    assert.ok(!/[\r\n]/.test(p.path), JSON.stringify(p));
    // Without a path, a problem is about the file as a whole or gives its line and column (an unknown key,
    // which is text from the file and so never repeated).
    if (p.path === "" && !/ at line \d+, column \d+/.test(p.message)) {
      assert.ok(!isPlainObject(value), `a problem without a path for an object: ${p.message}`);
    }
  }
}

/** Secrets answer at random: set or unset variables, files readable or not, any mode. */
const secretsArb: fc.Arbitrary<SecretReader> = fc.record({
  value: fc.option(fc.string({ unit: "binary", maxLength: 80 }), { nil: undefined }),
  mode: fc.constantFrom(0o100600, 0o100644, 0o100640, 0o100400),
  readable: fc.boolean(),
}).map(({ value, mode, readable }) => ({
  env: () => value,
  readFile: () =>
    Promise.resolve(
      readable && value !== undefined
        ? { ok: true as const, text: value, mode }
        : { ok: false as const, reason: "no such file" },
    ),
}));

const secretRef = fc.oneof(
  fc.string({ unit: "binary", maxLength: 70 }),
  fc.record({ env: fc.string({ maxLength: 12 }) }),
  fc.record({ file: fc.string({ maxLength: 12 }) }),
  fc.jsonValue({ maxDepth: 2 }),
);
const networkArb = fc.record({
  id: fc.oneof(
    fc.constantFrom("home", "a", "home", "Home", "a/b", ".."),
    fc.string({ maxLength: 70 }),
    fc.jsonValue({ maxDepth: 1 }),
  ),
  method: fc.oneof(fc.constantFrom("psk", "wps-pbc"), fc.jsonValue({ maxDepth: 1 })),
  ssid: fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.jsonValue({ maxDepth: 1 })),
  passphrase: secretRef,
  psk: secretRef,
  keyMgmt: fc.oneof(fc.constantFrom("WPA-PSK", "SAE", "WPA-PSK SAE"), fc.string()),
  hidden: fc.jsonValue({ maxDepth: 0 }),
  priority: fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.double()),
  timeout: fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.double()),
  bssid: fc.oneof(fc.constant("02:00:00:00:00:00"), fc.string({ maxLength: 20 })),
  extra: fc.jsonValue({ maxDepth: 1 }),
}, { requiredKeys: [] });
const fileArb = fc.record({
  version: fc.oneof(fc.constant(1), fc.jsonValue({ maxDepth: 1 })),
  interface: fc.oneof(fc.constant("wlan0"), fc.string({ maxLength: 20 })),
  country: fc.oneof(fc.constantFrom("DE", "US", "XX", "de"), fc.string({ maxLength: 4 })),
  timeout: fc.oneof(fc.integer({ min: -10, max: 5000 }), fc.double()),
  networks: fc.oneof(fc.array(networkArb, { maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })),
}, { requiredKeys: ["version", "networks"] });

/** Any JSON value, as JSON text, is validated without an exception. */
export const anyJsonValidates = fc.asyncProperty(fc.jsonValue(), secretsArb, async (value, secrets) => {
  const text = JSON.stringify(value) ?? "null";
  const parsed = parseProvisioningText(text);
  if (!parsed.ok) checkProblems(parsed.problems, value);
  const loaded = await loadPlan(text, secrets);
  if (!loaded.ok) checkProblems(loaded.problems, value);
});

/** Near-valid files with random mutations are validated without an exception, every problem located. */
export const mutatedFilesValidate = fc.asyncProperty(fileArb, secretsArb, async (value, secrets) => {
  const loaded = await loadPlan(JSON.stringify(value), secrets);
  if (!loaded.ok) checkProblems(loaded.problems, value);
  else for (const n of loaded.plan.networks) assert.match(n.id, /^[a-z0-9][a-z0-9_-]{0,63}$/);
});

/** Any text at all (YAML's whole surface) is validated without an exception. */
export const anyTextValidates = fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
  const parsed = parseProvisioningText(text);
  if (!parsed.ok) {
    for (const p of parsed.problems) {
      assert.ok(p.message.length > 0 && !/[\r\n]/.test(p.message), JSON.stringify(p));
    }
  }
});

/** Something that looks like a passphrase: 8–20 characters with an upper-case letter and a digit. */
const secretArb = fc.tuple(
  fc.stringMatching(/^[A-Z][a-z]{3,8}[0-9]{2,4}[!#$%+=?~]{0,3}$/),
  fc.constantFrom("", "x", "Q7"),
).map(([s, tail]) => s + tail);
/** What may stand around the secret: YAML and JSON syntax, right or wrong. */
const syntaxArb = fc.constantFrom(
  "",
  "*",
  "!",
  "!!",
  "&",
  "&a &",
  "!<",
  "[",
  "{",
  "]",
  "}",
  '"',
  "'",
  "@",
  "`",
  "%",
  "|",
  ">",
  ": ",
  "- ",
  "? ",
  ",",
  "\\",
  '"\\q',
  "\t",
  "\n  ",
  "\n      ",
  "#",
);
const placeArb = fc.constantFrom(
  (s: string) =>
    `version: 1\nnetworks:\n  - id: home\n    method: psk\n    ssid: HomeNet\n    passphrase: ${s}\n`,
  (s: string) => `version: 1\nnetworks:\n  - id: home\n    method: psk\n    ssid: HomeNet\n    ${s}: 1\n`,
  (s: string) => `version: 1\nnetworks:\n  - { id: home, method: psk, ssid: HomeNet, passphrase: ${s} }\n`,
  (s: string) => `{"version": 1, "networks": [{"id": "home", "method": "psk", "passphrase": ${s}}]}`,
  (s: string) => `${s}\nversion: 1\n`,
);

/**
 * Whatever broken YAML/JSON surrounds a secret-looking value, no problem repeats it: neither the parser's
 * errors nor validation (the library's own messages quote aliases, tags and scalars).
 */
export const problemsNeverEchoValues = fc.asyncProperty(
  secretArb,
  fc.array(syntaxArb, { maxLength: 3 }),
  fc.array(syntaxArb, { maxLength: 3 }),
  placeArb,
  async (secret, before, after, place) => {
    const text = place(before.join("") + secret + after.join(""));
    const loaded = await loadPlan(text, {
      env: () => undefined,
      readFile: () => Promise.resolve({ ok: false, reason: "no such file" }),
    });
    if (loaded.ok) return;
    for (const p of loaded.problems) {
      assert.ok(
        !`${p.path}: ${p.message}`.includes(secret),
        `echoes ${secret}: ${JSON.stringify(p)}\n${text}`,
      );
    }
  },
);
