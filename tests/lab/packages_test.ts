// Unit tests of resolving the lab's guest packages from apt output, the demo's masking and the QEMU command line.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kernelRelease, parseAptShow, parseKernelDepends } from "../../scripts/lab/packages.ts";
import { debFileName } from "../../scripts/lab/fetch.ts";
import { maskSecrets } from "../../scripts/lab/demo.ts";

describe("parseAptShow", () => {
  it("takes the first version of each package", () => {
    const text = "Package: iw\nVersion: 5.19-1\nDepends: libc6\n\nPackage: iw\nVersion: 5.9-3\n\n" +
      "Package: busybox-static\nVersion: 1:1.35.0-4+deb12u1+b1\n";
    assert.deepEqual(parseAptShow(text), [
      { name: "iw", version: "5.19-1" },
      { name: "busybox-static", version: "1:1.35.0-4+deb12u1+b1" },
    ]);
  });
});

describe("parseKernelDepends and kernelRelease", () => {
  it("finds the versioned kernel package and its release", () => {
    const name = parseKernelDepends("linux-image-amd64\n  Depends: linux-image-6.1.0-56-amd64\n");
    assert.equal(name, "linux-image-6.1.0-56-amd64");
    assert.equal(kernelRelease([{ name: name!, version: "6.1.192-2" }]), "6.1.0-56-amd64");
  });
});

describe("debFileName", () => {
  it("encodes the epoch's colon like apt-get download", () => {
    assert.equal(
      debFileName({ name: "busybox-static", version: "1:1.35.0-4" }, "amd64"),
      "busybox-static_1%3a1.35.0-4_amd64.deb",
    );
  });
});

describe("maskSecrets", () => {
  it("masks psk and sae_password values, quoted or hex, and keeps the rest", () => {
    const config = 'network={\n\tssid="LabNet"\n\tpsk="correct horse"\n\tsae_password="x"\n}\npsk=0a1b\n';
    assert.equal(
      maskSecrets(config),
      'network={\n\tssid="LabNet"\n\tpsk=********\n\tsae_password=********\n}\npsk=********\n',
    );
  });
});
