// YAML/JSON text → plain data, with errors of our own wording: line, column and (where known) the field,
// never text from the file. The `yaml` library's messages quote the offending scalar, alias or tag, which
// is often the passphrase, so not one of them is passed on. Pure.
import { type ErrorCode, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from "yaml";
import type { Problem } from "./plan.ts";
import { formatPath } from "./path.ts";
import { hasLoneSurrogate } from "./text.ts";

/** YAML aliases allowed before we call it an alias bomb. */
const MAX_ALIASES = 64;

/** What each of the library's error codes means, in words that quote nothing from the file. */
const CODE_TEXT: Readonly<Record<ErrorCode, string>> = {
  ALIAS_PROPS: "an alias cannot carry a tag or an anchor",
  BAD_ALIAS: "a malformed alias",
  BAD_DIRECTIVE: "an unknown or malformed % directive",
  BAD_DQ_ESCAPE: "an invalid escape in a double-quoted string",
  BAD_INDENT: "bad indentation or an unclosed bracket",
  BAD_PROP_ORDER: "an anchor or tag in the wrong place",
  BAD_SCALAR_START: "a plain value starts with a reserved character; quote it",
  BLOCK_AS_IMPLICIT_KEY: "bad indentation (a nested mapping where a value was expected)",
  BLOCK_IN_FLOW: "a block collection inside [ ] or { }",
  DUPLICATE_KEY: "a duplicate key",
  IMPOSSIBLE: "a document the parser cannot read",
  KEY_OVER_1024_CHARS: "a key longer than 1024 characters",
  MISSING_CHAR: "a missing closing quote or bracket",
  MULTILINE_IMPLICIT_KEY: "a key spread over lines (check indentation and quotes)",
  MULTIPLE_ANCHORS: "more than one anchor on one value",
  MULTIPLE_DOCS: "more than one document (---)",
  MULTIPLE_TAGS: "more than one tag on one value",
  NON_STRING_KEY: "a key that is not a string",
  RESOURCE_EXHAUSTION: "aliases that expand too far",
  TAB_AS_INDENT: "a tab used as indentation",
  TAG_RESOLVE_FAILED: "a tag (!…) this format does not use",
  UNEXPECTED_TOKEN: "an unexpected character",
  BAD_COLLECTION_TYPE: "a collection that does not fit its tag",
};

/** Parsed data, or the problems that stopped parsing (each with its line and column). */
export type DocumentResult =
  | { ok: true; data: unknown; keyPlace: (parent: readonly PropertyKey[], key: string) => Place | undefined }
  | { ok: false; problems: Problem[] };

/**
 * Parses one YAML document (JSON is YAML 1.2) into plain data. Warnings count as errors (an unknown tag
 * would otherwise silently turn into a string), and so does any string holding a lone surrogate.
 * `fieldNames` are the keys a path in a message may show: any other key could be a value misplaced.
 */
export function parseYamlDocument(text: string, fieldNames: ReadonlySet<string>): DocumentResult {
  const lines = new LineCounter();
  let doc;
  try {
    // logLevel "error": the library would otherwise print some warnings itself (process.emitWarning), quoting keys.
    doc = parseDocument(text, {
      uniqueKeys: true,
      prettyErrors: false,
      strict: true,
      lineCounter: lines,
      logLevel: "error",
    });
  } catch {
    return { ok: false, problems: [{ path: "", message: "not valid YAML/JSON: too deeply nested" }] };
  }
  const where = (offset: number) => locate(text, lines, doc.contents, offset, fieldNames);
  const first = doc.errors[0] ?? doc.warnings[0];
  if (first) return { ok: false, problems: [parseProblem(where(first.pos[0]), CODE_TEXT[first.code])] };
  const dangling = danglingAlias(doc);
  if (dangling !== undefined) {
    return {
      ok: false,
      problems: [parseProblem(where(dangling), "an alias (*…) to no anchor (&…) before it")],
    };
  }
  const surrogates = loneSurrogates(doc.contents, [], fieldNames).map(({ path, offset }) => {
    const at = locate(text, lines, null, offset, fieldNames);
    return {
      path: formatPath(path),
      message: `a lone UTF-16 surrogate (a \\uD800–\\uDFFF escape without its pair) at line ${at.line}, ` +
        `column ${at.column}: it is not a character`,
    };
  });
  if (surrogates.length > 0) return { ok: false, problems: surrogates };
  try {
    const data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    const keyPlace = (parent: readonly PropertyKey[], key: string) => {
      const map = parent.length === 0 ? doc.contents : doc.getIn(parent, true);
      const pair = isMap(map) ? map.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
      const offset = rangeOf(pair?.key)?.[0];
      return offset === undefined ? undefined : locate(text, lines, null, offset, fieldNames);
    };
    return { ok: true, data, keyPlace };
  } catch {
    return {
      ok: false,
      problems: [{
        path: "",
        message: "not a usable YAML/JSON document: too deeply nested, or aliases that expand too far",
      }],
    };
  }
}

/** A place in the text: 1-based line and column (in characters), and the field path when known. */
export interface Place {
  path: string;
  line: number;
  column: number;
}

/** Where `offset` (UTF-16 index into `text`) is: line, column and the field of `contents` around it. */
export function locate(
  text: string,
  lines: LineCounter,
  contents: unknown,
  offset: number,
  fieldNames: ReadonlySet<string>,
): Place {
  const { line } = lines.linePos(offset);
  const lineStart = lines.lineStarts[Math.max(line - 1, 0)] ?? 0;
  const column = Array.from(text.slice(lineStart, offset)).length + 1;
  return { path: formatPath(pathAt(contents, offset, fieldNames)), line: Math.max(line, 1), column };
}

/** Parses `text` only to tell where `offset` is (for problems found before parsing, e.g. in the bytes). */
export function placeIn(text: string, offset: number, fieldNames: ReadonlySet<string>): Place {
  const lines = new LineCounter();
  let contents: unknown = null;
  try {
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, logLevel: "error" });
    // A path is only named when the rest of the document is sound; otherwise it would be a guess.
    if (doc.errors.length === 0) contents = doc.contents;
  } catch {
    lines.lineStarts = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines.addNewLine(i + 1);
  }
  return locate(text, lines, contents, offset, fieldNames);
}

function parseProblem(at: Place, what: string): Problem {
  return { path: at.path, message: `not valid YAML/JSON at line ${at.line}, column ${at.column}: ${what}` };
}

type Range = readonly [number, number, number] | null | undefined;
const inside = (range: Range, offset: number) => !!range && offset >= range[0] && offset < range[2];
const rangeOf = (node: unknown): Range => (node as { range?: Range } | null)?.range;

/** The path of known field names (and indices) down to the node holding `offset`. */
function pathAt(node: unknown, offset: number, fieldNames: ReadonlySet<string>): PropertyKey[] {
  if (isMap(node)) {
    for (const pair of node.items) {
      // From the key's start to the value's end: a tag or anchor sits between them, outside both ranges.
      const start = rangeOf(pair.key)?.[0], end = rangeOf(pair.value)?.[2] ?? rangeOf(pair.key)?.[2];
      if (start === undefined || end === undefined || offset < start || offset >= end) continue;
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== "string" || !fieldNames.has(key)) return [];
      return [key, ...pathAt(pair.value, offset, fieldNames)];
    }
  }
  if (isSeq(node)) {
    const index = node.items.findIndex((item) => inside(rangeOf(item), offset));
    if (index >= 0) return [index, ...pathAt(node.items[index], offset, fieldNames)];
  }
  return [];
}

/** Offset of the first alias with no anchor of that name before it (toJS would throw, quoting the name). */
function danglingAlias(doc: ReturnType<typeof parseDocument>): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) !== undefined) return;
      found = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return found;
}

/** Every string (value or key) holding a lone surrogate, with the path of known names and its offset. */
function loneSurrogates(
  node: unknown,
  path: PropertyKey[],
  fieldNames: ReadonlySet<string>,
): { path: PropertyKey[]; offset: number }[] {
  if (isScalar(node)) {
    const lone = typeof node.value === "string" && hasLoneSurrogate(node.value);
    return lone ? [{ path, offset: node.range?.[0] ?? 0 }] : [];
  }
  if (isSeq(node)) return node.items.flatMap((item, i) => loneSurrogates(item, [...path, i], fieldNames));
  if (!isMap(node)) return [];
  return node.items.flatMap((pair) => {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key === "string" && hasLoneSurrogate(key)) {
      return [{ path, offset: rangeOf(pair.key)?.[0] ?? 0 }];
    }
    const named = typeof key === "string" && fieldNames.has(key);
    return loneSurrogates(pair.value, named ? [...path, key] : path, fieldNames);
  });
}
