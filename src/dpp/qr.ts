// The QR code of a DPP URI for people: on a terminal (two rows per character), and as SVG or PNG files for
// label printing. Uses the `qrcode` package (npm) for the encoding and the image formats.
import QRCode from "qrcode";

/** DPP URIs are upper/lower case and symbols: byte mode; error correction M as phone apps scan it well. */
const OPTIONS = { errorCorrectionLevel: "M" } as const;

/** The QR code as terminal text (Unicode half blocks), for stderr on a TTY. */
export async function qrTerminal(uri: string): Promise<string> {
  return await QRCode.toString(uri, { ...OPTIONS, type: "utf8" });
}

/** The QR code as an SVG document. */
export async function qrSvg(uri: string): Promise<string> {
  return await QRCode.toString(uri, { ...OPTIONS, type: "svg", margin: 4 });
}

/** The QR code as PNG bytes (8 pixels per module). */
export async function qrPng(uri: string): Promise<Uint8Array> {
  return new Uint8Array(await QRCode.toBuffer(uri, { ...OPTIONS, type: "png", scale: 8, margin: 4 }));
}
