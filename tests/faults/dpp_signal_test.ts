// SIGTERM while a DPP enrollee listens: the run ends 130 and gives everything back first: the listen is
// stopped, the bootstrap entry removed, dpp_config_processing restored, nothing written.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join, resolve } from "node:path";
import { FAKE_WPA_CLI, FAKE_WPA_SUPPLICANT, REPLAY_DIR } from "../helpers/replay.ts";
import { spawnAgent, waitFor } from "./support.ts";

const KEY_HEX = (await fs.readFile(resolve(import.meta.dirname!, "../fixtures/dpp/key.hex"), "utf8")).trim();

async function stdinLines(state: string): Promise<string[]> {
  const text = await fs.readFile(join(state, "stdin.log"), "utf8").catch(() => "");
  return text.split("\n").filter(Boolean).map((l) => JSON.parse(l).line as string);
}

describe("a signal during a DPP listen", () => {
  it("stops the listen, removes the bootstrap entry and restores dpp_config_processing before exit 130", async () => {
    const root = await fs.mkdtemp("/tmp/wifiprov-dppsig-");
    const state = join(root, "state");
    for (const d of [state, join(root, "out")]) await fs.mkdir(d);
    await fs.writeFile(join(state, "supplicant-running"), "");
    await fs.writeFile(join(root, "dpp.key"), KEY_HEX + "\n", { mode: 0o600 });
    await fs.writeFile(
      join(root, "site.yaml"),
      `version: 1\ninterface: wlan0\nnetworks:\n  - id: home\n    method: dpp\n    key: { file: ${
        join(root, "dpp.key")
      } }\n`,
    );
    const agent = spawnAgent([
      "provision",
      join(root, "site.yaml"),
      "--output-dir",
      join(root, "out"),
      "--ctrl-dir",
      join(root, "ctrl"),
      "--timeout",
      "60",
      "--wpa-cli",
      FAKE_WPA_CLI,
      "--wpa-supplicant",
      FAKE_WPA_SUPPLICANT,
    ], { FAKE_WPA_SCENARIO: join(REPLAY_DIR, "dpp_listen_only.json"), FAKE_WPA_STATE: state });
    await waitFor(
      "the listen",
      async () => (await stdinLines(state)).some((l) => l.startsWith("dpp_listen")),
    );
    // process.kill, not child.kill: Deno's child_process then reports the signal it sent, not the exit code.
    process.kill(agent.pid, "SIGTERM");
    const exit = await agent.exited;
    assert.equal(exit.code, 130, exit.stderr);
    const lines = await stdinLines(state);
    const after = lines.slice(lines.findIndex((l) => l.startsWith("dpp_listen")) + 1);
    for (const cmd of ["dpp_stop_listen", "dpp_bootstrap_remove 1", "set dpp_config_processing 2"]) {
      assert.ok(after.includes(cmd), `${cmd} after the signal: ${after.join(", ")}`);
    }
    assert.deepEqual(
      await fs.readdir(join(root, "out")).then((f) => f.filter((n) => n.endsWith(".conf"))),
      [],
    );
    assert.ok(!exit.stdout.includes(KEY_HEX) && !exit.stderr.includes(KEY_HEX));
  });
});
