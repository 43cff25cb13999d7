import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { runReplay } from "../helpers/replay.ts";
import { main } from "../../main.ts";
import { SECRET_NOTICE } from "../../src/config/render.ts";

const PLAN = `version: 1
interface: wlan2
networks:
  - { id: office, method: psk, ssid: "Office", passphrase: "correct horse battery staple" }
`;
const HAND = 'ctrl_interface=/run/wpa_supplicant\nnetwork={\n\tssid="Mine"\n\tpsk="my own secret"\n}\n';

/** Runs `wifiprov assemble` on the replay's files; returns the exit code and stderr. */
async function assemble(outDir: string, ...extra: string[]) {
  const file = join(outDir, "..", "site.yaml");
  let stderr = "";
  const code = await main(["assemble", file, "--output-dir", outDir, ...extra], {
    stdout: () => {},
    stderr: (t) => (stderr += t),
  });
  return { code, stderr };
}

describe("wpa_supplicant-<iface>.conf on first boot (--assemble)", () => {
  it("creates it when absent, with wifiprov's header", async () => {
    const run = await runReplay({ scenario: "success", yaml: PLAN, args: ["--assemble"] });
    assert.equal(run.code, 0, run.stderr);
    const text = await fs.readFile(join(run.outDir, "wpa_supplicant-wlan2.conf"), "utf8");
    assert.equal(text.split("\n")[0], `# ${SECRET_NOTICE}`);
  });

  it("replaces one wifiprov wrote", async () => {
    const run = await runReplay({ scenario: "success", yaml: PLAN, args: ["--assemble"] });
    const path = join(run.outDir, "wpa_supplicant-wlan2.conf");
    const old = (await fs.readFile(path, "utf8")).replace("update_config=1", "update_config=1\n# older run");
    await fs.writeFile(path, old, { mode: 0o600 });
    const r = await assemble(run.outDir);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(await fs.readFile(path, "utf8"), /older run/);
  });

  it("never replaces a hand-written one without --force (exit 1, file untouched)", async () => {
    const run = await runReplay({ scenario: "success", yaml: PLAN });
    const path = join(run.outDir, "wpa_supplicant-wlan2.conf");
    await fs.writeFile(path, HAND, { mode: 0o600 });
    const r = await assemble(run.outDir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not written by wifiprov; use --force/);
    assert.equal(await fs.readFile(path, "utf8"), HAND);
    const viaProvision = await runReplay({ scenario: "success", yaml: PLAN, args: ["--assemble"] });
    assert.equal(viaProvision.code, 0, "a fresh folder has nothing hand-written");
  });

  it("replaces a hand-written one with --force and keeps it as .bak", async () => {
    const run = await runReplay({ scenario: "success", yaml: PLAN });
    const path = join(run.outDir, "wpa_supplicant-wlan2.conf");
    await fs.writeFile(path, HAND, { mode: 0o600 });
    const r = await assemble(run.outDir, "--force");
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await fs.readFile(path, "utf8")).split("\n")[0], `# ${SECRET_NOTICE}`);
    assert.equal(await fs.readFile(`${path}.bak`, "utf8"), HAND);
  });
});
