// Pure: a provisioning file's text with every inline secret replaced, for the `<file>.done` copy that
// `--consume` leaves behind (often on a world-readable boot partition). `{ env }`/`{ file }` references
// are kept: they name a secret without holding it.
import { isAlias, isScalar, parseDocument, visit } from "yaml";

/** Keys whose string value is a secret (plan/schema.ts); a new secret field must be added here. */
export const SECRET_KEYS: ReadonlySet<string> = new Set(["passphrase", "psk", "pin"]);

/** What a redacted value reads. */
export const REDACTED = "<redacted by wifiprov>";

/** Text of a file that could not be parsed again: nothing of it is kept. */
const NOTHING_KEPT = "# consumed by wifiprov; the content was not kept\n";

/**
 * The same document with the string value of every SECRET_KEYS key replaced by REDACTED (through an
 * alias too: the anchored value itself is redacted). Comments and layout are kept as the yaml library
 * re-prints them; text that no longer parses yields a comment only.
 */
export function redactSecrets(text: string): string {
  const doc = parseDocument(text, { uniqueKeys: true, strict: true, prettyErrors: false, logLevel: "error" });
  if (doc.errors.length > 0) return NOTHING_KEPT;
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !SECRET_KEYS.has(String(pair.key.value))) return;
      const value = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
      if (isScalar(value) && typeof value.value === "string") {
        value.value = REDACTED;
        value.type = "QUOTE_DOUBLE";
      }
    },
  });
  return doc.toString();
}
