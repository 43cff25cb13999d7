// A run's human lines on a terminal follow the one style rule (src/colour.ts): the live countdown line only
// where erase-line works (not TERM=dumb), colour only there and when NO_COLOR is unset or empty
// (no-color.org). Before, provision ignored TERM=dumb and took an empty NO_COLOR as "no colour" while the QR
// code took it as "colour" (hostile review of issue 13).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { runReplay } from "../helpers/replay.ts";

const YAML = "version: 1\ninterface: wlan2\nnetworks:\n  - { id: home, method: wps-pbc, ssid: LabNet }\n";

describe("provision's lines on a terminal", () => {
  const cases = [
    ["TERM=dumb: no live line, no colour", { TERM: "dumb", NO_COLOR: undefined }, false, false],
    ["NO_COLOR=1: the live line, no colour", { TERM: "xterm", NO_COLOR: "1" }, true, false],
    [
      "an empty NO_COLOR (not set, says no-color.org): live line and colour",
      { TERM: "xterm", NO_COLOR: "" },
      true,
      true,
    ],
  ] as const;
  for (const [label, env, live, colour] of cases) {
    it(label, async () => {
      const run = await runReplay({ scenario: "success", yaml: YAML, tty: true, env });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(
        run.stderr.includes("\r\u001b[2K"),
        live,
        `the live line's erase: ${JSON.stringify(run.stderr)}`,
      );
      const coloured = ["31", "32", "33"].some((c) => run.stderr.includes(`\u001b[${c}m`));
      assert.equal(coloured, colour, `colour codes: ${JSON.stringify(run.stderr)}`);
      assert.match(run.stderr, /provisioned in/);
    });
  }
});
