// The narrow port through which the WPS session talks to wpa_supplicant. The production implementation
// (wpa_cli.ts) drives the wpa_cli program with dax; tests pass hand-written fakes.
import type { Reply, WpaEvent } from "./replies.ts";

/** A control connection to one interface's wpa_supplicant. */
export interface WpaDriver {
  /** Sends one control command (e.g. ["wps_pbc", "any"]) and returns the classified reply. */
  request(args: readonly string[]): Promise<Reply>;
  /**
   * Sends a command that carries a secret (e.g. `set_network 3 psk "..."`) through the attached interactive
   * wpa_cli's stdin, never a process argument, and returns its reply. The words are joined with spaces as
   * wpa_cli's own line tokenizer would re-join them.
   */
  requestSecret(args: readonly string[]): Promise<Reply>;
  /**
   * Resolves with the next unsolicited event, or null once `timeoutMs` has passed without one.
   * @throws EnvironmentError (`monitor-gone`) when the event monitor has exited.
   */
  nextEvent(timeoutMs: number): Promise<WpaEvent | null>;
  /** The wpa_cli version its banner named (e.g. "2.10"), when known: it selects the supplicant's rule set. */
  readonly version?: string;
  /** Stops following events and releases the monitor. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts, probes and stops the supplicant itself, and opens drivers on it. */
export interface SupplicantControl {
  /** True when a supplicant answers on the interface's control socket. */
  isRunning(): Promise<boolean>;
  /** Starts `wpa_supplicant -B` on the interface with the given config file. */
  start(configPath: string): Promise<void>;
  /** Asks the supplicant to terminate (only used for one this run started). */
  stop(): Promise<void>;
  /** Opens the event monitor and command channel. */
  open(): Promise<WpaDriver>;
}

/** Moved to src/errors.ts; re-exported while other branches still import it from here. */
export { EnvironmentError } from "../errors.ts";
