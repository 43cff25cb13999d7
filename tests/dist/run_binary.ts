// Runs a built binary (optionally behind a prefix such as qemu) and captures its exit code and output,
// for the dist tests. Stdin is closed so a binary that waits for input fails instead of hanging.
import { spawn } from "node:child_process";

/** What a finished run produced. `code` is null when a signal (e.g. the timeout) ended it. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of one run; `env` is added to the inherited environment. */
export interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
}

/** Runs `[...cmdPrefix, ...args]` and resolves when it exits; rejects only if it cannot be started. */
export function runBinary(cmdPrefix: readonly string[], args: readonly string[], options: RunOptions = {}) {
  const [command, ...rest] = cmdPrefix;
  if (command === undefined) throw new Error("runBinary needs at least the program in cmdPrefix");
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(command, [...rest, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeoutMs ?? 60_000,
      killSignal: "SIGKILL",
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString("utf8");
      resolve({ code, signal, stdout: text(stdout), stderr: text(stderr) });
    });
  });
}

/** A one-line description of a run, for assertion messages. */
export function describeRun(result: RunResult): string {
  return `exit ${result.code ?? result.signal}; stdout: ${JSON.stringify(result.stdout.slice(0, 500))}; ` +
    `stderr: ${JSON.stringify(result.stderr.slice(0, 500))}`;
}
