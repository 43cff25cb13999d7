import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { decideAssembledWrite, wifiprovWrote } from "../../src/assemble.ts";
import { SECRET_NOTICE } from "../../src/config/render.ts";

const OURS =
  `# ${SECRET_NOTICE}\nctrl_interface=/var/run/wpa_supplicant\nupdate_config=1\n\nnetwork={\n\tssid="A"\n}\n`;
const NEW = OURS.replace('"A"', '"B"');
const HAND = 'ctrl_interface=/var/run/wpa_supplicant\nnetwork={\n\tssid="Mine"\n\tpsk="x"\n}\n';

describe("decideAssembledWrite", () => {
  const cases: Array<[string, string | null, boolean, string]> = [
    ["creates the file when absent", null, false, "create"],
    ["leaves an identical file alone", NEW, false, "unchanged"],
    ["replaces a file wifiprov wrote", OURS, false, "replace"],
    ["keeps a hand-written file", HAND, false, "keep-hand-written"],
    ["replaces a hand-written file with --force", HAND, true, "replace"],
    [
      "keeps a file that only mentions wifiprov further down",
      `# mine\n# ${SECRET_NOTICE}\n`,
      false,
      "keep-hand-written",
    ],
  ];
  for (const [name, existing, force, expected] of cases) {
    it(name, () => assert.equal(decideAssembledWrite(existing, NEW, force), expected));
  }
});

describe("wifiprovWrote", () => {
  it("reads only the first line", () => {
    assert.equal(wifiprovWrote(OURS), true);
    assert.equal(wifiprovWrote(HAND), false);
    assert.equal(wifiprovWrote(`\n# ${SECRET_NOTICE}\n`), false);
  });
});
