// Reads the few ELF facts a release check needs (CPU, word size, program interpreter) without loading a
// 100 MB file: the header and program headers are read by offset. Little-endian ELF32 and ELF64.
import { open } from "node:fs/promises";

/** What the ELF header says about a binary. */
export interface ElfInfo {
  /** `x86-64`, `aarch64`, `arm` (32-bit), or `unknown(<e_machine>)`. */
  machine: string;
  /** The ELF class: 64 or 32 bits. */
  bits: 64 | 32;
  /** The PT_INTERP path (the dynamic loader), or null for a static binary. */
  interpreter: string | null;
}

const EM_NAMES: Readonly<Record<number, string>> = { 40: "arm", 62: "x86-64", 183: "aarch64" };
const PT_INTERP = 3;
const HEADER_SIZE = 64;

/** Reads machine, class and interpreter of a little-endian ELF file; throws if it is not one. */
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
    // p_offset and p_filesz: 64-bit words at 8 and 32 in ELF64, 32-bit words at 4 and 16 in ELF32.
    const [offset, size] = header.bits === 64
      ? [Number(entry.readBigUInt64LE(8)), Number(entry.readBigUInt64LE(32))]
      : [entry.readUInt32LE(4), entry.readUInt32LE(16)];
    const bytes = await read(offset, size);
    return {
      machine: header.machine,
      bits: header.bits,
      interpreter: bytes.toString("latin1").replace(/\0+$/, ""),
    };
  }
  return { machine: header.machine, bits: header.bits, interpreter: null };
}

/** The fields of an ELF header needed to find the program headers. */
export interface ElfHeader {
  machine: string;
  bits: 64 | 32;
  phoff: number;
  phentsize: number;
  phnum: number;
}

/** Parses the ELF32 or ELF64 little-endian header (first 64 bytes); `label` names the file in errors. */
export function parseElfHeader(bytes: Uint8Array, label = "input"): ElfHeader {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < HEADER_SIZE || view.readUInt32BE(0) !== 0x7f454c46) {
    throw new Error(`"${label}" is not an ELF file`);
  }
  // EI_CLASS 1 = 32-bit, 2 = 64-bit; EI_DATA 1 = little-endian: every release target is little-endian.
  if ((view[4] !== 1 && view[4] !== 2) || view[5] !== 1) {
    throw new Error(`"${label}" is not a little-endian ELF32 or ELF64 file`);
  }
  const machineCode = view.readUInt16LE(0x12);
  const machine = EM_NAMES[machineCode] ?? `unknown(${machineCode})`;
  if (view[4] === 2) {
    return {
      machine,
      bits: 64,
      phoff: Number(view.readBigUInt64LE(0x20)),
      phentsize: view.readUInt16LE(0x36),
      phnum: view.readUInt16LE(0x38),
    };
  }
  return {
    machine,
    bits: 32,
    phoff: view.readUInt32LE(0x1c),
    phentsize: view.readUInt16LE(0x2a),
    phnum: view.readUInt16LE(0x2c),
  };
}
