// parseElfHeader recognises the CPU of 64-bit little-endian ELF files and rejects anything else.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseElfHeader } from "../../scripts/dist/elf.ts";

function header(machine: number, elfClass = 2): Uint8Array {
  const bytes = Buffer.alloc(64);
  bytes.write("\x7fELF", 0, "latin1");
  bytes[4] = elfClass;
  bytes[5] = 1;
  bytes.writeUInt16LE(machine, 0x12);
  bytes.writeBigUInt64LE(64n, 0x20);
  bytes.writeUInt16LE(56, 0x36);
  bytes.writeUInt16LE(9, 0x38);
  return bytes;
}

describe("parseElfHeader", () => {
  it("names x86-64 and aarch64 and reads the program header table's place", () => {
    assert.deepEqual(parseElfHeader(header(62)), { machine: "x86-64", phoff: 64, phentsize: 56, phnum: 9 });
    assert.equal(parseElfHeader(header(183)).machine, "aarch64");
  });

  it("reports an unknown machine by number", () => {
    assert.equal(parseElfHeader(header(243)).machine, "unknown(243)");
  });

  it("rejects a non-ELF file and a 32-bit one", () => {
    assert.throws(() => parseElfHeader(Buffer.from("#!/usr/bin/env node\n".padEnd(64))), /not an ELF file/);
    assert.throws(() => parseElfHeader(header(62, 1)), /not a 64-bit little-endian/);
  });
});
