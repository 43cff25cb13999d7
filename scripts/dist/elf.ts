// Reads the few ELF facts a release check needs (CPU, program interpreter) without loading a 100 MB file:
// the header and program headers are read by offset.
import { open } from "node:fs/promises";

/** What the ELF header says about a binary. */
export interface ElfInfo {
  /** `x86-64`, `aarch64`, or `unknown(<e_machine>)`. */
  machine: string;
  /** The PT_INTERP path (the dynamic loader), or null for a static binary. */
  interpreter: string | null;
}

const EM_NAMES: Readonly<Record<number, string>> = { 62: "x86-64", 183: "aarch64" };
const PT_INTERP = 3;
const HEADER_SIZE = 64;

/** Reads machine and interpreter of a 64-bit little-endian ELF file; throws if it is not one. */
export async function readElfInfo(path: string): Promise<ElfInfo> {
  await using file = await open(path, "r");
  const read = async (offset: number, length: number): Promise<Buffer> => {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, offset);
    if (bytesRead !== length) {
      throw new Error(`"${path}" is truncated: no ${length} bytes at offset ${offset}`);
    }
    return buffer;
  };
  const header = parseElfHeader(await read(0, HEADER_SIZE), path);
  const table = await read(header.phoff, header.phentsize * header.phnum);
  for (let index = 0; index < header.phnum; index++) {
    const entry = table.subarray(index * header.phentsize, (index + 1) * header.phentsize);
    if (entry.readUInt32LE(0) !== PT_INTERP) continue;
    const bytes = await read(Number(entry.readBigUInt64LE(8)), Number(entry.readBigUInt64LE(32)));
    return { machine: header.machine, interpreter: bytes.toString("latin1").replace(/\0+$/, "") };
  }
  return { machine: header.machine, interpreter: null };
}

/** The fields of an ELF64 header needed to find the program headers. */
export interface ElfHeader {
  machine: string;
  phoff: number;
  phentsize: number;
  phnum: number;
}

/** Parses the 64-byte ELF64 little-endian header; `label` names the file in errors. */
export function parseElfHeader(bytes: Uint8Array, label = "input"): ElfHeader {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < HEADER_SIZE || view.readUInt32BE(0) !== 0x7f454c46) {
    throw new Error(`"${label}" is not an ELF file`);
  }
  // EI_CLASS 2 = 64-bit, EI_DATA 1 = little-endian: all four release targets are both.
  if (view[4] !== 2 || view[5] !== 1) throw new Error(`"${label}" is not a 64-bit little-endian ELF file`);
  const machineCode = view.readUInt16LE(0x12);
  return {
    machine: EM_NAMES[machineCode] ?? `unknown(${machineCode})`,
    phoff: Number(view.readBigUInt64LE(0x20)),
    phentsize: view.readUInt16LE(0x36),
    phnum: view.readUInt16LE(0x38),
  };
}
