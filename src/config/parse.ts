// Reads wpa_supplicant config text back with the same line rules as wpa_supplicant (config_file.c,
// utils/config.c, config.c), for idempotency checks and to prove the renderer's quoting. Never throws.

import { hexToBytes, printfDecode, utf8Encode } from "../bytes.ts";

/** Globals and network blocks as raw `name` → `value` text, plus what wpa_supplicant would reject. */
export interface ParsedConfig {
  globals: Map<string, string>;
  networks: Map<string, string>[];
  /** One message per line wpa_supplicant would count as an error (it then refuses the whole file). */
  errors: string[];
}

// fgets buffer sizes in wpa_config_read (512) and wpa_config_read_network/cred/blob (2000/256/256); a line
// must fit with its newline and the terminating NUL.
const TOP_LINE_MAX = 512 - 2;
const NETWORK_LINE_MAX = 2000 - 2;
const OTHER_BLOCK_LINE_MAX = 256 - 2;

/** Index of the `#` that starts a comment, skipping `#` inside quote pairs scanned from the left. */
function commentStart(line: string): number {
  let end = line.indexOf("#");
  let from = 0;
  while (end !== -1) {
    const open = line.indexOf('"', from);
    if (open === -1 || open > end) break;
    const close = line.indexOf('"', open + 1);
    if (close === -1) break;
    from = close + 1;
    if (from > end) end = line.indexOf("#", from);
  }
  return end;
}

/**
 * One physical line as wpa_config_get_line returns it: null for blank/comment lines, else the content with
 * leading blanks, the comment and trailing blanks removed. A NUL ends the line, as it ends a C string.
 */
export function readConfigLine(raw: string): string | null {
  const nul = raw.indexOf("\0");
  const line = (nul === -1 ? raw : raw.slice(0, nul)).replace(/^[ \t\r]+/, "");
  if (line === "" || line.startsWith("#")) return null;
  const hash = commentStart(line);
  const content = (hash === -1 ? line : line.slice(0, hash)).replace(/[\n \t\r]+$/, "");
  return content === "" ? null : content;
}

interface Cursor {
  lines: string[];
  index: number;
  errors: string[];
}

/** The next meaningful line (1-based number and content), or null at the end of the text. */
function nextLine(c: Cursor, max: number): { no: number; text: string } | null {
  while (c.index < c.lines.length) {
    const raw = c.lines[c.index++] as string;
    const text = readConfigLine(raw);
    if (text === null) continue;
    if (utf8Encode(raw).length > max) {
      c.errors.push(`Line ${c.index}: longer than ${max} bytes; wpa_supplicant would truncate it`);
      continue;
    }
    return { no: c.index, text };
  }
  return null;
}

/** Reads `name=value` lines up to `}`, with wpa_supplicant's check for an unterminated quotation. */
function readBlock(c: Cursor, startNo: number, max: number): Map<string, string> {
  const map = new Map<string, string>();
  for (let line = nextLine(c, max); line !== null; line = nextLine(c, max)) {
    if (line.text === "}") return map;
    const eq = line.text.indexOf("=");
    if (eq === -1) {
      c.errors.push(`Line ${line.no}: no "=" in block line`);
      continue;
    }
    const value = line.text.slice(eq + 1);
    if (value.startsWith('"') && value.indexOf('"', 1) === -1) {
      c.errors.push(`Line ${line.no}: invalid quotation`);
      continue;
    }
    map.set(line.text.slice(0, eq), value);
  }
  c.errors.push(`Line ${startNo}: block not terminated by "}"`);
  return map;
}

/** Skips a blob's base64 lines up to `}`. */
function skipBlob(c: Cursor, startNo: number): void {
  for (
    let line = nextLine(c, OTHER_BLOCK_LINE_MAX);
    line !== null;
    line = nextLine(c, OTHER_BLOCK_LINE_MAX)
  ) {
    if (line.text === "}") return;
  }
  c.errors.push(`Line ${startNo}: block not terminated by "}"`);
}

/** Parses config text into globals and network blocks; `cred={}` and blob blocks are read and dropped. */
export function parseConfigText(text: string): ParsedConfig {
  const c: Cursor = { lines: text.split("\n"), index: 0, errors: [] };
  const globals = new Map<string, string>();
  const networks: Map<string, string>[] = [];
  for (let line = nextLine(c, TOP_LINE_MAX); line !== null; line = nextLine(c, TOP_LINE_MAX)) {
    if (line.text === "network={") {
      networks.push(readBlock(c, line.no, NETWORK_LINE_MAX));
    } else if (line.text === "cred={") {
      readBlock(c, line.no, OTHER_BLOCK_LINE_MAX);
    } else if (line.text.startsWith("blob-base64-")) {
      skipBlob(c, line.no);
    } else {
      const eq = line.text.indexOf("=");
      if (eq <= 0) c.errors.push(`Line ${line.no}: not a "name=value" line`);
      else globals.set(line.text.slice(0, eq), line.text.slice(eq + 1));
    }
  }
  return { globals, networks, errors: c.errors };
}

/**
 * Decodes a network value as wpa_config_parse_string does: `"text"` → the bytes between the first and the
 * last quote (which must end the value), `P"text"` → printf-unescaped bytes, else even-length hex; null
 * otherwise.
 */
export function decodeConfigValue(v: string): Uint8Array | null {
  const quoted = v.startsWith('"') ? 1 : v.startsWith('P"') ? 2 : 0;
  if (quoted === 0) return hexToBytes(v);
  const last = v.lastIndexOf('"');
  if (last < quoted || last !== v.length - 1) return null;
  const inner = v.slice(quoted, last);
  return quoted === 1 ? utf8Encode(inner) : printfDecode(inner);
}
