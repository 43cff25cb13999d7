// Which plain control commands may reach the supplicant a second time, by a one-shot wpa_cli, after their
// inline delivery failed because the interactive wpa_cli died with them (a signal to the whole process group).

/**
 * Commands that only read, or that stop or undo what the run did (the clean-up's `wps_cancel`,
 * `dpp_stop_listen`, `remove_network`, `enable_network`, the settings given back): sent twice, they leave
 * the supplicant as sent once. Anything that creates or starts something (`add_network`, `wps_pbc`,
 * `wps_pin`, `dpp_bootstrap_gen`, `dpp_listen`, `scan`, `select_network`, `set_network`, ...) is not here:
 * its inline copy may have been carried out before the monitor died, and a second one would start it again.
 */
export const REPEATABLE_COMMANDS: ReadonlySet<string> = new Set([
  "ping",
  "status",
  "get",
  "get_network",
  "list_networks",
  "scan_results",
  "bss",
  "log_level",
  "set",
  "enable_network",
  "disable_network",
  "remove_network",
  "wps_cancel",
  "dpp_stop_listen",
  "dpp_bootstrap_remove",
]);

/**
 * Whether a plain command (never one sent with `requestSecret`) whose inline copy was lost with the monitor
 * may be sent again as a one-shot call: its name (the first word, as typed) is in REPEATABLE_COMMANDS.
 */
export function safeToRepeat(args: readonly string[]): boolean {
  return REPEATABLE_COMMANDS.has(args[0] ?? "");
}
