// A device's printed WPS PIN is a secret: it reaches the supplicant only through the interactive wpa_cli's
// stdin (first arm and every re-arm), and appears in no argv (watched through /proc and in the fake's
// commands.log), not on stdout or stderr, not in the report, the events or any file the agent writes.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { FAKE_WPA_CLI, FAKE_WPA_SUPPLICANT, REPLAY_DIR } from "../helpers/replay.ts";
import { spawnAgent } from "../faults/support.ts";
import { watchTree } from "./proc_watch.ts";

const PIN = "73104254"; // checksum-valid, and in no fixture
const PRINTED = "7310-4254"; // as the label prints it

const yaml = (pin: string) =>
  `version: 1
interface: wlan0
networks:
  - id: home
    method: wps-pin
    ssid: LabNet
    pin: ${pin}
`;

async function runWatched(pinField: string, extra: string[], env: Record<string, string> = {}) {
  const root = await fs.mkdtemp("/tmp/wifiprov-pin-secrets-");
  for (const d of ["state", "out", "tmp"]) await fs.mkdir(join(root, d));
  await fs.writeFile(join(root, "site.yaml"), yaml(pinField));
  const agent = spawnAgent([
    "provision",
    join(root, "site.yaml"),
    "--output-dir",
    join(root, "out"),
    "--ctrl-dir",
    join(root, "ctrl"),
    "--report-file",
    join(root, "report.json"),
    "--events-file",
    join(root, "events.ndjson"),
    "--timeout",
    "10",
    ...extra,
    "--wpa-cli",
    FAKE_WPA_CLI,
    "--wpa-supplicant",
    FAKE_WPA_SUPPLICANT,
  ], {
    ...env,
    // The router is given the printed PIN only after two of the supplicant's walks ended: re-arms included.
    FAKE_WPA_SCENARIO: join(REPLAY_DIR, "pin_rearm.json"),
    FAKE_WPA_STATE: join(root, "state"),
    TMPDIR: join(root, "tmp"),
  });
  await fs.writeFile(join(root, "state", "supplicant-running"), "");
  const watch = watchTree(agent.pid);
  const exit = await agent.exited;
  const seen = watch.stop();
  const read = (p: string) => fs.readFile(join(root, p), "utf8").catch(() => "");
  return {
    exit,
    seen,
    root,
    pid: agent.pid,
    report: await read("report.json"),
    events: await read("events.ndjson"),
    oneShot: await read("state/commands.log"),
    stdin: await read("state/stdin.log"),
    state: JSON.parse(await read("state/state.json") || "{}") as { pinArms?: string[] },
  };
}

function assertAbsent(where: string, text: string): void {
  for (const s of [PIN, PRINTED, PIN.slice(0, 4) + PIN.slice(4)]) {
    assert.ok(!text.includes(s), `${where} holds the PIN`);
  }
}

describe("a fixed WPS PIN stays a secret", () => {
  for (
    const [name, field, env] of [
      ["inline", `"${PRINTED}"`, {}],
      ["{ env }", "{ env: WIFIPROV_DEVICE_PIN }", { WIFIPROV_DEVICE_PIN: PIN }],
    ] as const
  ) {
    it(`goes only through wpa_cli's stdin, first arm and re-arms, and nowhere else (${name})`, async () => {
      const run = await runWatched(field, [], env);
      assert.equal(run.exit.code, 0, run.exit.stderr);
      // The run did use the PIN: the supplicant got it on every arm, through the interactive channel.
      const arms = run.state.pinArms ?? [];
      assert.ok(arms.length >= 3 && arms.every((p) => p === PIN), arms.join(", "));
      const typed = run.stdin.split("\n").filter((l) => l.includes("wps_pin"));
      assert.equal(typed.length, arms.length);
      for (const l of typed) assert.equal(JSON.parse(l).line, `wps_pin any ${PIN}`);
      assertAbsent("one-shot wpa_cli argv (commands.log)", run.oneShot);
      assert.ok(run.seen.argv.size >= 2, `watched ${run.seen.argv.size} processes`);
      for (const [pid, argv] of run.seen.argv) assertAbsent(`argv of pid ${pid}`, argv);
      // The agent was given the variable; its children (wpa_cli, a supplicant it starts) never are.
      for (const [pid, environ] of run.seen.environ) {
        if (pid !== run.pid) assertAbsent(`environment of pid ${pid}`, environ);
      }
      assertAbsent("stdout", run.exit.stdout);
      assertAbsent("stderr", run.exit.stderr);
      assertAbsent("report file", run.report);
      assertAbsent("events file", run.events);
      const report = JSON.parse(run.exit.stdout);
      assert.equal(report.networks[0].status, "provisioned");
      assert.equal(report.networks[0].wpsPin, undefined, "a printed PIN is never reported");
      assert.match(run.exit.stderr, /enter the device's printed PIN on the router's WPS page/);
      for (const f of await fs.readdir(join(run.root, "out"))) {
        assertAbsent(f, await fs.readFile(join(run.root, "out", f), "utf8"));
      }
    });
  }

  it("is not echoed when it is refused", async () => {
    const run = await runWatched(`"73104255"`, []);
    assert.equal(run.exit.code, 2);
    assert.match(run.exit.stderr, /networks\[0\]\.pin: .*checksum digit does not match/);
    for (const s of ["73104255", "7310"]) {
      assert.ok(!run.exit.stderr.includes(s) && !run.exit.stdout.includes(s));
    }
  });
});
