// The driver list a supplicant started by wifiprov gets (`wpa_supplicant -D <list>`): its default and its
// validation, shared by the file schema and the command line (kept apart so the CLI need not load zod).

/**
 * The Linux Wi-Fi driver interfaces Debian's wpa_supplicant is built with (CONFIG_DRIVER_NL80211 and
 * CONFIG_DRIVER_WEXT in its build config; names from hostap `src/drivers/driver_nl80211.c`, `driver_wext.c`).
 * `wired`, `macsec_linux` and `none` are built too but cannot do WPS on a radio.
 */
export const SUPPLICANT_DRIVERS: readonly string[] = ["nl80211", "wext"];

/** The published manual procedure's choice: nl80211 first, the old wireless extensions as a fallback. */
export const DEFAULT_SUPPLICANT_DRIVER = "nl80211,wext";

/**
 * Checks a `-D` driver list: names separated by commas, tried in order (mirrors hostap
 * `wpa_supplicant_set_driver()`, which splits at ',' and takes the first name that initialises). Returns
 * null when the list is usable, otherwise the problem as a sentence fragment ("must ..."). An unknown name is
 * counted, not quoted: the text may come from the provisioning file, whose values no message repeats.
 */
export function driverListProblem(value: string): string | null {
  const names = value.split(",");
  const known = SUPPLICANT_DRIVERS.join(", ");
  for (const [i, name] of names.entries()) {
    if (name === "") return `must be driver names separated by commas, like "${DEFAULT_SUPPLICANT_DRIVER}"`;
    if (!SUPPLICANT_DRIVERS.includes(name)) return `has an unknown driver as name ${i + 1} (known: ${known})`;
  }
  if (new Set(names).size !== names.length) return "must not name a driver twice";
  return null;
}
