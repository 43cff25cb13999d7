// Reads what a lab scenario left in its evidence folder (`<runDir>/<scenario>/`), for the lab tests.
// Every reader fails with a message naming the file, so a failing test says what was missing.
import { join } from "node:path";

/** One network's entry in the agent's JSON report (only what the lab checks). */
export interface ReportNetwork {
  id: string;
  method: string;
  status: string;
  ssid?: string;
  bssid?: string;
  configPath?: string;
  durationMs?: number;
  reason?: string;
  message?: string;
  /** `wps-pin`: the generated PIN the agent showed. */
  wpsPin?: string;
  wps?: { msg?: number; configError?: number; reason?: number };
  dppUri?: string;
}

/** The agent's JSON report (only what the lab checks). */
export interface Report {
  schemaVersion: number;
  tool: { name: string; version: string };
  interface: string;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  networks: ReportNetwork[];
}

/** The outcome of `prove`: did a fresh supplicant with the written file reach COMPLETED, and where. */
export interface Proof {
  result: string;
  status: Map<string, string>;
}

/** Accessors for one evidence folder. */
export class Evidence {
  constructor(readonly dir: string) {}

  /** A file's text; fails naming the file when it is missing. */
  text(name: string): string {
    try {
      return Deno.readTextFileSync(join(this.dir, name));
    } catch (e) {
      throw new Error(`Evidence file "${join(this.dir, name)}" is unreadable: ${(e as Error).message}`);
    }
  }

  /** The agent's exit code. */
  exitCode(): number {
    return Number(this.text("exit-code").trim());
  }

  /** The agent's stdout, parsed; fails with the agent's stderr when it is not JSON. */
  report(): Report {
    const raw = this.text("report.json");
    try {
      return JSON.parse(raw) as Report;
    } catch {
      throw new Error(`report.json is not JSON: ${JSON.stringify(raw.slice(0, 300))}\n${this.agentStderr()}`);
    }
  }

  /** The report's entry for one network id. */
  network(id: string): ReportNetwork {
    const found = this.report().networks.find((n) => n.id === id);
    if (found === undefined) {
      throw new Error(`The report has no network "${id}":\n${this.text("report.json")}`);
    }
    return found;
  }

  /** The agent's stderr, for failure messages. */
  agentStderr(): string {
    return `agent stderr:\n${this.text("agent-stderr.txt")}`;
  }

  /** Files the agent left in its output folder, by name, with their octal mode (from `stat` in the guest). */
  outputModes(): Map<string, string> {
    const modes = new Map<string, string>();
    for (const line of this.text("modes.txt").split("\n")) {
      const [mode, , name] = line.split(" ");
      if (mode !== undefined && name !== undefined) modes.set(name, mode);
    }
    return modes;
  }

  /** A copy of a file the agent wrote. */
  written(name: string): string {
    return this.text(join("files", name));
  }

  /** The result of the acceptance check of one written config. */
  proof(name: string): Proof {
    const status = new Map<string, string>();
    for (const line of this.text(`proof-${name}.txt`).split("\n")) {
      const eq = line.indexOf("=");
      if (eq > 0 && !status.has(line.slice(0, eq))) status.set(line.slice(0, eq), line.slice(eq + 1));
    }
    return { result: status.get("result") ?? "missing", status };
  }
}
