// The keys of the provisioning file format, and how an unknown key is reported without repeating it: a key
// is text from the file (a passphrase typed where a key goes would be one), so only a near miss of one of
// our own names is named, as the name meant; any other is given by line and column.
import { provisioningFileSchema } from "./schema.ts";
import type { Problem } from "./plan.ts";
import { formatPath } from "./path.ts";
import type { Place } from "./document.ts";

/** Every key the file format knows: the only keys an error message may show. */
export const FIELD_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(provisioningFileSchema.shape),
  ...provisioningFileSchema.shape.networks.element.options.flatMap((o) => Object.keys(o.shape)),
  "env",
  "file",
]);

/** A typo of a known name: letters only and at most two edits away (`verison`, `pasphrase`). */
function meantField(key: string): string | undefined {
  if (!/^[A-Za-z]{2,32}$/.test(key)) return undefined;
  return [...FIELD_NAMES].find((name) => editDistance(key, name) <= 2);
}

/** The problem for an unknown key under `parent`, located by `place` when the key is not a near miss. */
export function unknownKeyProblem(
  parent: readonly PropertyKey[],
  key: string,
  place: Place | undefined,
): Problem {
  // One of our own names in the wrong place (a `pin` on a wps-pbc network) is safe to show as it is.
  if (FIELD_NAMES.has(key)) return { path: formatPath([...parent, key]), message: "unknown key" };
  const meant = meantField(key);
  if (meant !== undefined) {
    return { path: formatPath([...parent, key]), message: `unknown key (did you mean "${meant}"?)` };
  }
  const where = place ? ` at line ${place.line}, column ${place.column}` : "";
  return { path: formatPath(parent), message: `unknown key${where} (not shown: it is text from the file)` };
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
