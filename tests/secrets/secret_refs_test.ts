// `{ env }` and `{ file }` references: their names and paths are text from the file (an anchor, or a
// passphrase typed into the wrong place), so errors name the field, never the name or the path; an
// environment variable that is not UTF-8 is one line naming the field or the WIFIPROV_* option, exit 2,
// never its value or a stack trace. The real CLI runs as a child process.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { MAIN, spawnAgent } from "../faults/support.ts";

const HEAD = "version: 1\nnetworks:\n  - id: home\n    method: psk\n    ssid: HomeNet\n";

async function planFile(text: string): Promise<string> {
  const dir = await fs.mkdtemp(join(tmpdir(), "wifiprov-refs-"));
  const path = join(dir, "plan.yaml");
  await fs.writeFile(path, text);
  return path;
}

/** Runs the CLI through sh so that `shellEnv` can set variables holding bytes that are not UTF-8. */
function runWithShellEnv(shellEnv: string, args: string[]) {
  const child = spawn("sh", ["-c", `${shellEnv} exec deno run -A "$@"`, "sh", MAIN, ...args], {
    env: { ...process.env, DENO_NO_UPDATE_CHECK: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.on("close", (code) => done({ code, stdout, stderr }))
  );
}

const REFS = [
  {
    name: "an env name from an anchor holding a passphrase",
    text: `version: 1\nnetworks:\n  - id: home\n    method: psk\n` +
      `    ssid: &p Summer2024envname\n    passphrase: { env: *p }\n`,
    secret: "Summer2024envname",
    path: "networks[0].passphrase",
  },
  {
    name: "a passphrase typed as an env name",
    text: `${HEAD}    passphrase: { env: "Summer2024envname" }\n`,
    secret: "Summer2024envname",
    path: "networks[0].passphrase",
  },
  {
    name: "a passphrase typed as a file path",
    text: `${HEAD}    passphrase: { file: "/tmp/Summer2024filename" }\n`,
    secret: "Summer2024filename",
    path: "networks[0].passphrase",
  },
  {
    name: "a psk typed as a file path",
    text: `${HEAD}    psk: { file: "/tmp/Summer2024pskfile" }\n`,
    secret: "Summer2024pskfile",
    path: "networks[0].psk",
  },
  {
    name: "a WPS pin typed as an env name",
    text: `version: 1\ninterface: wlan0\nnetworks:\n  - id: door\n    method: wps-pin\n` +
      `    pin: { env: "Summer2024pinname" }\n`,
    secret: "Summer2024pinname",
    path: "networks[0].pin",
  },
  {
    name: "a DPP key file path",
    text: `version: 1\ninterface: wlan0\nnetworks:\n  - id: qr\n    method: dpp\n` +
      `    key: { file: "/tmp/Summer2024dppkey" }\n`,
    secret: "Summer2024dppkey",
    path: "networks[0].key",
  },
];

describe("secret references in errors", () => {
  for (const c of REFS) {
    for (const command of ["validate", "provision"]) {
      it(`${command} names the field, not the name or path, for ${c.name}`, async () => {
        const file = await planFile(c.text);
        const args = command === "validate" ? ["validate", file] : ["provision", file, "--dry-run", "-q"];
        const r = await spawnAgent(args).exited;
        assert.equal(r.code, 2, r.stderr);
        assert.ok(!(r.stdout + r.stderr).includes(c.secret), r.stderr);
        assert.match(r.stderr, new RegExp(`^${c.path.replace(/[[\].]/g, "\\$&")}: `, "m"));
      });
    }
  }

  it("a secret file readable by others is named by its field, not its path", async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), "wifiprov-refs-"));
    const secretFile = join(dir, "Summer2024open");
    await fs.writeFile(secretFile, "correct horse battery", { mode: 0o644 });
    const file = await planFile(`${HEAD}    passphrase: { file: "${secretFile}" }\n`);
    const r = await spawnAgent(["validate", file]).exited;
    assert.equal(r.code, 2);
    assert.ok(!r.stderr.includes("Summer2024open"), r.stderr);
    assert.match(r.stderr, /^networks\[0\]\.passphrase: .*0644/m);
  });
});

describe("environment variables that are not UTF-8", () => {
  it("a referenced secret: exit 2, one line naming the field, no value, no stack", async () => {
    const file = await planFile(`${HEAD}    passphrase: { env: SEC }\n`);
    for (const args of [["validate", file], ["provision", file, "--dry-run", "-q"]]) {
      const r = await runWithShellEnv(`SEC="$(printf 'Caf\\351Summer2024')"`, args);
      assert.equal(r.code, 2, r.stderr);
      assert.ok(!r.stderr.includes("Summer2024"), r.stderr);
      assert.ok(!/Uncaught|\bat /.test(r.stderr), r.stderr);
      assert.match(r.stderr, /^networks\[0\]\.passphrase: .*not valid UTF-8/m);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    }
  });

  it("a WIFIPROV_* variable: exit 2, one line naming the variable, no stack; NDJSON stays JSON", async () => {
    const file = await planFile(`${HEAD}    passphrase: "correct horse"\n`);
    const env = `WIFIPROV_OUTPUT_DIR="$(printf '/tmp/b\\351Summer2024')"`;
    const r = await runWithShellEnv(env, ["provision", file, "--dry-run", "-q"]);
    assert.equal(r.code, 2, r.stderr);
    assert.ok(!r.stderr.includes("Summer2024") && !/Uncaught|\bat /.test(r.stderr), r.stderr);
    assert.match(r.stderr, /WIFIPROV_OUTPUT_DIR/);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    const n = await runWithShellEnv(env, ["provision", file, "--events", "ndjson"]);
    assert.equal(n.code, 2, n.stderr);
    for (const line of n.stderr.trim().split("\n")) assert.doesNotThrow(() => JSON.parse(line), line);
  });
});

describe("paths that are not what was typed", () => {
  it("refuses invalid bytes (seen as U+FFFD) and C1 controls in options, variables and file fields", async () => {
    const file = await planFile(`${HEAD}    passphrase: "correct horse"\n`);
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [["-o", "/tmp/t11/argv\uFFFD"], {}, /--output-dir/],
      [["-o", "/tmp/t11/c1\u0085x"], {}, /--output-dir/],
      [["--ctrl-dir", "/run/w\u009b31m"], {}, /--ctrl-dir/],
      [[], { WIFIPROV_OUTPUT_DIR: "/tmp/b\uFFFD" }, /WIFIPROV_OUTPUT_DIR/],
      [[], { WIFIPROV_LOCK_DIR: "/tmp/l\u0085" }, /WIFIPROV_LOCK_DIR/],
    ];
    for (const [args, env, names] of cases) {
      const r = await spawnAgent(["provision", file, "--dry-run", "-q", ...args], env).exited;
      assert.equal(r.code, 2, `${args} ${JSON.stringify(env)}: ${r.stderr}`);
      assert.match(r.stderr, names);
      assert.ok(!/[\x80-\x9f\uFFFD]/.test(r.stderr), JSON.stringify(r.stderr));
    }
    const inFile = await planFile(
      `version: 1\noutputDir: "/tmp/f\\u0085"\n${HEAD.slice(11)}` +
        `    passphrase: "correct horse"\n`,
    );
    const r = await spawnAgent(["validate", inFile]).exited;
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^outputDir: .*control/m);
  });
});
