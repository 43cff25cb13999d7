import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AppDeps, runProvision } from "../../src/run/app.ts";
import type { ManagerFacts } from "../../src/manager/detect.ts";
import { EXIT, exitCodeFor } from "../../src/report/report.ts";
import { EnvironmentError } from "../../src/errors.ts";

const NM_FACTS: ManagerFacts = {
  processes: [{ pid: 310, name: "NetworkManager", argv: ["/usr/sbin/NetworkManager", "--no-daemon"] }],
  ifaceExists: true,
  ifaceUp: true,
  ctrlSocketIn: () => false,
};

/** Deps whose supplicant control records that it was asked for and then fails like a missing wpa_cli. */
function deps(facts: ManagerFacts, touched: string[]): AppDeps {
  return {
    secrets: { env: () => undefined, readFile: () => Promise.resolve({ ok: false, reason: "unused" }) },
    control: () => {
      touched.push("control");
      throw new EnvironmentError("wpa-cli-missing", "wpa_cli not found (test)");
    },
    clock: { now: () => Date.now() },
    signal: new AbortController().signal,
    emit: () => {},
    managers: (iface) => {
      touched.push(`probe ${iface}`);
      return Promise.resolve(facts);
    },
  };
}

async function request(extra: string) {
  const out = await fs.mkdtemp(join(tmpdir(), "wifiprov-manager-"));
  const fileText = `version: 1\ninterface: wlan0\n${extra}networks:\n  - { id: home, method: wps-pbc }\n`;
  // The per-interface lock in the test's own folder: these runs end without teardown (the lock stays held).
  return { fileText, cli: { outputDir: out, lockDir: join(out, "locks") }, dryRun: false, force: false };
}

describe("the run stops when another manager owns the interface", () => {
  it("reports NetworkManager with exit 3 before touching the supplicant or the output folder", async () => {
    const touched: string[] = [];
    const req = await request("");
    const r = await runProvision(req, deps(NM_FACTS, touched));
    assert.equal(r.kind, "report");
    if (r.kind !== "report") return;
    assert.equal(r.report.error?.reason, "managed-by-networkmanager");
    assert.match(r.report.error?.message ?? "", /NetworkManager/);
    assert.deepEqual(r.report.networks.map((n) => n.status), ["not-run"]);
    assert.equal(exitCodeFor(r.report), EXIT.environment);
    assert.deepEqual(touched, ["probe wlan0"]);
    assert.deepEqual(await fs.readdir(req.cli.outputDir), [], "no lock, no probe file, nothing written");
  });

  it("goes ahead with ignoreManager in the file", async () => {
    const touched: string[] = [];
    const r = await runProvision(await request("ignoreManager: true\n"), deps(NM_FACTS, touched));
    assert.equal(r.kind === "report" && r.report.error?.reason, "wpa-cli-missing");
    assert.deepEqual(touched, ["control"]);
  });

  it("goes ahead with --ignore-manager on the command line", async () => {
    const touched: string[] = [];
    const req = await request("");
    const r = await runProvision(
      { ...req, cli: { ...req.cli, ignoreManager: true } },
      deps(NM_FACTS, touched),
    );
    assert.equal(r.kind === "report" && r.report.error?.reason, "wpa-cli-missing");
    assert.deepEqual(touched, ["control"]);
  });

  it("goes ahead when nobody else manages the interface", async () => {
    const touched: string[] = [];
    const free = { ...NM_FACTS, processes: [] };
    const r = await runProvision(await request(""), deps(free, touched));
    assert.equal(r.kind === "report" && r.report.error?.reason, "wpa-cli-missing");
    assert.deepEqual(touched, ["probe wlan0", "control"]);
  });
});
