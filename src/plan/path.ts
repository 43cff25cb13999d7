// Turns zod/JS property paths into the `networks[2].ssid` form users read in error messages.

/** Formats a path of keys and indices, e.g. ["networks", 2, "ssid"] → "networks[2].ssid". */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}
