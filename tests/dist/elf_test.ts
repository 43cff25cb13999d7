// parseElfHeader recognises the CPU and class of little-endian ELF32/ELF64 files and rejects anything else.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseElfHeader } from "../../scripts/dist/elf.ts";

function header64(machine: number, data = 1): Uint8Array {
  const bytes = Buffer.alloc(64);
  bytes.write("\x7fELF", 0, "latin1");
  bytes[4] = 2;
  bytes[5] = data;
  bytes.writeUInt16LE(machine, 0x12);
  bytes.writeBigUInt64LE(64n, 0x20);
  bytes.writeUInt16LE(56, 0x36);
  bytes.writeUInt16LE(9, 0x38);
  return bytes;
}

function header32(machine: number): Uint8Array {
  const bytes = Buffer.alloc(64);
  bytes.write("\x7fELF", 0, "latin1");
  bytes[4] = 1;
  bytes[5] = 1;
  bytes.writeUInt16LE(machine, 0x12);
  bytes.writeUInt32LE(52, 0x1c);
  bytes.writeUInt16LE(32, 0x2a);
  bytes.writeUInt16LE(10, 0x2c);
  return bytes;
}

describe("parseElfHeader", () => {
  it("names x86-64 and aarch64 and reads the ELF64 program header table's place", () => {
    assert.deepEqual(parseElfHeader(header64(62)), {
      machine: "x86-64",
      bits: 64,
      phoff: 64,
      phentsize: 56,
      phnum: 9,
    });
    assert.equal(parseElfHeader(header64(183)).machine, "aarch64");
  });

  it("names 32-bit ARM and reads the ELF32 program header table's place", () => {
    assert.deepEqual(parseElfHeader(header32(40)), {
      machine: "arm",
      bits: 32,
      phoff: 52,
      phentsize: 32,
      phnum: 10,
    });
  });

  it("reports an unknown machine by number", () => {
    assert.equal(parseElfHeader(header64(243)).machine, "unknown(243)");
  });

  it("rejects a non-ELF file and a big-endian one", () => {
    assert.throws(() => parseElfHeader(Buffer.from("#!/usr/bin/env node\n".padEnd(64))), /not an ELF file/);
    assert.throws(() => parseElfHeader(header64(62, 2)), /not a little-endian/);
  });
});
