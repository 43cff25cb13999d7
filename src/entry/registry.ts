// Where main.ts finds the command bundles when they were inlined into one script (bundled.ts) instead of
// being embedded as separate modules it imports at run time.

/** One command bundle: runs argv, returns the exit code. */
export interface Entry {
  run(argv: string[], io: import("../cli/io_port.ts").Io): Promise<number>;
}

/** The bundles main.ts chooses from: file commands only, or every command. */
export type EntryName = "files" | "supplicant";

const KEY = Symbol.for("wifiprov.entries");

/** Records inlined bundles (called once, before main.ts runs). */
export function registerEntries(entries: Record<EntryName, Entry>): void {
  (globalThis as { [KEY]?: Record<EntryName, Entry> })[KEY] = entries;
}

/** The inlined bundle of that name, if this build inlined them. */
export function registeredEntry(name: EntryName): Entry | undefined {
  return (globalThis as { [KEY]?: Record<EntryName, Entry> })[KEY]?.[name];
}
