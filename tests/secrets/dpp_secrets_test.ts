// The DPP secrets (the bootstrapping private key of the key file, the passphrase of the configuration
// object, in text and as the hex DPP-CONFOBJ-PASS carries it) appear in the key file and the <id>.conf
// target only: never in a descendant's argv while the agent runs, on stdout/stderr (with events), in the
// report file or any other file the run writes.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { FAKE_WPA_CLI, FAKE_WPA_SUPPLICANT, REPLAY_DIR } from "../helpers/replay.ts";
import { spawnAgent } from "../faults/support.ts";
import { watchTree } from "./proc_watch.ts";

const KEY_HEX = (await fs.readFile(resolve(import.meta.dirname!, "../fixtures/dpp/key.hex"), "utf8")).trim();
const PASS = "correct horse"; // what the dpp_psk scenario's configurator hands over
const SECRETS = [KEY_HEX, PASS, Buffer.from(PASS).toString("hex")];

async function filesUnder(dir: string, skip: (rel: string) => boolean): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    if (!skip(relative(dir, full))) out.set(full, await fs.readFile(full, "latin1").catch(() => ""));
  }
  return out;
}

/** The key file, the target, and the fake supplicant's memory (it holds what it was given, as the daemon does). */
const skipped = (rel: string) =>
  rel === "dpp.key" || /^out\/\.?home\.conf/.test(rel) || rel.startsWith("state/");

describe("DPP secrets stay in the key file and the config", () => {
  it("never reach argv, stdout, stderr, events or the report", async () => {
    const root = await fs.mkdtemp("/tmp/wifiprov-dppsecrets-");
    for (const d of ["state", "out", "tmp"]) await fs.mkdir(join(root, d));
    await fs.writeFile(join(root, "dpp.key"), KEY_HEX + "\n", { mode: 0o600 });
    await fs.writeFile(
      join(root, "site.yaml"),
      `version: 1\ninterface: wlan0\nnetworks:\n  - id: home\n    method: dpp\n    key: { file: ${
        join(root, "dpp.key")
      } }\n`,
    );
    await fs.writeFile(join(root, "state", "supplicant-running"), "");
    const agent = spawnAgent([
      "provision",
      join(root, "site.yaml"),
      "--output-dir",
      join(root, "out"),
      "--ctrl-dir",
      join(root, "ctrl"),
      "--report-file",
      join(root, "report.json"),
      "--events",
      "ndjson",
      "--events-file",
      join(root, "events.ndjson"),
      "--wpa-cli",
      FAKE_WPA_CLI,
      "--wpa-supplicant",
      FAKE_WPA_SUPPLICANT,
    ], {
      FAKE_WPA_SCENARIO: join(REPLAY_DIR, "dpp_psk.json"),
      FAKE_WPA_STATE: join(root, "state"),
      TMPDIR: join(root, "tmp"),
    });
    const watch = watchTree(agent.pid);
    const exit = await agent.exited;
    const seen = watch.stop();
    assert.equal(exit.code, 0, exit.stderr);
    assert.ok(seen.argv.size >= 2, `watched ${seen.argv.size} processes`);
    for (const [pid, argv] of seen.argv) {
      for (const s of SECRETS) assert.ok(!argv.includes(s), `argv of pid ${pid} holds a secret`);
    }
    const files = await filesUnder(root, skipped);
    assert.ok(files.has(join(root, "report.json")) && files.has(join(root, "events.ndjson")));
    for (const [where, text] of [["stdout", exit.stdout], ["stderr", exit.stderr], ...files] as const) {
      for (const s of SECRETS) assert.ok(!text.includes(s), `${where} holds a secret`);
    }
    // The scan looked at the right run: the target holds the passphrase and the events the URI.
    assert.match(await fs.readFile(join(root, "out/home.conf"), "utf8"), /psk="correct horse"/);
    assert.match(files.get(join(root, "events.ndjson"))!, /"type":"dpp-listening","id":"home","uri":"DPP:/);
  });
});
