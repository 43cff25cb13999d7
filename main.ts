// Composition root (placeholder until the CLI lands): prints the version.
import { VERSION } from "./src/version.ts";

if (import.meta.main) {
  console.log(VERSION);
}
