// The test suite a shipped foreign-CPU glibc binary runs under qemu-user with a private Debian sysroot: the
// core of the CLI contract and a replayed provisioning run. Sets up qemu and the sysroot (as root) when missing.
import { before, describe, it } from "node:test";
import { type ForeignArch, foreignCommandPrefix } from "../../scripts/dist/foreign_root.ts";
import { binaryName, type Target } from "../../scripts/dist/targets.ts";
import * as check from "./cli_checks.ts";
import { checkReplayedProvision } from "./replay_checks.ts";
import { binaryPath, ensureDist } from "./support.ts";

/** Declares the emulated suite for `target`, whose binary runs on Debian architecture `arch`. */
export function emulatedSuite(target: Target, arch: ForeignArch): void {
  describe(`dist/${binaryName(target)} under qemu (${arch})`, () => {
    const prefix: string[] = [];
    before(async () => {
      await ensureDist();
      prefix.push(...await foreignCommandPrefix(arch), binaryPath(target));
    });

    it("prints VERSION from src/version.ts on --version", () => check.checkVersion(prefix));
    it("accepts a valid provisioning file silently", () => check.checkValidateGood(prefix));
    it("rejects a broken file with exit 2, naming each bad path", () => check.checkValidateBroken(prefix));
    it("prints one JSON Schema document", () => check.checkSchema(prefix));
    it("provisions against the replayed success transcript", () => checkReplayedProvision(prefix));
  });
}
