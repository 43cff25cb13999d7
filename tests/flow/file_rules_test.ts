// The rules around wifiprov's own files: an id that would be the assembled file, --assemble without an
// interface (refused before anything is written), --consume's redacted 0600 .done copy, and no test hook
// in the shipped sources.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join, resolve } from "node:path";
import { runReplay } from "../helpers/replay.ts";
import { main } from "../../main.ts";

const PASS = "correct horse battery staple";
const psk = (id: string, iface = "interface: wlan2\n") =>
  `version: 1\n${iface}networks:\n  - { id: ${id}, method: psk, ssid: "Office", passphrase: "${PASS}" }\n`;

describe("wifiprov's own files", () => {
  it("refuses an id that would be wpa_supplicant-IFACE.conf, naming the field (provision)", async () => {
    const run = await runReplay({ scenario: "success", yaml: psk("wpa_supplicant-wlan2") });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /^networks\[0\]\.id: .*wpa_supplicant-wlan2\.conf/m);
    assert.deepEqual(await fs.readdir(run.outDir).catch(() => []), []);
  });

  it("refuses the same id in assemble (exit 2)", async () => {
    const root = await fs.mkdtemp("/tmp/wifiprov-clash-");
    await fs.writeFile(join(root, "site.yaml"), psk("wpa_supplicant-wlan2"));
    let stderr = "";
    const code = await main(["assemble", join(root, "site.yaml"), "-o", join(root, "out")], {
      stdout: () => {},
      stderr: (t) => (stderr += t),
    });
    assert.equal(code, 2, stderr);
    assert.match(stderr, /^networks\[0\]\.id: /m);
  });

  it("refuses the same id in validate when the file names the interface (exit 2)", async () => {
    const root = await fs.mkdtemp("/tmp/wifiprov-clash-");
    await fs.writeFile(join(root, "site.yaml"), psk("wpa_supplicant-wlan2"));
    let stderr = "";
    const code = await main(["validate", join(root, "site.yaml")], {
      stdout: () => {},
      stderr: (t) => (stderr += t),
    });
    assert.equal(code, 2, stderr);
    assert.match(stderr, /^networks\[0\]\.id: .*wpa_supplicant-wlan2\.conf/m);
  });

  it("checks the interface --assemble needs before writing anything (exit 2, nothing written)", async () => {
    const run = await runReplay({ scenario: "success", yaml: psk("office", ""), args: ["--assemble"] });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /^interface: not given/m);
    assert.deepEqual(await fs.readdir(run.outDir).catch(() => []), []);
  });

  it("--consume leaves <file>.done 0600 with the inline secrets redacted", async () => {
    const yaml = `version: 1\ninterface: wlan2\nnetworks:\n` +
      `  - { id: office, method: psk, ssid: "Office", passphrase: &p "${PASS}" }\n` +
      `  - id: lab\n    method: psk\n    ssid: Lab\n    psk: ${"ab".repeat(32)}\n` +
      `  - { id: guest, method: psk, ssid: Guest, passphrase: { env: GUEST_PASS } }\n` +
      `  - { id: copy, method: psk, ssid: Copy, passphrase: *p }\n`;
    process.env.GUEST_PASS = "guest passphrase";
    try {
      const run = await runReplay({ scenario: "success", yaml, args: ["--consume"] });
      assert.equal(run.code, 0, run.stderr);
      const done = join(run.outDir, "..", "site.yaml.done");
      const text = await fs.readFile(done, "utf8");
      assert.equal((await fs.stat(done)).mode & 0o777, 0o600);
      assert.ok(!text.includes(PASS), text);
      assert.ok(!text.includes("ab".repeat(32)), text);
      assert.match(text, /env: GUEST_PASS/);
      assert.match(text, /id: lab/);
      await assert.rejects(fs.stat(join(run.outDir, "..", "site.yaml")));
    } finally {
      delete process.env.GUEST_PASS;
    }
  });

  it("ships no test hook: no WIFIPROV_TEST_ variable is read by the sources", async () => {
    const root = resolve(import.meta.dirname!, "../..");
    const files = [join(root, "main.ts")];
    for await (const entry of fs.glob("src/**/*.ts", { cwd: root })) files.push(join(root, entry));
    assert.ok(files.length > 20);
    for (const f of files) assert.doesNotMatch(await fs.readFile(f, "utf8"), /WIFIPROV_TEST_/, f);
  });
});
