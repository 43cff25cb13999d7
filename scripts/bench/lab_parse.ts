// Reads what the guest's bench scenario left per run (pure): timestamped output, the supplicant's -t log,
// the independent monitor and the written file's mtime, turned into one timing record per run.
// All times are seconds of the guest's wall clock, the clock wpa_supplicant's -t log uses.

/** One line as busybox `ts '%.s'` wrote it: "1795613869.337233 text". */
export interface Stamped {
  t: number;
  text: string;
}

/** Parses `ts '%.s'` output; lines without a timestamp are skipped. */
export function parseStamped(text: string): Stamped[] {
  const lines: Stamped[] = [];
  for (const line of text.split("\n")) {
    // [\s\S]: wpa_cli redraws its prompt with "\r", which `.` would not match.
    const m = /^(\d+\.\d+) ?([\s\S]*)$/.exec(line);
    if (m) lines.push({ t: Number(m[1]), text: m[2]! });
  }
  return lines;
}

/** A command run between BENCH-START and BENCH-END markers, with its own output lines in between. */
export interface TimedRun {
  start: number;
  end: number;
  lines: Stamped[];
}

/** Splits the timestamped stdout of `bench_timed`; undefined when either marker is missing. */
export function parseTimed(text: string): TimedRun | undefined {
  const all = parseStamped(text);
  const start = all.findIndex((l) => l.text === "BENCH-START");
  const end = all.findIndex((l) => l.text === "BENCH-END");
  if (start < 0 || end < start) return undefined;
  return { start: all[start]!.t, end: all[end]!.t, lines: all.slice(start + 1, end) };
}

/** Time of the first `event` in a wpa_supplicant -t log at or after `after` ("1795613796.72: wlan2: EVENT"). */
export function supplicantEventTime(log: string, event: string, after: number): number | undefined {
  for (const line of log.split("\n")) {
    const m = /^(\d+\.\d+): \S+: (\S+)/.exec(line);
    if (m && m[2] === event && Number(m[1]) >= after) return Number(m[1]);
  }
  return undefined;
}

/** Time of the first `event` an interactive wpa_cli printed ("> \r<3>EVENT ..."), at or after `after`. */
export function monitorEventTime(
  lines: readonly Stamped[],
  event: string,
  after: number,
): number | undefined {
  const pattern = new RegExp(`<\\d+>${event.replace(/[-]/g, "\\-")}(?:\\s|$)`);
  return lines.find((l) => l.t >= after && pattern.test(l.text))?.t;
}

/** busybox `stat -c %y` ("2026-11-25 13:37:43.768975362 +0000") as epoch seconds with the fraction kept. */
export function parseStatTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))? ([+-])(\d\d)(\d\d)/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, sign, oh, om] = m as unknown as string[];
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
  const offset = (sign === "-" ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60);
  return utc - offset + (frac ? Number(`0.${frac}`) : 0);
}

/** The files of one run directory, as text ("" when missing). */
export interface RunFiles {
  stdout: string;
  stderr: string;
  rc: string;
  monitor: string;
  supplicantLog: string;
  mtime: string;
}

/** Everything timed about one run; the optional fields are absent when the evidence lacks them. */
export interface RunTiming {
  variant: string;
  round: number;
  ok: boolean;
  failure?: string;
  /** From just before the command started until it exited, in ms. */
  totalMs?: number;
  /** CTRL-EVENT-CONNECTED: the supplicant's -t log when it has the line, else the monitor. */
  connectedAt?: number;
  connectedSource?: "supplicant log" | "monitor";
  logConnectedAt?: number;
  monitorConnectedAt?: number;
  /** The written config's mtime (the agent's home.conf; the supplicant's own file after save_config). */
  writtenAt?: number;
  /** The report's finishedAt (agent only). */
  finishedAt?: number;
  /** When the first line of the report reached the pipe (agent only). */
  reportAt?: number;
  exitAt?: number;
  /** The command's own stdout lines with their times (the baseline's milestones). */
  milestones?: Stamped[];
  /** Where the time went, in ms, from the supplicant's events as the monitor saw them. */
  phases?: Phases;
  /**
   * Start → the first WPS-PBC-ACTIVE: "ready for the button", until `wps_pbc` was sent and accepted. Apart
   * from the phases: without a BSSID the agent sends `wps_pbc` before any scan.
   */
  readyMs?: number;
}

/** A run cut at the supplicant's events: the parts the agent controls and the parts the radio does. */
export interface Phases {
  /** Start → first CTRL-EVENT-SCAN-STARTED: process start and talking to the supplicant before scanning. */
  beforeScan: number;
  /** → WPS-PBC-ACTIVE: the scan, reading its results and sending wps_pbc. */
  scanToPbc: number;
  /** → CTRL-EVENT-CONNECTED: the supplicant's WPS exchange and the connection with the new credential. */
  pbcToConnected: number;
  /** → exit: writing the file, restoring the supplicant, the report, the process exit. */
  connectedToExit: number;
}

/** The phases of a run from the monitor's events; undefined when one of them is missing. */
export function phasesOf(monitor: readonly Stamped[], start: number, end: number): Phases | undefined {
  const scan = monitorEventTime(monitor, "CTRL-EVENT-SCAN-STARTED", start);
  const pbc = scan === undefined ? undefined : monitorEventTime(monitor, "WPS-PBC-ACTIVE", scan);
  const connected = pbc === undefined ? undefined : monitorEventTime(monitor, "CTRL-EVENT-CONNECTED", pbc);
  if (scan === undefined || pbc === undefined || connected === undefined) return undefined;
  const ms = (a: number, b: number) => (b - a) * 1000;
  return {
    beforeScan: ms(start, scan),
    scanToPbc: ms(scan, pbc),
    pbcToConnected: ms(pbc, connected),
    connectedToExit: ms(connected, end),
  };
}

function failed(variant: string, round: number, failure: string): RunTiming {
  return { variant, round, ok: false, failure };
}

/** Turns one run's evidence into its timing record. */
export function timeRun(variant: string, round: number, files: RunFiles): RunTiming {
  const timed = parseTimed(files.stdout);
  if (!timed) return failed(variant, round, "no BENCH-START/BENCH-END in stdout.ts");
  const rc = files.rc.trim();
  const isAgent = variant.startsWith("agent");
  let finishedAt: number | undefined;
  if (isAgent) {
    let report: { ok?: unknown; finishedAt?: unknown; networks?: Array<{ status?: unknown }> };
    try {
      report = JSON.parse(timed.lines.map((l) => l.text).join("\n"));
    } catch {
      return failed(variant, round, `no JSON report on stdout (exit code ${rc || "unknown"})`);
    }
    if (report.ok !== true) return failed(variant, round, `report not ok (exit code ${rc})`);
    // "unchanged" is a success too, but one without an enrolment: not a provisioning time.
    const status = report.networks?.[0]?.status;
    if (status !== "provisioned") return failed(variant, round, `network status ${String(status)}`);
    finishedAt = typeof report.finishedAt === "string" ? Date.parse(report.finishedAt) / 1000 : undefined;
  }
  if (rc !== "0") return failed(variant, round, `exit code ${rc || "unknown"}`);
  const logConnectedAt = supplicantEventTime(files.supplicantLog, "CTRL-EVENT-CONNECTED", timed.start);
  const monitor = parseStamped(files.monitor);
  const monitorConnectedAt = monitorEventTime(monitor, "CTRL-EVENT-CONNECTED", timed.start);
  const phases = phasesOf(monitor, timed.start, timed.end);
  const connectedAt = logConnectedAt ?? monitorConnectedAt;
  const writtenAt = parseStatTime(files.mtime);
  const timing: RunTiming = {
    variant,
    round,
    ok: true,
    totalMs: (timed.end - timed.start) * 1000,
    exitAt: timed.end,
    milestones: timed.lines,
  };
  if (connectedAt !== undefined) {
    timing.connectedAt = connectedAt;
    timing.connectedSource = logConnectedAt !== undefined ? "supplicant log" : "monitor";
  }
  if (logConnectedAt !== undefined) timing.logConnectedAt = logConnectedAt;
  if (monitorConnectedAt !== undefined) timing.monitorConnectedAt = monitorConnectedAt;
  if (writtenAt !== undefined) timing.writtenAt = writtenAt;
  if (finishedAt !== undefined) timing.finishedAt = finishedAt;
  if (isAgent && timed.lines.length > 0) timing.reportAt = timed.lines[0]!.t;
  if (phases) timing.phases = phases;
  const pbcAt = monitorEventTime(monitor, "WPS-PBC-ACTIVE", timed.start);
  if (pbcAt !== undefined) timing.readyMs = (pbcAt - timed.start) * 1000;
  return timing;
}
