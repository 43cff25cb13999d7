// The shipped linux-x64 binary honours the CLI contract (help, version, validate, schema, provision
// --dry-run, usage errors). Builds dist/ first if it is missing or stale.
import { before, describe, it } from "node:test";
import * as check from "./cli_checks.ts";
import { checkReplayedProvision } from "./replay_checks.ts";
import { binaryPath, ensureDist } from "./support.ts";

describe("dist/wifiprov-linux-x64", () => {
  const prefix = [binaryPath("linux-x64")];
  before(async () => {
    await ensureDist();
  });

  it("exits 0 on --help and lists the commands", () => check.checkHelp(prefix));
  it("prints VERSION from src/version.ts on --version", () => check.checkVersion(prefix));
  it("accepts a valid provisioning file silently", () => check.checkValidateGood(prefix));
  it("rejects a broken file with exit 2, naming each bad path", () => check.checkValidateBroken(prefix));
  it("prints one JSON Schema document", () => check.checkSchema(prefix));
  it("prints one JSON report on provision --dry-run", () => check.checkProvisionDryRun(prefix));
  it("exits 2 on an unknown option", () => check.checkUnknownOption(prefix));
  it("exits 2 on a path whose bytes are not UTF-8", () => check.checkInvalidBytes(prefix));
  it("provisions against the replayed success transcript", () => checkReplayedProvision(prefix));
  it("adds no colour of its own to stderr, even under FORCE_COLOR", () => check.checkNoRuntimeColour(prefix));
  it("exits 3 when its output cannot be written to stdout", () => check.checkStdoutFull(prefix));
});
