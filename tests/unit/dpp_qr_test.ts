// The terminal QR code is decoded the way a terminal shows it: ANSI colours and half blocks turned into a
// bitmap on a dark (light-on-dark) and a light terminal, then compared with qrcode's own module matrix.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import QRCode from "qrcode";
import { qrTerminal } from "../../src/dpp/qr.ts";
import { terminalStyle } from "../../src/colour.ts";

const URI =
  "DPP:C:81/6;M:020000000200;V:2;K:MDkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDIgADg2g7q/v/igxbLF5kObvnHxfwT8HSm1Iq8721e0SwTJ4=;;";

type Terminal = { fg: boolean; bg: boolean }; // true = light

/** The pixels (true = light) a terminal with the given default colours shows for the text. */
function screen(text: string, defaults: Terminal): boolean[][] {
  const rows: boolean[][] = [];
  let fg = defaults.fg;
  let bg = defaults.bg;
  for (const line of text.split("\n").slice(0, -1)) {
    const top: boolean[] = [];
    const bottom: boolean[] = [];
    // deno-lint-ignore no-control-regex -- the ESC of ANSI colour codes
    for (const token of line.match(/\x1b\[[0-9;]*m|[\s\S]/gu) ?? []) {
      if (token.startsWith("\x1b[")) {
        for (const code of token.slice(2, -1).split(";").map(Number)) {
          if (code === 0) [fg, bg] = [defaults.fg, defaults.bg];
          else if (code >= 30 && code <= 37) fg = code === 37;
          else if (code >= 40 && code <= 47) bg = code === 47;
        }
        continue;
      }
      const [t, b] =
        ({ "█": [fg, fg], "▀": [fg, bg], "▄": [bg, fg], " ": [bg, bg] } as Record<string, boolean[]>)[
          token
        ] ?? assert.fail(`unexpected character ${JSON.stringify(token)}`);
      top.push(t!);
      bottom.push(b!);
    }
    rows.push(top, bottom);
  }
  return rows;
}

/** The module matrix (true = dark) inside a light quiet zone of at least four modules, or a failure. */
function decode(pixels: boolean[][], size: number): boolean[][] {
  const first = pixels.findIndex((row) => row.some((p) => !p));
  assert.ok(first >= 4, `a light quiet zone of four rows above the code (found ${first})`);
  const left = pixels[first]!.findIndex((p) => !p);
  assert.ok(left >= 4, `a light quiet zone of four columns left of the code (found ${left})`);
  const modules = pixels.slice(first, first + size).map((row) => row.slice(left, left + size).map((p) => !p));
  for (const row of pixels.slice(0, first).concat(pixels.slice(first + size, first + size + 4))) {
    assert.ok(row.every((p) => p), "the quiet zone above and below is light");
  }
  for (const row of pixels.slice(first, first + size)) {
    assert.ok(row.slice(left - 4, left).concat(row.slice(left + size, left + size + 4)).every((p) => p));
  }
  return modules;
}

function expected(): boolean[][] {
  const { size, data } = QRCode.create(URI, { errorCorrectionLevel: "M" }).modules;
  return Array.from(
    { length: size },
    (_, y) => Array.from({ length: size }, (_, x) => data[y * size + x] === 1),
  );
}

describe("qrTerminal", () => {
  const size = expected().length;
  const dark = { fg: true, bg: false };
  const light = { fg: false, bg: true };
  it("reads dark-on-light with its quiet zone on a light-on-dark terminal", async () => {
    assert.deepEqual(decode(screen(await qrTerminal(URI), dark), size), expected());
  });
  it("reads the same on a dark-on-light terminal", async () => {
    assert.deepEqual(decode(screen(await qrTerminal(URI), light), size), expected());
  });
  it("without colour draws the light modules, right on the usual dark terminal", async () => {
    const text = await qrTerminal(URI, { colour: false });
    assert.ok(!text.includes("\x1b"));
    assert.deepEqual(decode(screen(text, dark), size), expected());
  });
  it("ends its last line with a newline", async () => {
    assert.ok((await qrTerminal(URI)).endsWith("\n"));
    assert.ok((await qrTerminal(URI, { colour: false })).endsWith("\n"));
  });
  it("follows the one style rule (src/colour.ts): colour unless NO_COLOR is non-empty or TERM is dumb", () => {
    assert.deepEqual(terminalStyle(true, { TERM: "xterm-256color" }), { live: true, colour: true });
    assert.deepEqual(terminalStyle(true, { TERM: "linux", NO_COLOR: "1" }), { live: true, colour: false });
    assert.deepEqual(terminalStyle(true, { TERM: "linux", NO_COLOR: "" }), { live: true, colour: true });
    assert.deepEqual(terminalStyle(true, { TERM: "dumb" }), { live: false, colour: false });
    assert.deepEqual(terminalStyle(false, { TERM: "xterm" }), { live: false, colour: false });
  });
});
