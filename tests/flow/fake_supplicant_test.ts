// The stateful fake supplicant (tests/fake/wpa_*.mjs) behaves as wpa_supplicant does where the field tests
// rely on it: with wps_cred_processing=2 and update_config=1 it rewrites its config as issue 10 reports;
// select_network disables every other network; the AP accepts only the handed-out key; stdin commands are
// echoed and answered inline. So a field test that passes is not passing against a fake that cannot fail.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { FAKE_WPA_CLI } from "../helpers/replay.ts";
import { prepareField } from "../helpers/field.ts";

const YAML = "version: 1\nnetworks:\n  - id: home\n    method: wps-pbc\n";

async function fake(scenario: string) {
  const ws = await prepareField(scenario, YAML);
  const env = { ...process.env, ...ws.env };
  const cli = (...args: string[]) =>
    execFileSync("node", [FAKE_WPA_CLI, "-i", "wlan0", ...args], { env, encoding: "utf8" });
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const events = async () => await fs.readFile(join(ws.stateDir, "events.log"), "utf8").catch(() => "");
  return { ws, env, cli, wait, events };
}

describe("the fake wpa_supplicant", () => {
  it("with wps_cred_processing=2 and update_config=1 rewrites its config and drops the user's duplicate", async () => {
    const f = await fake("field_14_system_update_config");
    const confPath = join(f.ws.stateDir, "14-system-update-config.conf");
    f.cli("set", "wps_cred_processing", "2");
    f.cli("wps_pbc");
    // The exchange is over after 50 ms (speed 10); the 10 s re-enable is due after about 1 s.
    await f.wait(300);
    f.cli("__peek", "ping"); // lets the due replayed events run
    const text = await fs.readFile(confPath, "utf8");
    assert.doesNotMatch(text, /^#/m, "comments are gone");
    assert.match(text, /^wps_cred_processing=2$/m);
    assert.match(text, /ssid="Elsewhere"\n\tpsk="elsewhere passphrase"\n\tkey_mgmt=WPA-PSK\n\tdisabled=1\n/);
    assert.match(text, /psk="correct horse battery staple"/);
    assert.doesNotMatch(
      text,
      /the old LabNet passphrase/,
      "wpas_wps_remove_dup_network removed the user's LabNet",
    );
    assert.equal((await fs.stat(confPath)).mode & 0o777, 0o644);
    f.cli("__settle");
    const writes = (await fs.readFile(join(f.ws.stateDir, "config-writes.log"), "utf8")).trim().split("\n");
    assert.deepEqual(writes.map((l) => JSON.parse(l).why), [
      "credential received",
      "re-enabled 1 network(s): 10 s after WPS-SUCCESS",
    ]);
    assert.doesNotMatch(f.cli("list_networks"), /^1\tLabNet/m, "id 1 is gone");
  });

  it("select_network disables every other network; enable_network turns one back on", async () => {
    const f = await fake("field_14_system_update_config");
    f.cli("select_network", "1");
    const rows = f.cli("list_networks").split("\n").slice(1, 4);
    assert.deepEqual(rows.map((r) => r.split("\t")[3]!.includes("[DISABLED]")), [true, false, true]);
    f.cli("enable_network", "0");
    assert.doesNotMatch(f.cli("list_networks").split("\n")[1]!, /DISABLED/);
  });

  it("connects only with the key the registrar handed out; a wrong key is WRONG_KEY", async () => {
    const f = await fake("field_14_system_update_config");
    f.cli("set", "wps_cred_processing", "1");
    f.cli("wps_pbc");
    await f.wait(1500);
    const add = (psk: string) => {
      const id = f.cli("add_network").trim();
      for (const [k, v] of [["ssid", '"LabNet"'], ["key_mgmt", "WPA-PSK"], ["proto", "RSN"], ["psk", psk]]) {
        assert.equal(f.cli("set_network", id, k!, v!), "OK\n");
      }
      return id;
    };
    const wrong = add('"correct horse battery stapl"');
    f.cli("select_network", wrong);
    await f.wait(300);
    f.cli("status");
    assert.match(await f.events(), new RegExp(`SSID-TEMP-DISABLED id=${wrong} .*reason=WRONG_KEY`));
    assert.doesNotMatch(await f.events(), /CTRL-EVENT-CONNECTED/);
    const right = add('"correct horse battery staple"');
    f.cli("select_network", right);
    await f.wait(300);
    assert.match(f.cli("status"), /wpa_state=COMPLETED/);
    assert.match(
      await f.events(),
      new RegExp(
        `CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:00:00 completed \\[id=${right} id_str=\\]`,
      ),
    );
    assert.equal(f.cli("get_network", right, "psk"), "*");
    assert.deepEqual(
      (await fs.readFile(join(f.ws.stateDir, "config-writes.log"), "utf8")).split("\n").filter(Boolean)
        .map((l) => JSON.parse(l).written),
      [true],
      "update_config=1 while WPS re-enabled the networks: the supplicant wrote its config",
    );
  });

  it("answers stdin commands inline after echoing them, and logs them apart from one-shot argv", async () => {
    const f = await fake("field_14_system_update_config");
    const out = spawnSync("node", [FAKE_WPA_CLI, "-i", "wlan0"], {
      env: f.env,
      input: 'ping\nadd_network\nset_network 3 psk "a  spaced passphrase"\nget_network 3 psk\nquit\n',
      encoding: "utf8",
    }).stdout;
    assert.match(out, /^> ping\nPONG\n/m);
    assert.match(out, /^> add_network\n3\n/m);
    assert.ok(out.includes('\n> set_network 3 psk "a  spaced passphrase"\nOK\n'), out);
    assert.match(out, /^> get_network 3 psk\n\*\n/m);
    const stdin = await fs.readFile(join(f.ws.stateDir, "stdin.log"), "utf8");
    assert.match(stdin, /set_network 3 psk/);
    const oneShot = await fs.readFile(join(f.ws.stateDir, "commands.log"), "utf8").catch(() => "");
    assert.doesNotMatch(oneShot, /spaced passphrase/);
  });
});
