import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../main.ts";
import { VERSION } from "../../src/version.ts";

async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

async function file(text: string): Promise<string> {
  const dir = await fs.mkdtemp(join(tmpdir(), "wifiprov-cli-"));
  const path = join(dir, "site.yaml");
  await fs.writeFile(path, text);
  return path;
}

describe("main", () => {
  it("prints the version", async () => {
    const r = await run(["--version"]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), VERSION);
  });

  it("exits 2 on an unknown option", async () => {
    assert.equal((await run(["provision", "x.yaml", "--bogus"])).code, 2);
  });

  it("exits 2 on a timeout out of range", async () => {
    const r = await run(["provision", "x.yaml", "--timeout", "0"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /timeout/);
  });

  it("exits 2 naming the option on an unknown supplicant driver", async () => {
    const r = await run(["provision", "x.yaml", "--supplicant-driver", "nl80211,madwifi"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--supplicant-driver.*unknown driver as name 2 /);
  });

  it("validate names supplicantDriver when the file's driver list is unusable", async () => {
    const path = await file(
      "version: 1\nsupplicantDriver: 'wext,'\nnetworks: [{ id: a, method: wps-pbc }]\n",
    );
    const r = await run(["validate", path]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^supplicantDriver: must be driver names separated by commas/m);
  });

  it("validate prints nothing and exits 0 for a good file", async () => {
    const r = await run([
      "validate",
      await file("version: 1\ninterface: wlan0\nnetworks: [{ id: a, method: wps-pbc }]\n"),
    ]);
    assert.deepEqual(r, { code: 0, stdout: "", stderr: "" });
  });

  it("validate lists every problem with its path and exits 2", async () => {
    const path = await file(
      "version: 1\nnetworks:\n  - { id: A, method: wps-pbc }\n  - { id: b, method: psk, ssid: '' }\n",
    );
    const r = await run(["validate", path]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    const lines = r.stderr.trim().split("\n");
    assert.ok(lines.some((l) => l.startsWith("networks[0].id: ")), r.stderr);
    assert.ok(lines.some((l) => l.startsWith("networks[1].ssid: ")), r.stderr);
  });

  it("names a missing provisioning file", async () => {
    const r = await run(["validate", "/nonexistent/site.yaml"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Cannot read provisioning file "\/nonexistent\/site.yaml": no such file/);
  });

  it("schema prints one JSON Schema document", async () => {
    const r = await run(["schema"]);
    assert.equal(r.code, 0);
    const schema = JSON.parse(r.stdout);
    assert.equal(schema.type, "object");
    assert.ok(schema.properties.networks);
  });

  it("provision on an invalid file touches nothing and exits 2", async () => {
    const path = await file("version: 1\nnetworks: [{ id: a, method: psk, ssid: s, passphrase: short }]\n");
    const out = join(await fs.mkdtemp(join(tmpdir(), "wifiprov-cli-out-")), "out");
    const r = await run(["provision", path, "--output-dir", out]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    await assert.rejects(fs.stat(out));
  });
});
