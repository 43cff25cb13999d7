// The production WpaDriver: one conversation with a long-lived interactive `wpa_cli` child that carries the
// events and, inline between them, every command of the run; one-shot `wpa_cli` only before it attaches
// (the liveness ping), for `terminate`, and for plain commands once the monitor died. Processes are run
// with dax; the only module that imports it.
import { $ } from "dax-sh";
import { dirname, join } from "node:path";
import { TransformStream } from "node:stream/web";
import type { SupplicantControl } from "../wpa/driver.ts";
import { EnvironmentError, type EnvironmentReason } from "../errors.ts";
import { classifyReply, parseEventLine, type Reply, type WpaEvent } from "../wpa/replies.ts";
import { MonitorLines } from "../wpa/line_queue.ts";
import { safeToRepeat } from "../wpa/repeatable.ts";

/** Programs and paths the driver uses; every one comes from the caller, none is hard-coded here. */
export interface WpaCliSettings {
  wpaCli: string;
  wpaSupplicant: string;
  iface: string;
  ctrlDir: string;
  /** Driver list for a supplicant we start (`-D`), as the manual procedure does. */
  drivers: string;
  /** Environment variables holding secrets (`{ env: NAME }`), never passed on to children. */
  secretEnvNames: readonly string[];
}

/** How long a one-shot command may take before the supplicant is considered hung. */
const REQUEST_TIMEOUT_MS = 15_000;
/** How long the monitor may stay silent before it asks the supplicant whether it is still there. */
const LIVENESS_MS = 5_000;
/** How long the interactive monitor gets to attach and answer its first ping. */
const ATTACH_TIMEOUT_MS = 10_000;

/** Builds the SupplicantControl that drives real wpa_cli/wpa_supplicant programs. */
export function wpaCliControl(s: WpaCliSettings): SupplicantControl {
  return {
    async isRunning() {
      const r = await runWpaCli(s, ["ping"]);
      if (r.code === 255 && /Permission denied/i.test(r.stdout + r.stderr)) throw denied(s);
      if (r.code === 255) return false;
      return r.code === 0 && r.stdout.trim() === "PONG";
    },
    async start(configPath) {
      // The pid file sits beside the scratch config in the run's private folder, never at a guessable path.
      const pidFile = join(dirname(configPath), "wpa_supplicant.pid");
      const r = await $`${s.wpaSupplicant} -B -i ${s.iface} -c ${configPath} -D ${s.drivers} -P ${pidFile}`
        .env(scrubbed(s)).noThrow().stdout("piped").stderr("piped").timeout(REQUEST_TIMEOUT_MS);
      if (r.code === 127) throw missing("wpa-supplicant-missing", s.wpaSupplicant);
      if (r.code !== 0) {
        throw new EnvironmentError(
          "supplicant-start-failed",
          `wpa_supplicant could not start on ${s.iface}: ${firstLine(r.stderr || r.stdout)}`,
        );
      }
    },
    async stop() {
      // After the monitor closed (the lease closes it first): a one-shot call is the only channel left.
      await oneShot(s, ["terminate"]).catch(() => undefined);
    },
    async open() {
      const monitor = await openMonitor(s);
      // One conversation: a command costs a line on the child's stdin instead of a wpa_cli process
      // (fork, exec, socket set-up: ~10-30 ms each on a small board), and secrets take the same path.
      // Once the monitor is gone (killed, or closed) the clean-up still has to give the system supplicant
      // back, so plain commands fall back to one-shot calls; a secret never does (it would be an argv).
      return {
        request: (args) => monitor.usable ? inlineOrRepeat(s, monitor, args) : oneShot(s, args),
        requestSecret: (args) => monitor.inline(args),
        nextEvent: (ms) => monitor.next(ms),
        close: () => monitor.close(),
        ...(monitor.version ? { version: monitor.version } : {}),
      };
    },
  };
}

/**
 * Sends a plain command inline. When the monitor died with it in flight (a signal to the whole process group
 * kills the wpa_cli child too, and its end is seen only while this command waits for its reply), a read or
 * an undo command (wpa/repeatable.ts) is sent again as a one-shot call, so the clean-up's first command is
 * not lost; any other command keeps failing with `monitor-gone` (its inline copy may have been carried out).
 */
async function inlineOrRepeat(s: WpaCliSettings, monitor: Monitor, args: readonly string[]): Promise<Reply> {
  try {
    return await monitor.inline(args);
  } catch (e) {
    const gone = e instanceof EnvironmentError && e.reason === "monitor-gone" && !monitor.usable;
    if (gone && safeToRepeat(args)) return await oneShot(s, args);
    throw e;
  }
}

async function runWpaCli(s: WpaCliSettings, args: readonly string[]) {
  const r = await $`${s.wpaCli} -i ${s.iface} -p ${s.ctrlDir} ${[...args]}`
    .env(scrubbed(s)).noThrow().stdout("piped").stderr("piped").timeout(REQUEST_TIMEOUT_MS);
  if (r.code === 127) throw missing("wpa-cli-missing", s.wpaCli);
  return r;
}

async function oneShot(s: WpaCliSettings, args: readonly string[]): Promise<Reply> {
  const r = await runWpaCli(s, args);
  // wpa_cli exits 0 for OK *and* FAIL, 1 for a command it does not know, 255 when the socket is unreachable.
  if (r.code === 255 && /Permission denied/i.test(r.stdout + r.stderr)) throw denied(s);
  if (r.code === 255) {
    throw new EnvironmentError(
      "supplicant-unreachable",
      `Cannot reach wpa_supplicant on ${s.iface} (control directory ${s.ctrlDir}): ${
        firstLine(r.stdout + r.stderr)
      }`,
    );
  }
  if (r.code === 124) {
    throw new EnvironmentError("supplicant-hung", `wpa_cli ${args[0]} did not answer in time`);
  }
  return classifyReply(r.stdout);
}

/** The interactive wpa_cli child: events out, and the inline command channel of the run. */
interface Monitor {
  next(timeoutMs: number): Promise<WpaEvent | null>;
  /** False once the child's output ended or the monitor was closed. */
  readonly usable: boolean;
  inline(args: readonly string[]): Promise<Reply>;
  version: string | undefined;
  close(): Promise<void>;
}

async function openMonitor(s: WpaCliSettings): Promise<Monitor> {
  const stdin = new TransformStream<Uint8Array, Uint8Array>();
  const writer = stdin.writable.getWriter();
  // No HOME: interactive wpa_cli keeps a history file there, and secret-bearing lines pass through it.
  // A wide COLUMNS: readline echoes what is typed and would otherwise scroll a line longer than 80 columns.
  const child = $`${s.wpaCli} -i ${s.iface} -p ${s.ctrlDir}`
    .env({ ...scrubbed(s), HOME: undefined, COLUMNS: "4096" }).stdin(stdin.readable as never)
    .stdout("piped").stderr("null").noThrow().spawn();
  const lines = new MonitorLines(child.stdout() as unknown as ReadableStream<Uint8Array>, toEvent);
  const send = (text: string) => writer.write(new TextEncoder().encode(`${text}\n`));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    // `quit` plus EOF ends wpa_cli cleanly; a kill's exit code differs between runtimes.
    // Not awaited: a write to a child that already died never completes.
    void send("quit").catch(() => undefined);
    void writer.close().catch(() => undefined);
    const done = await Promise.race([child.then(() => true, () => true), delay(3000).then(() => false)]);
    if (!done) child.kill("SIGKILL");
  };
  // The PONG proves the monitor is attached, so no event of the coming exchange can be missed.
  const attached = await inlineCommand(lines, send, ["ping"], ATTACH_TIMEOUT_MS, s.iface).catch(() => null);
  if (attached === null) {
    await close();
    throw new EnvironmentError("monitor-failed", `wpa_cli could not attach to wpa_supplicant on ${s.iface}`);
  }
  let queue = Promise.resolve();
  const inline = (args: readonly string[]): Promise<Reply> => {
    // One command at a time: its reply lines are those between sending it and the PONG that follows.
    const run = queue.then(() => inlineCommand(lines, send, args, REQUEST_TIMEOUT_MS, s.iface));
    queue = run.then(() => undefined, () => undefined);
    return run.then((r) => r.reply);
  };
  return {
    version: attached.version,
    get usable() {
      return !closed && !lines.ended;
    },
    async next(ms) {
      const end = Date.now() + ms;
      for (;;) {
        const event = await lines.nextEvent(Math.min(LIVENESS_MS, Math.max(0, end - Date.now())));
        if (event !== null) return event;
        if (lines.ended && !closed) {
          throw new EnvironmentError(
            "monitor-gone",
            `the wpa_cli event monitor for ${s.iface} exited unexpectedly`,
          );
        }
        if (Date.now() >= end) return null;
        // Quiet for a while: a supplicant killed without a goodbye (SIGKILL) shows only when asked.
        await inline(["ping"]).catch((e) => {
          if (e instanceof EnvironmentError && e.reason === "monitor-gone") throw e;
          throw new EnvironmentError("supplicant-gone", `wpa_supplicant on ${s.iface} stopped answering`);
        });
      }
    },
    inline,
    close,
  };
}

/**
 * Writes a command and a `ping` to the interactive wpa_cli and collects the reply: the non-event lines
 * before PONG, minus wpa_cli's echo of what was typed. Also picks up the version from the banner.
 */
async function inlineCommand(
  lines: MonitorLines<WpaEvent>,
  send: (text: string) => Promise<void>,
  args: readonly string[],
  timeoutMs: number,
  iface: string,
): Promise<{ reply: Reply; version: string | undefined }> {
  const command = args.join(" ");
  const end = Date.now() + timeoutMs;
  let version: string | undefined;
  const collected: string[] = [];
  // Not awaited: a write to a dead child never completes; its end shows as the stream's end below.
  void send(command).catch(() => undefined);
  if (command !== "ping") void send("ping").catch(() => undefined);
  for (;;) {
    const line = await lines.nextOther(Math.max(0, end - Date.now()));
    if (line === null) {
      if (lines.ended) {
        throw new EnvironmentError("monitor-gone", `the wpa_cli event monitor for ${iface} exited`);
      }
      throw new EnvironmentError("supplicant-hung", `wpa_supplicant on ${iface} did not answer in time`);
    }
    // Only the prompt and readline's line clearing are removed: a reply's own trailing blanks (an SSID
    // ending in a space, a row with empty flags) stay as a one-shot call would print them.
    const text = line.replace(/^[>\s\r]+/, "").replace(/\r+$/, "");
    version ??= /^wpa_cli v(\d+\.\d+)/.exec(text)?.[1];
    if (text.trimEnd() === "PONG") return { reply: classifyReply(collected.join("\n")), version };
    // wpa_cli's own words when the supplicant is gone (hostap wpa_cli.c): the socket is closed after
    // "Connection to wpa_supplicant lost", or the ping itself failed.
    if (
      /^Not connected to wpa_supplicant - command dropped\.$|^'PING' command (failed|timed out)\.$/.test(text)
    ) {
      throw new EnvironmentError("supplicant-gone", `wpa_supplicant on ${iface} stopped answering`);
    }
    // The echo of what we typed (secret included) starts with the command's name, which no reply does, or
    // with "<" when readline scrolled it: never kept.
    if (text.trim() === "" || text.startsWith("<") || isEcho(text, args[0] ?? "") || isEcho(text, "ping")) {
      continue;
    }
    collected.push(text);
  }
}

function isEcho(text: string, name: string): boolean {
  return text === name || text.startsWith(`${name} `);
}

/** Turns a monitor line into an event; a lost connection becomes a synthetic CTRL-EVENT-TERMINATING. */
function toEvent(line: string): WpaEvent | null {
  if (line.includes("Connection to wpa_supplicant lost")) {
    return { name: "CTRL-EVENT-TERMINATING", args: "connection to wpa_supplicant lost", level: 0 };
  }
  return parseEventLine(line);
}

function denied(s: WpaCliSettings): EnvironmentError {
  return new EnvironmentError(
    "supplicant-permission-denied",
    `Permission denied on the control socket ${s.ctrlDir}/${s.iface}: run as root or in the socket's group`,
  );
}

/**
 * Environment overrides for children: the `{ env: NAME }` secrets of the provisioning file are removed, so
 * no wpa_cli call and no wpa_supplicant daemon we start carries them in /proc/<pid>/environ.
 */
function scrubbed(s: WpaCliSettings): Record<string, undefined> {
  return Object.fromEntries(s.secretEnvNames.map((name) => [name, undefined]));
}

function missing(reason: EnvironmentReason, program: string): EnvironmentError {
  return new EnvironmentError(
    reason,
    `"${program}" was not found; install wpa_supplicant (Debian: wpasupplicant)`,
  );
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
