// For a build that cannot load modules at run time (the Node single executable for armv7l is one CommonJS
// script): both command bundles inlined and registered before main.ts runs. sea.ts imports this first.
import * as files from "./files.ts";
import * as supplicant from "./supplicant.ts";
import { registerEntries } from "./registry.ts";

registerEntries({ files, supplicant });
