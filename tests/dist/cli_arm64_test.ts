// The shipped linux-arm64 (glibc) binary runs under qemu-aarch64-static with a private arm64 sysroot and
// honours the core of the CLI contract. Sets up qemu and the sysroot (as root) when missing.
import { before, describe, it } from "node:test";
import { arm64CommandPrefix } from "../../scripts/dist/arm64_root.ts";
import * as check from "./cli_checks.ts";
import { checkReplayedProvision } from "./replay_checks.ts";
import { binaryPath, ensureDist } from "./support.ts";

describe("dist/wifiprov-linux-arm64 under qemu", () => {
  const prefix: string[] = [];
  before(async () => {
    await ensureDist();
    prefix.push(...await arm64CommandPrefix(), binaryPath("linux-arm64"));
  });

  it("prints VERSION from src/version.ts on --version", () => check.checkVersion(prefix));
  it("accepts a valid provisioning file silently", () => check.checkValidateGood(prefix));
  it("rejects a broken file with exit 2, naming each bad path", () => check.checkValidateBroken(prefix));
  it("prints one JSON Schema document", () => check.checkSchema(prefix));
  it("provisions against the replayed success transcript", () => checkReplayedProvision(prefix));
});
