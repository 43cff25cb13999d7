import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { decideAssembled, type TargetFacts } from "../../src/config/decide.ts";
import { SECRET_NOTICE, wifiprovWrote } from "../../src/config/render.ts";

const OURS =
  `# ${SECRET_NOTICE}\nctrl_interface=/var/run/wpa_supplicant\nupdate_config=1\n\nnetwork={\n\tssid="A"\n}\n`;
const NEW = OURS.replace('"A"', '"B"');
const HAND = 'ctrl_interface=/var/run/wpa_supplicant\nnetwork={\n\tssid="Mine"\n\tpsk="x"\n}\n';

function facts(text: string | null): TargetFacts {
  if (text === null) return { kind: "absent" };
  return { kind: "file", bytes: new TextEncoder().encode(text), mode: 0o600, ours: wifiprovWrote(text) };
}

describe("decideAssembled", () => {
  const cases: Array<[string, string | null, boolean, string]> = [
    ["creates the file when absent", null, false, "write"],
    ["leaves an identical file alone", NEW, false, "keep"],
    ["replaces a file wifiprov wrote", OURS, false, "replace"],
    ["keeps a hand-written file", HAND, false, "conflict"],
    ["replaces a hand-written file with --force", HAND, true, "replace"],
    [
      "keeps a file that only mentions wifiprov further down",
      `# mine\n# ${SECRET_NOTICE}\n`,
      false,
      "conflict",
    ],
  ];
  for (const [name, existing, force, expected] of cases) {
    it(name, () => assert.equal(decideAssembled("/x.conf", NEW, force, facts(existing)).action, expected));
  }
});

describe("wifiprovWrote", () => {
  it("reads only the first line", () => {
    assert.equal(wifiprovWrote(OURS), true);
    assert.equal(wifiprovWrote(HAND), false);
    assert.equal(wifiprovWrote(`\n# ${SECRET_NOTICE}\n`), false);
  });
});
