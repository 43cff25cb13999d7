// The WPS enrollee PIN's rules as wpa_supplicant has them: the checksum digit, which PINs it takes, and the
// wrapper that keeps a device's printed PIN (a secret) out of JSON, strings and inspection. Pure.

/**
 * The checksum digit of a PIN's first seven digits (`pin7`, 0–9999999). Mirrors hostap
 * `src/wps/wps_common.c` `wps_pin_checksum()`: digits weighted 3,1,3,1… from the right, then the
 * complement to the next multiple of ten.
 */
export function wpsPinChecksum(pin7: number): number {
  let accum = 0;
  let rest = pin7;
  while (rest > 0) {
    accum += 3 * (rest % 10);
    rest = Math.floor(rest / 10);
    accum += rest % 10;
    rest = Math.floor(rest / 10);
  }
  return (10 - (accum % 10)) % 10;
}

/**
 * True when an 8-digit PIN (as text, leading zeros kept) ends in its checksum digit. Mirrors hostap
 * `wps_pin_valid()`, which `wps_check_pin` applies to 8-digit PINs; `wps_generate_pin()` makes only such PINs
 * (seven random digits plus the checksum).
 */
export function wpsPinChecksumValid(pin8: string): boolean {
  if (!/^\d{8}$/.test(pin8)) return false;
  return wpsPinChecksum(Number(pin8.slice(0, 7))) === Number(pin8[7]);
}

/** Why a fixed PIN was refused; never carries the PIN itself. */
export type PinProblem = "not-digits" | "length" | "checksum";

/**
 * Normalises a printed PIN the way hostap's `wps_check_pin` does (README-WPS: "remove non-digit
 * characters"), restricted to the separators labels print (space, `-`): any other character is refused
 * rather than dropped. Then 4 digits, or 8 whose last is the checksum (`wpa_supplicant/ctrl_iface.c`
 * `wpa_supplicant_ctrl_iface_wps_check_pin`; `FAIL-CHECKSUM` there).
 */
export function normaliseFixedPin(
  text: string,
): { ok: true; digits: string } | { ok: false; problem: PinProblem } {
  if (!/^[\d -]*$/.test(text)) return { ok: false, problem: "not-digits" };
  const digits = text.replace(/[ -]/g, "");
  if (digits.length === 4) return { ok: true, digits };
  if (digits.length !== 8) return { ok: false, problem: "length" };
  return wpsPinChecksumValid(digits) ? { ok: true, digits } : { ok: false, problem: "checksum" };
}

/** The one-line explanation of a refused PIN for `networks[i].pin: …`; the PIN is never echoed. */
export function describePinProblem(problem: PinProblem, text: string): string {
  const rule = "must be 4 digits, or 8 digits whose last is the WPS checksum digit";
  const digits = text.replace(/\D/g, "").length;
  switch (problem) {
    case "not-digits":
      return `${rule} (it holds characters other than digits, spaces and "-")`;
    case "length":
      return `${rule} (got ${digits} digits)`;
    case "checksum":
      return `${rule} (the checksum digit does not match)`;
  }
}

const HIDDEN = "[secret WPS PIN]";

/**
 * A device's printed WPS PIN: a secret like a passphrase. `reveal()` is the only way to its digits, meant
 * for the interactive wpa_cli's stdin; JSON, string conversion and console inspection show a placeholder.
 */
export class FixedPin {
  readonly #digits: string;
  constructor(digits: string) {
    this.#digits = digits;
  }
  /** The digits, for the one command that needs them. */
  reveal(): string {
    return this.#digits;
  }
  toJSON(): string {
    return HIDDEN;
  }
  toString(): string {
    return HIDDEN;
  }
  [Symbol.for("Deno.customInspect")](): string {
    return HIDDEN;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return HIDDEN;
  }
}
