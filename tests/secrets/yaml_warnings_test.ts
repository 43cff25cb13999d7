// The YAML library also speaks through process.emitWarning: a mapping used as a key is "stringified due to
// JS Object restrictions", and the warning quotes the key, text from the file (here a passphrase typed
// where a key goes). Parsing must keep the library quiet; its problems reach people only as our own lines.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseProvisioningText } from "../../src/plan/load.ts";

const TEXTS = [
  "version: 1\n? { Summer2024!: 1 }\n: x\nnetworks: []\n",
  "{ version: 1, { Summer2024!: 1 }: x }",
  "version: 1\nnetworks:\n  - { id: a, method: psk, { Summer2024!: 1 }: x }\n",
];

describe("YAML library warnings", () => {
  it("are never emitted while a file is parsed (they would quote text from the file on stderr)", () => {
    const warnings: string[] = [];
    const original = process.emitWarning;
    process.emitWarning =
      ((w: string | Error) => void warnings.push(String(w))) as typeof process.emitWarning;
    try {
      for (const text of TEXTS) parseProvisioningText(text);
    } finally {
      process.emitWarning = original;
    }
    assert.deepEqual(warnings, []);
  });
});
