// The QR code of a DPP URI for people: on a terminal (two rows per character), and as SVG or PNG files for
// label printing. Uses the `qrcode` package (npm) for the encoding and the image formats.
import QRCode from "qrcode";

/** DPP URIs are upper/lower case and symbols: byte mode; error correction M as phone apps scan it well. */
const OPTIONS = { errorCorrectionLevel: "M" } as const;

/** ISO/IEC 18004's quiet zone: four light modules on every side. */
const QUIET_MODULES = 4;

/** How the terminal code is drawn: `colour` gives explicit colours, else plain blocks for a dark terminal. */
export interface QrTerminalOptions {
  colour: boolean;
}

const DARK_ON_LIGHT = "\x1b[30;47m"; // black foreground on a white background, whatever the terminal's own
const RESET = "\x1b[0m";

/**
 * The QR code as terminal text (Unicode half blocks, two module rows per line, a 4-module quiet zone), for
 * stderr on a TTY; every line, the last included, ends with a newline. With colour, dark modules are drawn
 * black on white so the code reads dark-on-light on any terminal; without, blocks mark the light modules.
 */
export function qrTerminal(uri: string, options: QrTerminalOptions = { colour: true }): string {
  const { size, data } = QRCode.create(uri, OPTIONS).modules;
  const side = size + 2 * QUIET_MODULES;
  const dark = (x: number, y: number) => {
    const mx = x - QUIET_MODULES;
    const my = y - QUIET_MODULES;
    return mx >= 0 && my >= 0 && mx < size && my < size && data[my * size + mx] === 1;
  };
  // The glyph's foreground marks dark modules (colour) or light ones (plain blocks).
  const inked = (x: number, y: number) => y < side && dark(x, y) === options.colour;
  let out = "";
  for (let y = 0; y < side; y += 2) {
    let line = "";
    for (let x = 0; x < side; x++) line += glyph(inked(x, y), inked(x, y + 1));
    out += options.colour ? `${DARK_ON_LIGHT}${line}${RESET}\n` : `${line}\n`;
  }
  return out;
}

function glyph(top: boolean, bottom: boolean): string {
  return top ? (bottom ? "█" : "▀") : (bottom ? "▄" : " ");
}

/** The QR code as an SVG document. */
export async function qrSvg(uri: string): Promise<string> {
  return await QRCode.toString(uri, { ...OPTIONS, type: "svg", margin: 4 });
}

/** The QR code as PNG bytes (8 pixels per module). */
export async function qrPng(uri: string): Promise<Uint8Array> {
  return new Uint8Array(await QRCode.toBuffer(uri, { ...OPTIONS, type: "png", scale: 8, margin: 4 }));
}
