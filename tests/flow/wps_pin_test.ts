// wps-pin end to end against the fake supplicant (tests/fake/wpa_pin.mjs): the generated PIN shown and typed
// into the router, a wrong PIN, nobody typing, and a PIN typed only after the supplicant's walk ended twice.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { commandNames, runReplay } from "../helpers/replay.ts";
import { reportSchema } from "../../src/report/schemas.ts";

const GENERATED = "40319780"; // the fixtures' generatedPin

const yaml = (extra = "") =>
  `version: 1
interface: wlan2
networks:
  - id: home
    method: wps-pin
    ssid: LabNet
${extra}`;

async function state(run: { stateDir: string }): Promise<{ pinArms?: string[] }> {
  return JSON.parse(await fs.readFile(join(run.stateDir, "state.json"), "utf8"));
}

async function events(path: string): Promise<Array<Record<string, unknown>>> {
  return (await fs.readFile(path, "utf8")).trim().split("\n").map((l) => JSON.parse(l));
}

describe("provision a wps-pin network", () => {
  it("shows the supplicant's PIN, and once the router has it writes the proven config", async () => {
    const run = await runReplay({ scenario: "pin_success", yaml: yaml(), args: ["--events-file", "REPORT"] });
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.ok(reportSchema.safeParse(report).success);
    const net = report.networks[0];
    assert.deepEqual([net.method, net.status, net.wpsPin, net.ssid], [
      "wps-pin",
      "provisioned",
      GENERATED,
      "LabNet",
    ]);
    const conf = await fs.readFile(join(run.outDir, "home.conf"), "utf8");
    assert.match(conf, /psk="correct horse battery staple"/);
    assert.equal((await fs.stat(join(run.outDir, "home.conf"))).mode & 0o777, 0o600);
    assert.match(run.stderr, /home: enter the PIN 40319780 on the router's WPS page \(120 s\)/);
    const names = commandNames(run);
    assert.deepEqual(names.filter((c) => c.startsWith("wps_")), ["wps_pin any"], names.join(", "));
    assert.ok(names.indexOf("set wps_cred_processing 1") < names.indexOf("wps_pin any"));
    assert.ok(names.includes("set wps_cred_processing 0"), "the supplicant is given back as found");
    const lines = await events(join(run.outDir, "..", "last-report.json"));
    const active = lines.find((e) => e.type === "wps-active");
    assert.equal(active?.wpsPin, GENERATED);
    assert.equal(lines[0]?.method, "wps-pin");
  });

  it("ends with wps-failed when the router was given another PIN, and cancels WPS", async () => {
    const run = await runReplay({ scenario: "pin_wrong", yaml: yaml() });
    assert.equal(run.code, 1, run.stderr);
    const net = JSON.parse(run.stdout).networks[0];
    assert.equal(net.status, "wps-failed");
    assert.deepEqual(net.wps, { msg: 8, configError: 18 });
    assert.match(net.message, /^the access point was given a different PIN/);
    assert.equal(net.wpsPin, GENERATED);
    assert.deepEqual(await fs.readdir(run.outDir).catch(() => []), [], "nothing written");
    assert.ok(commandNames(run).includes("wps_cancel"));
  });

  it("re-arms with the same PIN after every walk and reports timeout when nobody types it", async () => {
    const run = await runReplay({ scenario: "pin_timeout", yaml: yaml(), args: ["--timeout", "4"] });
    assert.equal(run.code, 1, run.stderr);
    const net = JSON.parse(run.stdout).networks[0];
    assert.deepEqual([net.status, net.wpsPin], ["timeout", GENERATED]);
    const pins = commandNames(run).filter((c) => c.startsWith("wps_pin"));
    assert.ok(pins.length >= 3, pins.join(", "));
    assert.deepEqual(pins, ["wps_pin any", ...Array(pins.length - 1).fill(`wps_pin any ${GENERATED}`)]);
    const arms = (await state(run)).pinArms ?? [];
    assert.ok(arms.every((p) => p === GENERATED), arms.join(", "));
    const names = commandNames(run);
    assert.ok(names.lastIndexOf("wps_cancel") > names.lastIndexOf(`wps_pin any ${GENERATED}`));
  });

  it("succeeds when the PIN is typed in only after the supplicant's walk ended twice", async () => {
    const run = await runReplay({ scenario: "pin_rearm", yaml: yaml(), args: ["--timeout", "10"] });
    assert.equal(run.code, 0, run.stderr);
    const net = JSON.parse(run.stdout).networks[0];
    assert.deepEqual([net.status, net.wpsPin], ["provisioned", GENERATED]);
    const arms = (await state(run)).pinArms ?? [];
    assert.ok(arms.length >= 3, `armed ${arms.length} times`);
    assert.ok(arms.every((p) => p === GENERATED));
  });
});
