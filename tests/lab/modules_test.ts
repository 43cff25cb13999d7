// Unit tests of the kernel-module selection for the lab's initramfs (no VM needed).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  moduleClosure,
  moduleName,
  parseBuiltin,
  parseModulesDep,
  trimmedModulesDep,
} from "../../scripts/lab/modules.ts";

const DEP = [
  "kernel/drivers/net/wireless/mac80211_hwsim.ko: kernel/net/mac80211/mac80211.ko kernel/net/wireless/cfg80211.ko",
  "kernel/net/mac80211/mac80211.ko: kernel/net/wireless/cfg80211.ko kernel/lib/crypto/libarc4.ko",
  "kernel/net/wireless/cfg80211.ko: kernel/net/rfkill/rfkill.ko",
  "kernel/net/rfkill/rfkill.ko:",
  "kernel/lib/crypto/libarc4.ko:",
  "kernel/arch/x86/crypto/aesni-intel.ko:",
  "",
].join("\n");

describe("moduleName", () => {
  it("drops the folder and .ko and turns dashes into underscores", () => {
    assert.equal(moduleName("kernel/arch/x86/crypto/aesni-intel.ko"), "aesni_intel");
    assert.equal(moduleName("kernel/fs/9p/9p.ko.xz"), "9p");
  });
});

describe("moduleClosure", () => {
  const deps = parseModulesDep(DEP);

  it("includes every dependency, transitively, once", () => {
    assert.deepEqual(moduleClosure(deps, ["mac80211_hwsim"], new Set()), [
      "kernel/drivers/net/wireless/mac80211_hwsim.ko",
      "kernel/lib/crypto/libarc4.ko",
      "kernel/net/mac80211/mac80211.ko",
      "kernel/net/rfkill/rfkill.ko",
      "kernel/net/wireless/cfg80211.ko",
    ]);
  });

  it("finds a module whose file name has dashes by its underscore name", () => {
    assert.deepEqual(moduleClosure(deps, ["aesni_intel"], new Set()), [
      "kernel/arch/x86/crypto/aesni-intel.ko",
    ]);
  });

  it("needs no file for a built-in module", () => {
    assert.deepEqual(
      moduleClosure(deps, ["virtio_pci"], parseBuiltin("kernel/drivers/virtio/virtio_pci.ko\n")),
      [],
    );
  });

  it("rejects a module that is neither a file nor built in", () => {
    assert.throws(
      () => moduleClosure(deps, ["nope"], new Set()),
      /"nope" is neither in modules.dep nor built in/,
    );
  });
});

describe("trimmedModulesDep", () => {
  it("keeps only the chosen modules' lines", () => {
    const deps = parseModulesDep(DEP);
    assert.equal(
      trimmedModulesDep(deps, ["kernel/net/wireless/cfg80211.ko", "kernel/net/rfkill/rfkill.ko"]),
      "kernel/net/wireless/cfg80211.ko: kernel/net/rfkill/rfkill.ko\nkernel/net/rfkill/rfkill.ko:\n",
    );
  });
});
