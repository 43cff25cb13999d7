// Config files hold secrets from their first byte: every temp file and target seen while the agent runs,
// even under umask 000, is mode 0600. The test entry's pause before the rename keeps each temp file visible long enough.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { PAUSED_AGENT } from "../faults/support.ts";

const YAML = `version: 1
networks:
  - id: office
    method: psk
    ssid: OfficeNet
    passphrase: "office passphrase"
  - id: lab
    method: psk
    ssid: LabNet
    psk: ${"ab".repeat(32)}
`;

describe("config file modes", () => {
  it("are 0600 from creation, temp files included, even under umask 000", async () => {
    const root = await fs.mkdtemp("/tmp/wifiprov-modes-");
    const out = join(root, "out");
    await fs.writeFile(join(root, "site.yaml"), YAML);
    const child = spawn("sh", [
      "-c",
      'umask 000; exec deno run -A "$@"',
      "sh",
      PAUSED_AGENT,
      "300",
      "provision",
      join(root, "site.yaml"),
      "--output-dir",
      out,
    ], {
      env: { ...process.env, DENO_NO_UPDATE_CHECK: "1" },
      stdio: "ignore",
    });
    const modes = new Map<string, Set<number>>();
    const poll = setInterval(async () => {
      for (const name of await fs.readdir(out).catch(() => [] as string[])) {
        if (!name.includes(".conf")) continue;
        const mode = await fs.stat(join(out, name)).then((s) => s.mode & 0o777, () => null);
        if (mode !== null) modes.set(name, (modes.get(name) ?? new Set()).add(mode));
      }
    }, 2);
    const code = await new Promise<number | null>((done) => child.on("close", (c) => done(c)));
    clearInterval(poll);
    assert.equal(code, 0);
    const temps = [...modes.keys()].filter((n) => n.includes(".tmp-"));
    assert.equal(temps.length, 2, `saw ${[...modes.keys()].join(", ")}`);
    for (const [name, seen] of modes) {
      assert.deepEqual(
        [...seen],
        [0o600],
        `${name} was ${[...seen].map((m) => m.toString(8))}`,
      );
    }
    for (const id of ["office", "lab"]) {
      assert.equal((await fs.stat(join(out, `${id}.conf`))).mode & 0o777, 0o600);
    }
  });
});
