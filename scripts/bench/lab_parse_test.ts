// Checks of the benchmark's pure parts (run with `deno test scripts/bench/`; not part of `deno task test`).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { monitorEventTime, parseStamped, parseStatTime, parseTimed, timeRun } from "./lab_parse.ts";
import { labTimingRows } from "./lab_rows.ts";
import { median } from "./stats.ts";
import { atMost } from "./table.ts";

const AGENT_STDOUT = [
  "1795614278.137243 BENCH-START",
  '1795614284.593275 {"ok": true, "networks": [{"status": "provisioned"}],',
  '1795614284.593505  "finishedAt": "2026-11-25T13:44:44.500Z"}',
  "1795614284.616668 BENCH-END",
].join("\n");

const MONITOR = [
  "1795614284.261693 > \r<3>CTRL-EVENT-DISCONNECTED bssid=02:00:00:00:00:00 reason=3",
  "1795614284.370394 > \r<3>CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:00:00 completed [id=0 id_str=]",
].join("\n");

describe("parseStamped", () => {
  it("keeps lines that carry wpa_cli's carriage returns", () => {
    assert.equal(parseStamped(MONITOR).length, 2);
  });
});

describe("parseTimed", () => {
  it("returns the lines between the markers with start and end", () => {
    const timed = parseTimed(AGENT_STDOUT)!;
    assert.equal(timed.start, 1795614278.137243);
    assert.equal(timed.end, 1795614284.616668);
    assert.equal(timed.lines.length, 2);
  });

  it("returns undefined without an end marker", () => {
    assert.equal(parseTimed("1.5 BENCH-START\n"), undefined);
  });
});

describe("monitorEventTime", () => {
  it("finds CONNECTED but not CONNECTED-like names", () => {
    const lines = parseStamped(MONITOR + "\n1795614290.0 <3>CTRL-EVENT-CONNECTEDX");
    assert.equal(monitorEventTime(lines, "CTRL-EVENT-CONNECTED", 0), 1795614284.370394);
    assert.equal(monitorEventTime(lines, "CTRL-EVENT-CONNECTED", 1795614285), undefined);
  });
});

describe("parseStatTime", () => {
  it("reads busybox stat -c %y with its nanoseconds and offset", () => {
    const t = parseStatTime("2026-11-25 13:44:44.420000000 +0000")!;
    assert.ok(Math.abs(t - (Date.UTC(2026, 10, 25, 13, 44, 44) / 1000 + 0.42)) < 1e-6);
    assert.equal(parseStatTime("2026-11-25 14:44:44.42 +0100"), t);
  });
});

describe("timeRun and labTimingRows", () => {
  const files = {
    stdout: AGENT_STDOUT,
    stderr: "",
    rc: "0\n",
    monitor: MONITOR,
    supplicantLog: "",
    mtime: "",
  };

  it("times an agent run from the monitor when the log lacks CONNECTED", () => {
    const run = timeRun("agent", 1, files);
    assert.equal(run.ok, true);
    assert.equal(run.connectedSource, "monitor");
    assert.ok(Math.abs(run.reportAt! - run.connectedAt! - 0.222881) < 1e-6);
  });

  it("times ready-for-the-button to the first WPS-PBC-ACTIVE, also when wps_pbc came before any scan", () => {
    const monitor =
      "1795614279.137243 > \r<3>WPS-PBC-ACTIVE \n1795614279.2 > \r<3>CTRL-EVENT-SCAN-STARTED \n" +
      MONITOR;
    const run = timeRun("agent", 1, { ...files, monitor });
    assert.ok(Math.abs(run.readyMs! - 1000) < 1e-3, String(run.readyMs));
    assert.equal(timeRun("agent", 1, files).readyMs, undefined, "no WPS-PBC-ACTIVE, no figure");
  });

  it("leaves out a run whose report is not ok and says why", () => {
    const run = timeRun("agent", 2, { ...files, stdout: AGENT_STDOUT.replace("true", "false"), rc: "1" });
    assert.equal(run.ok, false);
    assert.match(run.failure!, /report not ok/);
  });

  it("reports the lab unavailable rather than a ratio when the baseline never succeeded", () => {
    const rows = labTimingRows([timeRun("agent", 1, files)], "/x");
    assert.equal(rows[0]!.verdict, "unavailable");
  });
});

describe("atMost and median", () => {
  it("passes at the limit and misses just above it", () => {
    assert.equal(atMost(1.05, 1.05, String).verdict, "pass");
    assert.equal(atMost(1.06, 1.05, String).verdict, "miss");
  });

  it("takes the mean of the middle two for an even count", () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
});
