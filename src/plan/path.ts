// Turns zod/JS property paths into the `networks[2].ssid` form users read in error messages.

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Formats a path of keys and indices, e.g. ["networks", 2, "ssid"] → "networks[2].ssid". Keys from the file
 * that are not plain names are JSON-quoted (`["x\ny"]`), so no key can forge a line or a terminal escape.
 */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && PLAIN_KEY.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
