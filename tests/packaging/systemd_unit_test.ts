import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const UNIT = resolve(import.meta.dirname!, "../../packaging/wifiprov@.service");

/** Installs systemd (for systemd-analyze) when the machine lacks it, as CI machines may. */
function ensureSystemdAnalyze(): void {
  if (spawnSync("systemd-analyze", ["--version"]).status === 0) return;
  execFileSync("apt-get", ["update"], { stdio: "ignore" });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "systemd"], { stdio: "ignore" });
}

/** Verifies the unit with ExecStart pointed at a real executable (verify insists the program exists). */
async function verify(unitText: string): Promise<{ status: number | null; output: string }> {
  const dir = await fs.mkdtemp(join(tmpdir(), "wifiprov-unit-"));
  const stub = join(dir, "wifiprov");
  await fs.writeFile(stub, "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  await fs.writeFile(join(dir, "wifiprov@.service"), unitText.replaceAll("/usr/bin/wifiprov", stub));
  const r = spawnSync("systemd-analyze", ["verify", join(dir, "wifiprov@wlan0.service")], {
    encoding: "utf8",
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

describe("packaging/wifiprov@.service", () => {
  let text = "";
  before(async () => {
    ensureSystemdAnalyze();
    text = await fs.readFile(UNIT, "utf8");
  });

  it("passes systemd-analyze verify without a complaint", async () => {
    const r = await verify(text);
    assert.equal(r.status, 0, r.output);
    assert.equal(r.output, "");
  });

  it("is rejected by the same check when broken (the check can fail)", async () => {
    const r = await verify(text.replace("ExecStart=", "ExecStartX="));
    assert.notEqual(r.status, 0);
  });

  it("runs once, after the interface appears, only when the provisioning file exists", () => {
    assert.match(text, /^Type=oneshot$/m);
    assert.match(text, /^Wants=sys-subsystem-net-devices-%i\.device$/m);
    assert.match(text, /^After=.*sys-subsystem-net-devices-%i\.device/m);
    assert.match(text, /^ConditionPathExists=\/boot\/wifiprov\.yaml$/m);
  });

  it("runs after whatever starts the supplicant on each supported OS family, before network-online", () => {
    const after = [...text.matchAll(/^After=(.*)$/gm)].flatMap((m) => m[1]!.split(/\s+/));
    for (
      const unit of ["wpa_supplicant@%i.service", "dhcpcd.service", "networking.service", "ifup@%i.service"]
    ) {
      assert.ok(after.includes(unit), `After= names ${unit}`);
    }
    assert.match(text, /^Before=network-online\.target$/m);
  });

  it("writes wpa_supplicant-%i.conf for the stock unit and starts that unit only when enabled and not running", () => {
    assert.match(/^ExecStart=(.*)$/m.exec(text)?.[1] ?? "", /--assemble/);
    const post = /^ExecStartPost=(.*)$/m.exec(text)?.[1] ?? "";
    assert.match(post, /systemctl -q is-enabled wpa_supplicant@%i\.service && ! systemctl -q is-active/);
    assert.match(post, /systemctl --no-block start wpa_supplicant@%i\.service/);
  });

  it("writes the report to /var/lib/wifiprov and consumes the file on success", () => {
    const exec = /^ExecStart=(.*)$/m.exec(text)?.[1] ?? "";
    assert.match(exec, /provision \/boot\/wifiprov\.yaml --interface %i/);
    assert.match(exec, /--report-file \/var\/lib\/wifiprov\/last-report\.json/);
    assert.match(exec, /--consume/);
  });
});
