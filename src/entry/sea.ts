// Entry of the Node single-executable build (armv7l): registers the inlined command bundles, then runs
// main.ts. Import order is evaluation order, so the bundles are registered before main() looks for them.
import "./bundled.ts";
import "../../main.ts";
