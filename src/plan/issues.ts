// Our own wording for the schema's problems that carry no message of ours (zod's defaults read
// "Invalid input: expected array, received object"): one line saying what the field must be. Pure.

/** The part of a zod issue (as its error map sees it) this wording needs; `input` is never shown. */
export interface RawIssue {
  code: string;
  expected?: unknown;
  input?: unknown;
  values?: readonly unknown[];
  minimum?: unknown;
  maximum?: unknown;
}

/** What to call a kind of value zod expected or saw. */
const KIND: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping (key: value)",
  null: "null",
};

/** A one-line message for an issue without a message of ours; never quotes the input (it may be a secret). */
export function issueMessage(issue: RawIssue): string {
  switch (issue.code) {
    case "invalid_type": {
      const want = KIND[String(issue.expected)] ?? String(issue.expected);
      if (issue.input === undefined) return `is required (${want})`;
      return `must be ${want} (got ${kindOf(issue.input)})`;
    }
    case "invalid_value":
      return `must be ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(" or ")}`;
    case "too_small":
      return `must be at least ${String(issue.minimum)}`;
    case "too_big":
      return `must be at most ${String(issue.maximum)}`;
    default:
      return "is not a valid value here";
  }
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return KIND[typeof value] ?? typeof value;
}
