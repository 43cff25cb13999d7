// The CLI contract checks the dist tests run against a shipped binary, whatever runs it (directly or under
// qemu). Each takes the command prefix that starts the binary and throws an AssertionError on a breach.
import assert from "node:assert/strict";
import { copyFile, mkdir, readdir } from "node:fs/promises";
import { closeSync, openSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { TOOL_NAME, VERSION } from "../../src/version.ts";
import { describeRun, runBinary, type RunOptions } from "./run_binary.ts";
import { FIXTURES, tempDir } from "./support.ts";

const EXIT_OK = 0;
const EXIT_USAGE = 2;

/** `--help` exits 0 and lists the commands. */
export async function checkHelp(prefix: readonly string[]): Promise<void> {
  const run = await runBinary(prefix, ["--help"]);
  assert.equal(run.code, EXIT_OK, describeRun(run));
  for (const command of ["validate", "schema", "provision", "scan"]) {
    assert.match(run.stdout, new RegExp(`\\b${command}\\b`), `--help does not mention "${command}"`);
  }
}

/** `--version` prints exactly the VERSION of src/version.ts. */
export async function checkVersion(prefix: readonly string[], options: RunOptions = {}): Promise<void> {
  const run = await runBinary(prefix, ["--version"], options);
  assert.equal(run.code, EXIT_OK, describeRun(run));
  assert.equal(run.stdout.trim(), VERSION);
}

/** `validate` on a good file exits 0 and prints nothing at all. */
export async function checkValidateGood(prefix: readonly string[]): Promise<void> {
  await using dir = await tempDir();
  const file = await copyFixture("good.yaml", dir.path);
  const run = await runBinary(prefix, ["validate", file], { cwd: dir.path });
  assert.equal(run.code, EXIT_OK, describeRun(run));
  assert.equal(run.stdout, "");
  assert.equal(run.stderr, "");
  assert.deepEqual(await readdir(dir.path), ["good.yaml"], "validate must not write files");
}

/** `validate` on a broken file exits 2 and names every bad path on stderr, writing nothing. */
export async function checkValidateBroken(prefix: readonly string[]): Promise<void> {
  await using dir = await tempDir();
  const file = await copyFixture("broken.yaml", dir.path);
  const run = await runBinary(prefix, ["validate", file], { cwd: dir.path });
  assert.equal(run.code, EXIT_USAGE, describeRun(run));
  assert.equal(run.stdout, "", "problems go to stderr, not stdout");
  // The contract writes `networks[0].ssid`; zod's native `networks.0.ssid` is accepted too.
  for (const [index, key] of [[0, "ssid"], [1, "method"], [2, "ssid"]] as const) {
    const path = new RegExp(`networks(\\[${index}\\]|\\.${index})\\.${key}\\b`);
    assert.match(run.stderr, path, `stderr does not name networks[${index}].${key}: ${describeRun(run)}`);
  }
  assert.deepEqual(await readdir(dir.path), ["broken.yaml"], "validate must not write files");
}

/** `schema` prints exactly one JSON document: a JSON Schema object that describes `networks`. */
export async function checkSchema(prefix: readonly string[]): Promise<void> {
  const run = await runBinary(prefix, ["schema"]);
  assert.equal(run.code, EXIT_OK, describeRun(run));
  const schema = parseOneJson(run.stdout) as { type?: unknown; properties?: Record<string, unknown> };
  assert.equal(schema.type, "object");
  assert.ok(schema.properties && "networks" in schema.properties, "the schema has no networks property");
}

/**
 * `provision --dry-run`: one JSON document on stdout, human text on stderr, nothing written. Only the fields
 * a dry run shares with the provision report are required: it has no start, finish or outcome.
 */
export async function checkProvisionDryRun(prefix: readonly string[]): Promise<void> {
  await using dir = await tempDir();
  const file = await copyFixture("good.yaml", dir.path);
  const [outputDir, ctrlDir] = [join(dir.path, "out"), join(dir.path, "ctrl")];
  await mkdir(outputDir);
  await mkdir(ctrlDir);
  const args = ["provision", file, "--interface", "wlan0", "--output-dir", outputDir, "--ctrl-dir", ctrlDir];
  const run = await runBinary(prefix, [...args, "--timeout", "5", "--dry-run"], { cwd: dir.path });
  assert.equal(run.code, EXIT_OK, describeRun(run));
  const report = parseOneJson(run.stdout) as Record<string, unknown>;
  for (const key of ["schemaVersion", "tool", "interface", "networks"]) {
    assert.ok(key in report, `the report has no "${key}"`);
  }
  assert.deepEqual(report["tool"], { name: TOOL_NAME, version: VERSION });
  assert.equal(report["interface"], "wlan0");
  assert.equal((report["networks"] as unknown[]).length, 2);
  assert.notEqual(run.stderr.trim(), "", "human-readable progress belongs on stderr");
  assert.deepEqual(await readdir(outputDir), [], "a dry run must not write configs");
}

/** An unknown option is a usage error: exit 2. */
export async function checkUnknownOption(prefix: readonly string[]): Promise<void> {
  const run = await runBinary(prefix, ["--no-such-option"]);
  assert.equal(run.code, EXIT_USAGE, describeRun(run));
}

// JSON.parse rejects two concatenated documents, so this also proves there is exactly one.
function parseOneJson(stdout: string): unknown {
  assert.notEqual(stdout.trim(), "", "stdout is empty");
  try {
    return JSON.parse(stdout);
  } catch (error) {
    assert.fail(`stdout is not exactly one JSON document (${error}): ${stdout.slice(0, 300)}`);
  }
}

async function copyFixture(name: string, dir: string): Promise<string> {
  await copyFile(join(FIXTURES, name), join(dir, name));
  return join(dir, name);
}

/**
 * A path argument or WIFIPROV_* value whose bytes are not UTF-8 (Bun decodes argv and the environment
 * lossily, to U+FFFD) is refused with exit 2 naming the option or variable, and nothing is written
 * anywhere else: the path is not silently replaced by another one.
 */
export async function checkInvalidBytes(prefix: readonly string[]): Promise<void> {
  await using dir = await tempDir();
  const file = await copyFixture("good.yaml", dir.path);
  const sh = ["sh", "-c", 'bad="$(printf "$0/out\\351")"; exec "$@" -o "$bad"', dir.path, ...prefix];
  const argv = await runBinary(sh, ["provision", file, "-i", "wlan0", "--dry-run"], { cwd: dir.path });
  assert.equal(argv.code, EXIT_USAGE, describeRun(argv));
  assert.match(argv.stderr, /--output-dir/);
  const env = [
    "sh",
    "-c",
    'WIFIPROV_OUTPUT_DIR="$(printf "$0/env\\351")"; export WIFIPROV_OUTPUT_DIR; exec "$@"',
    dir.path,
    ...prefix,
  ];
  const viaEnv = await runBinary(env, ["provision", file, "-i", "wlan0", "--dry-run"], { cwd: dir.path });
  assert.equal(viaEnv.code, EXIT_USAGE, describeRun(viaEnv));
  assert.match(viaEnv.stderr, /WIFIPROV_OUTPUT_DIR/);
  assert.deepEqual((await readdir(dir.path)).sort(), ["good.yaml"]);
}

/**
 * stderr carries no escape sequence the program did not write: Bun's console.error painted every line red on
 * a terminal and under FORCE_COLOR (hostile review of issue 13), which broke `--events ndjson`.
 */
export function checkNoRuntimeColour(prefix: readonly string[]): void {
  const env: Record<string, string> = { ...process.env as Record<string, string>, FORCE_COLOR: "1" };
  delete env.NO_COLOR;
  const [command, ...rest] = prefix;
  const run = spawnSync(command!, [...rest, "validate", "/nonexistent/site.yaml"], { env, encoding: "utf8" });
  assert.equal(run.status, EXIT_USAGE, run.stderr);
  assert.match(run.stderr, /^wifiprov: /);
  assert.ok(!run.stderr.includes("\u001b"), JSON.stringify(run.stderr));
}

/** A document that cannot be written to stdout (disk full) is exit 3 with one line on stderr, not exit 0. */
export function checkStdoutFull(prefix: readonly string[]): void {
  const full = openSync("/dev/full", "w");
  try {
    const [command, ...rest] = prefix;
    for (const args of [["schema"], ["--version"]]) {
      const run = spawnSync(command!, [...rest, ...args], {
        stdio: ["ignore", full, "pipe"],
        encoding: "utf8",
      });
      assert.equal(run.status, 3, `${args.join(" ")}: ${run.stderr}`);
      assert.equal(
        run.stderr,
        "wifiprov: cannot write to stdout: no space left on the device; the output is lost\n",
      );
    }
  } finally {
    closeSync(full);
  }
}
