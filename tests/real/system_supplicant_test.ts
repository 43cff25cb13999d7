// The system-supplicant guarantees and the secret channel, against a real wpa_supplicant and the real
// interactive wpa_cli (Debian's, `-D wired` on a veth in a private namespace; needs root, installs
// wpasupplicant with apt when missing). WPS itself needs radios: that is the lab's part.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { wpaCliControl } from "../../src/adapters/wpa_cli.ts";
import { leaseSupplicant } from "../../src/run/supplicant_lease.ts";
import { resolveSettings } from "../../src/plan/settings.ts";
import { classifyReply, parseNetworkList } from "../../src/wpa/replies.ts";
import { ensureWpaSupplicant, startWiredSupplicant, type WiredSupplicant } from "./wired_supplicant.ts";

const SYSTEM_CONFIG = (ctrlDir: string) =>
  `# the user's own comment, kept as written
ctrl_interface=${ctrlDir}
update_config=1

network={
\tssid="Elsewhere"
\tpsk="elsewhere passphrase"
}

network={
\tssid="LabNet"
\tpsk="an old passphrase"
\tdisabled=1
}
`;

function control(s: WiredSupplicant) {
  return wpaCliControl({
    wpaCli: "wpa_cli",
    wpaSupplicant: "wpa_supplicant",
    iface: s.iface,
    ctrlDir: s.ctrlDir,
    drivers: "wired",
    secretEnvNames: [],
  });
}

/** ids, SSIDs, BSSIDs and the DISABLED flag of list_networks: what the run must give back unchanged. */
function networks(s: WiredSupplicant) {
  return parseNetworkList(s.cli("list_networks")).map((n) => ({
    id: n.id,
    ssid: n.ssid,
    bssid: n.bssid,
    disabled: n.disabled,
  }));
}

async function snapshot(path: string): Promise<{ bytes: string; mode: number }> {
  return { bytes: await fs.readFile(path, "latin1"), mode: (await fs.stat(path)).mode & 0o777 };
}

describe("a real system wpa_supplicant (wired, no radio)", () => {
  before(() => ensureWpaSupplicant());

  let sys: WiredSupplicant;
  before(async () => (sys = await startWiredSupplicant(SYSTEM_CONFIG)));
  after(async () => await sys?.stop());

  it("is held with update_config 0 and report-only credentials, and given back byte for byte", async () => {
    const fileBefore = await snapshot(sys.confPath);
    const listBefore = networks(sys);
    const settings = resolveSettings({ iface: sys.iface, ctrlDir: sys.ctrlDir }, {});
    const lease = await leaseSupplicant(control(sys), settings, () => {}, new AbortController().signal);
    assert.equal(sys.cli("get", "update_config").trim(), "0");
    assert.equal(sys.cli("get", "wps_cred_processing").trim(), "1");
    // What a trial does: add a network with its key through the secret channel, select it, remove it.
    const id = sys.cli("add_network").trim();
    assert.equal(
      (await lease.driver.requestSecret(["set_network", id, "psk", '"trial passphrase"'])).kind,
      "ok",
    );
    sys.cli("set_network", id, "ssid", '"TrialNet"');
    sys.cli("select_network", id);
    assert.ok(
      networks(sys).filter((n) => n.ssid !== "TrialNet").every((n) => n.disabled),
      "select disabled all",
    );
    sys.cli("remove_network", id);
    await lease.release();
    assert.deepEqual(networks(sys), listBefore, "the same networks, ids and enabled state");
    assert.equal(sys.cli("get", "update_config").trim(), "1");
    assert.equal(sys.cli("get", "wps_cred_processing").trim(), "0");
    assert.deepEqual(
      await snapshot(sys.confPath),
      fileBefore,
      "the config file is byte-identical, same mode",
    );
  });

  it("answers every command inline exactly as a one-shot wpa_cli prints it", async () => {
    const driver = await control(sys).open();
    try {
      const commands = [
        ["list_networks"],
        ["log_level"],
        ["get", "update_config"],
        ["get_network", "0", "ssid"],
        ["get_network", "1", "disabled"],
        ["status"],
        ["scan_results"],
        ["set", "no_such_setting", "1"],
      ];
      // Side by side, as the lease's reads run: the channel keeps one command in flight at a time.
      const inline = await Promise.all(commands.map((c) => driver.request(c)));
      for (const [i, c] of commands.entries()) {
        assert.deepEqual(inline[i], classifyReply(sys.cli(...c)), c.join(" "));
      }
    } finally {
      await driver.close();
    }
  });

  it("would have noticed a write: save_config with update_config=1 rewrites the file (the check can fail)", async () => {
    const before = await snapshot(sys.confPath);
    sys.cli("save_config");
    const after = await snapshot(sys.confPath);
    assert.notEqual(after.bytes, before.bytes, "the supplicant's own writer drops the comment");
    await fs.writeFile(sys.confPath, before.bytes, { encoding: "latin1", mode: 0o600 });
    await fs.chmod(sys.confPath, before.mode);
  });
});

describe("the secret channel (interactive wpa_cli stdin) on a real supplicant", () => {
  before(() => ensureWpaSupplicant());

  let sup: WiredSupplicant;
  before(
    async () => (sup = await startWiredSupplicant((ctrl) => `ctrl_interface=${ctrl}\nupdate_config=1\n`)),
  );
  after(async () => await sup?.stop());

  const PASSPHRASES = [
    'pa"ss \\ #word x',
    "  leading and trailing  ",
    "'single' \"double\" \\back\\",
    "#starts with a hash",
    "semi;colon $(id) `tick` && |pipe",
    "x".repeat(62) + "}",
    'ends with a quote"',
  ];

  it("delivers every printable passphrase byte-exact, as the supplicant's own writer shows", async () => {
    const driver = await control(sup).open();
    try {
      for (const [i, pass] of PASSPHRASES.entries()) {
        const id = sup.cli("add_network").trim();
        sup.cli("set_network", id, "ssid", `"Net${i}"`);
        const reply = await driver.requestSecret(["set_network", id, "psk", `"${pass}"`]);
        assert.equal(reply.kind, "ok", `set_network psk for case ${i}`);
      }
      const hex = "0123456789abcdef".repeat(4);
      const hexId = sup.cli("add_network").trim();
      sup.cli("set_network", hexId, "ssid", '"HexNet"');
      assert.equal((await driver.requestSecret(["set_network", hexId, "psk", hex])).kind, "ok");
      assert.equal(sup.cli("save_config").trim(), "OK");
      const saved = await fs.readFile(sup.confPath, "utf8");
      const psks = [...saved.matchAll(/^\tpsk=(.*)$/gm)].map((m) => m[1]);
      assert.deepEqual(psks, [...PASSPHRASES.map((p) => `"${p}"`), hex]);
    } finally {
      await driver.close();
    }
  });

  it("keeps events out of replies: add_network answers its id, the event it causes reaches the session", async () => {
    const driver = await control(sup).open();
    try {
      const added = await driver.request(["add_network"]);
      assert.equal(added.kind, "data");
      const id = added.kind === "data" ? added.text : "";
      assert.match(id, /^\d+$/, "the reply is the id alone, no event line in it");
      const event = await driver.nextEvent(5000);
      assert.deepEqual([event?.name, event?.args], ["CTRL-EVENT-NETWORK-ADDED", id]);
      assert.deepEqual(await driver.request(["remove_network", id]), { kind: "ok" });
      assert.equal((await driver.nextEvent(5000))?.name, "CTRL-EVENT-NETWORK-REMOVED");
    } finally {
      await driver.close();
    }
  });

  it("answers a refused secret command as a failure, not as data", async () => {
    const driver = await control(sup).open();
    try {
      const reply = await driver.requestSecret(["set_network", "999", "psk", '"no such network"']);
      assert.equal(reply.kind, "fail");
    } finally {
      await driver.close();
    }
  });
});
