// The one place the tool's version lives: --version, the report and dist/manifest.json all read it.

/** wifiprov's release version (semver). */
export const VERSION = "0.1.0";
/** Name used in the report's `tool` field and in messages. */
export const TOOL_NAME = "wifiprov";
