// `validate` resolves the settings exactly as `provision` does (the file, the WIFIPROV_* variables and the
// same -i/-o/--ctrl-dir options) and runs the checks provision runs before touching anything, so the two
// agree on every input; a --only/--skip selection that leaves no network is refused like `networks: []`.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnAgent } from "../faults/support.ts";

const COLLIDING = "version: 1\nnetworks:\n  - id: wpa_supplicant-wlan0\n    method: psk\n    ssid: Home\n" +
  '    passphrase: "correct horse"\n';
const WPS = "version: 1\nnetworks:\n  - { id: office, method: wps-pbc }\n";
const PSK =
  'version: 1\nnetworks:\n  - { id: office, method: psk, ssid: Office, passphrase: "office pass 1" }\n';

async function planFile(text: string): Promise<{ file: string; out: string }> {
  const dir = await fs.mkdtemp(join(tmpdir(), "wifiprov-validate-"));
  await fs.writeFile(join(dir, "plan.yaml"), text);
  return { file: join(dir, "plan.yaml"), out: join(dir, "out") };
}

const CASES: Array<
  { name: string; text: string; args?: string[]; env?: Record<string, string>; says: RegExp }
> = [
  {
    name: "an id that is the assembled file of WIFIPROV_INTERFACE",
    text: COLLIDING,
    env: { WIFIPROV_INTERFACE: "wlan0" },
    says: /^networks\[0\]\.id: .*wpa_supplicant-wlan0\.conf/m,
  },
  {
    name: "an id that is the assembled file of -i",
    text: COLLIDING,
    args: ["-i", "wlan0"],
    says: /networks\[0\]\.id/,
  },
  {
    name: "a WIFIPROV_CTRL_DIR with '#'",
    text: PSK,
    env: { WIFIPROV_CTRL_DIR: "/a#b" },
    says: /WIFIPROV_CTRL_DIR/,
  },
  {
    name: "a WIFIPROV_INTERFACE that is not a name",
    text: PSK,
    env: { WIFIPROV_INTERFACE: "x;y" },
    says: /WIFIPROV_INTERFACE/,
  },
  { name: "a wps-pbc network and no interface", text: WPS, says: /^interface: not given/m },
];

describe("validate agrees with provision", () => {
  for (const c of CASES) {
    it(`refuses ${c.name} (exit 2) as provision --dry-run does`, async () => {
      const { file, out } = await planFile(c.text);
      const env = { WIFIPROV_OUTPUT_DIR: out, ...c.env };
      const validate = await spawnAgent(["validate", file, ...(c.args ?? [])], env).exited;
      const dryRun = await spawnAgent(["provision", file, "--dry-run", "-q", ...(c.args ?? [])], env).exited;
      assert.equal(dryRun.code, 2, dryRun.stderr);
      assert.equal(validate.code, 2, validate.stderr);
      assert.match(validate.stderr, c.says);
    });
  }

  it("accepts what provision accepts: WIFIPROV_INTERFACE for a wps-pbc network", async () => {
    const { file, out } = await planFile(WPS);
    const r = await spawnAgent(["validate", file], { WIFIPROV_INTERFACE: "wlan0", WIFIPROV_OUTPUT_DIR: out })
      .exited;
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
  });
});

describe("a selection that leaves no network", () => {
  it("is refused with exit 2 naming --only/--skip, like networks: []", async () => {
    const { file, out } = await planFile(PSK);
    const r = await spawnAgent(["provision", file, "--only", "office", "--skip", "office", "-o", out]).exited;
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /^--only\/--skip: /m);
    await assert.rejects(fs.stat(out));
  });
});
