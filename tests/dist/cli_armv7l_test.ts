// The shipped linux-armv7l (glibc, Node.js 20 single executable) binary runs under qemu-arm-static with a
// Debian armhf sysroot and honours the core of the CLI contract, like the Bun-built binaries.
import { emulatedSuite } from "./emulated_suite.ts";

emulatedSuite("linux-armv7l", "armhf");
