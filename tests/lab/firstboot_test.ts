// The first-boot lab: Debian's systemd boots twice from one persistent disk (scripts/lab/firstboot/). Boot 1
// provisions through the stock units with the AP's button pressed; boot 2 connects without WPS and runs the
// D-Bus-only-supplicant scenario. A lab that cannot build or boot fails every test. WIFIPROV_BINARY picks the
// binary; WIFIPROV_FIRSTBOOT_RUN=<run folder> re-checks an earlier run instead of booting.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { pbkdf2Sync } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_BINARY } from "../../scripts/lab/run.ts";
import { type FirstbootRun, loadFirstbootRun, runFirstboot } from "../../scripts/lab/firstboot/run.ts";
import { sequenceTable } from "../../scripts/lab/firstboot/main.ts";

/** Must match scripts/lab/firstboot/guest/hostapd.conf. */
const SSID = "FirstBootNet";
const PASSPHRASE = "first boot secret 7319";
const PSK_HEX = pbkdf2Sync(PASSPHRASE, SSID, 4096, 32, "sha1").toString("hex");

let run: FirstbootRun | undefined;
let labError: unknown;

/** A text file of boot N's evidence ("" when missing, so assertions say what is absent). */
function evidence(boot: number, name: string): string {
  if (run === undefined) {
    throw new Error(`The first-boot lab did not run: ${(labError as Error)?.message ?? labError}`);
  }
  const b = run.boots.find((x) => x.boot === boot);
  if (b === undefined || b.markers.done === undefined) {
    throw new Error(
      `Boot ${boot} did not finish its checks (${
        b?.timedOut ? "hard limit" : `qemu exit ${b?.exitCode}`
      }); see ` +
        `${run.runDir}/console-boot${boot}.log`,
    );
  }
  try {
    return readFileSync(join(run.runDir, `boot${boot}`, name), "utf8");
  } catch {
    return "";
  }
}

/** `systemctl show` output as a map. */
function unit(boot: number, name: string): Map<string, string> {
  const text = evidence(boot, `unit-${name}.txt`);
  return new Map(
    text.split("\n").filter((l) => l.includes("=")).map((l) => {
      const i = l.indexOf("=");
      return [l.slice(0, i), l.slice(i + 1)] as [string, string];
    }),
  );
}

/** The JSON report wifiprov printed on stdout, as the journal holds it (`-o cat`: one line per line). */
function reportFromJournal(text: string): { ok: boolean; networks: Array<{ id: string; status: string }> } {
  const lines = text.split("\n");
  const start = lines.indexOf("{");
  const end = lines.indexOf("}", start);
  assert.ok(start >= 0 && end > start, `a JSON report in the journal:\n${text}`);
  return JSON.parse(lines.slice(start, end + 1).join("\n"));
}

function assertNoSecret(text: string, where: string): void {
  assert.ok(text.length > 0, `${where} is not empty`);
  assert.ok(!text.includes(PASSPHRASE), `${where} holds the passphrase`);
  assert.ok(!text.toLowerCase().includes(PSK_HEX), `${where} holds the PSK`);
}

before(async () => {
  try {
    const again = process.env.WIFIPROV_FIRSTBOOT_RUN;
    run = again
      ? await loadFirstbootRun(again)
      : await runFirstboot(process.env.WIFIPROV_BINARY ?? DEFAULT_BINARY);
  } catch (e) {
    labError = e;
  }
});

after(() => {
  if (run) console.error(`first-boot sequence:\n${sequenceTable(run)}`);
});

describe("first boot under systemd, boot 1: the AP's button pressed while booting", () => {
  it("runs wifiprov@wlan2 to success and puts the report in the journal and on disk", () => {
    const u = unit(1, "wifiprov@wlan2");
    assert.equal(u.get("ConditionResult"), "yes");
    assert.equal(u.get("Result"), "success", `wifiprov@wlan2:\n${evidence(1, "journal-wifiprov.txt")}`);
    assert.equal(u.get("ExecMainStatus"), "0");
    const fromJournal = reportFromJournal(evidence(1, "journal-wifiprov.txt"));
    assert.equal(fromJournal.ok, true);
    assert.deepEqual(fromJournal.networks.map((n) => [n.id, n.status]), [["home", "provisioned"]]);
    const onDisk = JSON.parse(evidence(1, "etc-wpa_supplicant/last-report.json"));
    assert.deepEqual(onDisk, fromJournal);
    assert.match(evidence(1, "modes.txt"), /^600 \/var\/lib\/wifiprov\/last-report\.json$/m);
  });

  it("writes the network's file and wpa_supplicant-wlan2.conf (wifiprov's header, mode 0600)", () => {
    const modes = evidence(1, "modes.txt");
    assert.match(modes, /^600 \/etc\/wpa_supplicant\/home\.conf$/m);
    assert.match(modes, /^600 \/etc\/wpa_supplicant\/wpa_supplicant-wlan2\.conf$/m);
    const assembled = evidence(1, "etc-wpa_supplicant/wpa_supplicant-wlan2.conf");
    assert.match(assembled.split("\n")[0]!, /^# written by wifiprov/);
    assert.match(assembled, new RegExp(`^\\s*ssid="${SSID}"$`, "m"));
  });

  it("consumes the provisioning file", () => {
    assert.deepEqual(evidence(1, "boot-dir.txt").trim().split("\n").sort(), ["wifiprov.yaml.done"]);
  });

  it("leaves the stock wpa_supplicant@wlan2 unit connected on the file wifiprov wrote", () => {
    assert.equal(run?.boots[0]?.markers.connected?.ok, true, evidence(1, "wpa-status.txt"));
    assert.equal(unit(1, "wpa_supplicant@wlan2").get("ActiveState"), "active");
    assert.equal(
      evidence(1, "supplicant-cmdline.txt").trim(),
      "/sbin/wpa_supplicant -c/etc/wpa_supplicant/wpa_supplicant-wlan2.conf -iwlan2",
    );
    const status = evidence(1, "wpa-status.txt");
    assert.match(status, /^wpa_state=COMPLETED$/m);
    assert.match(status, new RegExp(`^ssid=${SSID}$`, "m"));
  });

  it("keeps every secret out of the journal", () => {
    assertNoSecret(evidence(1, "journal-all.txt"), "boot 1's journal");
  });
});

describe("first boot under systemd, boot 2: the same disk again, no button", () => {
  it("keeps boot 1's journal (persistent disk) and skips wifiprov@wlan2 (nothing to do)", () => {
    assert.equal(evidence(2, "boots.txt").trim().split("\n").filter((l) => /^\s*-?\d+ /.test(l)).length, 2);
    const u = unit(2, "wifiprov@wlan2");
    assert.equal(u.get("ConditionResult"), "no");
    assert.equal(u.get("ActiveState"), "inactive");
    assert.equal(unit(2, "lab-button").get("ConditionResult"), "no", "the button was not pressed");
    assert.doesNotMatch(evidence(2, "journal-boot.txt"), /wifiprov: /);
  });

  it("connects again through the stock unit, without WPS", () => {
    assert.equal(run?.boots[1]?.markers.connected?.ok, true, evidence(2, "wpa-status.txt"));
    assert.match(
      evidence(2, "supplicant-cmdline.txt"),
      /-c\/etc\/wpa_supplicant\/wpa_supplicant-wlan2\.conf/,
    );
    assert.match(evidence(2, "wpa-status.txt"), /^wpa_state=COMPLETED$/m);
  });

  it("keeps every secret out of the journal of both boots", () => {
    assertNoSecret(evidence(2, "journal-all.txt"), "the journal of both boots");
  });
});

describe("a D-Bus-only wpa_supplicant (-u, no control socket) holding wlan2", () => {
  const d = (name: string) => evidence(2, `dbus-only/${name}`);

  it("is really there: wlan2 added over D-Bus, no control socket for it", () => {
    assert.match(d("cmdline.txt"), /^\/sbin\/wpa_supplicant -u -B -P \S+\s*$/);
    assert.match(d("interfaces-before.txt"), /^ao 1 "\/fi\/w1\/wpa_supplicant1\/Interfaces\/\d+"$/m);
    assert.doesNotMatch(d("ctrl-dir.txt"), /wlan2/);
  });

  it("stops wifiprov with exit 3 and a one-line message naming it; nothing written, supplicant untouched", () => {
    assert.equal(d("exit-code").trim(), "3", d("stderr.txt"));
    const report = JSON.parse(d("report.json"));
    assert.equal(report.error.reason, "supplicant-dbus-only");
    assert.deepEqual(report.networks.map((n: { status: string }) => n.status), ["not-run"]);
    const line = d("stderr.txt").split("\n").find((l) => l.includes("D-Bus")) ?? "";
    assert.match(line, /wlan2 is held by a D-Bus-only wpa_supplicant \(pid \d+, -u/);
    assert.equal(d("written.txt").trim(), "");
    assert.equal(d("interfaces-after.txt"), d("interfaces-before.txt"));
    assert.equal(d("supplicant-after.txt").trim(), "running");
  });
});
