// The shipped linux-arm64 (glibc, Bun) binary runs under qemu-aarch64-static with a Debian arm64 sysroot and
// honours the core of the CLI contract.
import { emulatedSuite } from "./emulated_suite.ts";

emulatedSuite("linux-arm64", "arm64");
