import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ALL_SCENARIOS,
  DEFAULT_VERSION,
  findVersion,
  reportedVersion,
  VERSIONS,
} from "../../scripts/lab/versions.ts";
import { chosenVersions } from "../../scripts/lab/lab.ts";
import { resolveSuitePackages, suiteAptOptions, updateSuite } from "../../scripts/lab/suite_apt.ts";

describe("the supplicant version matrix", () => {
  it("has 2.9 from bullseye, 2.10 from bookworm (the default) and 2.11 from sid", () => {
    assert.deepEqual(VERSIONS.map((v) => [v.version, v.suite]), [
      ["2.9", "bullseye"],
      ["2.10", "bookworm"],
      ["2.11", "sid"],
    ]);
    assert.equal(DEFAULT_VERSION, "2.10");
  });

  it("runs every scenario on the default version and at least the core set on the others", () => {
    assert.deepEqual(findVersion(DEFAULT_VERSION).scenarios, ALL_SCENARIOS);
    for (const v of VERSIONS) {
      for (const name of ["happy", "overlap", "timeout", "hostile", "own-supplicant"]) {
        assert.ok(v.scenarios.includes(name), `${v.version} runs ${name}`);
      }
      assert.ok(v.scenarios.every((s) => ALL_SCENARIOS.includes(s)), `${v.version} names known scenarios`);
      const order = v.scenarios.map((s) => ALL_SCENARIOS.indexOf(s));
      assert.deepEqual(order, [...order].sort((a, b) => a - b), `${v.version} keeps the common order`);
    }
  });

  it("names the known versions when asked for an unknown one", () => {
    assert.throws(() => findVersion("2.8"), /Unknown wpa_supplicant version "2.8"; known: 2.9, 2.10, 2.11/);
  });

  it("reads the version from wpa_supplicant -v output", () => {
    const text = "wpa_supplicant v2.11\nCopyright (c) 2003-2024, Jouni Malinen <j@w1.fi> and contributors";
    assert.equal(reportedVersion(text), "2.11");
    assert.equal(reportedVersion("wpa_supplicant v2.9"), "2.9");
    assert.equal(reportedVersion("no supplicant here"), undefined);
  });

  it("lab --version: none means the default, all means the matrix, unknown names fail", () => {
    assert.deepEqual(chosenVersions([]), ["2.10"]);
    assert.deepEqual(chosenVersions(["all"]), ["2.9", "2.10", "2.11"]);
    assert.deepEqual(chosenVersions(["2.11", "2.9"]), ["2.11", "2.9"]);
    assert.throws(() => chosenVersions(["3.0"]), /Unknown wpa_supplicant version "3.0"/);
  });
});

describe("apt for another suite", () => {
  it("keeps every piece of apt state private, the dpkg status included (host packages are not candidates)", () => {
    const options = suiteAptOptions({ suite: "sid", dir: "/c/apt/sid", mirror: "http://m/debian" });
    for (
      const key of [
        "Dir::Etc::SourceList=/c/apt/sid/",
        "Dir::Etc::SourceParts=/c/apt/sid/",
        "Dir::State::Lists=/c/apt/sid/",
        "Dir::State::status=/c/apt/sid/",
        "Dir::Cache=/c/apt/sid/",
      ]
    ) {
      assert.ok(options.some((o) => o.startsWith(key)), `${key} in ${options.join(" ")}`);
    }
  });

  it("fails loudly, naming the suite, the version and apt's error, when the archive is unreachable", async () => {
    const dir = await Deno.makeTempDir({ dir: tmpdir(), prefix: "wifiprov-apt-" });
    try {
      // Port 9 (discard) on loopback: nothing listens, so apt's connection is refused at once.
      const apt = { suite: "bullseye", dir: join(dir, "bullseye"), mirror: "http://127.0.0.1:9/debian" };
      await assert.rejects(
        updateSuite(apt, "wpa_supplicant 2.9"),
        /Cannot fetch the Debian "bullseye" package lists for wpa_supplicant 2\.9 from http:\/\/127\.0\.0\.1:9\/debian .*(refused|Failed to fetch)/,
      );
      await assert.rejects(
        resolveSuitePackages(apt, ["wpasupplicant"], "wpa_supplicant 2.9"),
        /Debian "bullseye" \(http:\/\/127\.0\.0\.1:9\/debian\) has no wpasupplicant for wpa_supplicant 2\.9/,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

describe("the lab suites", () => {
  it("every generation of the matrix has its own suite file (tests/lab/lab_v<version>_test.ts)", async () => {
    for (const v of VERSIONS) {
      const file = new URL(`./lab_v${v.version.replace(".", "_")}_test.ts`, import.meta.url);
      const text = await Deno.readTextFile(file);
      assert.ok(text.includes(`labSuiteFor("${v.version}")`), `${file.pathname} runs ${v.version}`);
    }
  });
});

describe("deno task lab's command line", () => {
  const lab = (...args: string[]) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("../../scripts/lab/lab.ts", import.meta.url).pathname, ...args],
      stdout: "piped",
      stderr: "piped",
    }).outputSync();
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  it("prints its usage for --help and exits 0, booting nothing", () => {
    const r = lab("--help");
    assert.equal(r.code, 0, text(r.stderr));
    assert.match(text(r.stdout), /^Usage: deno task lab /);
    assert.match(text(r.stdout), /--version <v>/);
  });

  it("refuses an unknown option with one line and exit 2, not a stack trace", () => {
    const r = lab("--nope");
    assert.equal(r.code, 2);
    const lines = text(r.stderr).trim().split("\n");
    assert.equal(lines.length, 1, text(r.stderr));
    assert.match(lines[0]!, /^lab: Unknown option '--nope'/);
  });
});
