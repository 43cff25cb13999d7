import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { generationOf, type TrialContext, trialNetworks } from "../../src/wps/trial_networks.ts";
import { normalizeCredential, type WpsCredential } from "../../src/wpa/credential.ts";
import { parseScanResults } from "../../src/wpa/replies.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const cred = (ssid: string, key: string, authType = 0x20, encrType = 0x08): WpsCredential => ({
  ssid: enc(ssid),
  key: enc(key),
  authType,
  encrType,
  macAddress: "02:00:00:00:00:00",
});
const scan = (...rows: string[]) =>
  parseScanResults(["bssid / frequency / signal level / flags / ssid", ...rows].join("\n"));
const ctx = (extra: Partial<TrialContext> = {}): TrialContext => ({
  generation: "2.10",
  bss: [],
  allowOpen: false,
  ...extra,
});
const only = (r: ReturnType<typeof trialNetworks>) => {
  assert.equal(r.ok, true, JSON.stringify(r));
  return r.ok ? r.networks : [];
};

describe("trialNetworks (mirrors wpa_supplicant_wps_cred)", () => {
  it("turns a WPA2-PSK/AES credential into key_mgmt WPA-PSK, proto RSN, pairwise CCMP", () => {
    const [net] = only(trialNetworks([cred("LabNet", "correct horse")], ctx()));
    assert.deepEqual({ ...net, ssid: undefined, key: undefined }, {
      ssid: undefined,
      key: undefined,
      keyMgmt: "WPA-PSK",
      proto: "RSN",
      pairwise: "CCMP",
    });
  });

  it("turns WPA-PSK/TKIP into proto WPA RSN, pairwise CCMP TKIP since 2.10", () => {
    const [net] = only(trialNetworks([cred("Old", "old router pass", 0x02, 0x04)], ctx()));
    assert.equal(net?.proto, "WPA RSN");
    assert.equal(net?.pairwise, "CCMP TKIP");
  });

  it("keeps WPA-PSK/TKIP as proto WPA, pairwise TKIP on 2.9 when the beacon shows nothing better", () => {
    const bss = scan("02:00:00:00:00:00\t2412\t-30\t[WPA-PSK-TKIP][WPS-PBC][ESS]\tOld");
    const [net] = only(
      trialNetworks([cred("Old", "old router pass", 0x02, 0x04)], ctx({ generation: "2.9", bss })),
    );
    assert.equal(net?.proto, "WPA");
    assert.equal(net?.pairwise, "TKIP");
  });

  it("upgrades WPA/TKIP from the beacon on 2.9 (wpas_wps_security_workaround)", () => {
    const bss = scan(
      "02:00:00:00:00:00\t2412\t-30\t[WPA-PSK-CCMP+TKIP][WPA2-PSK-CCMP+TKIP][WPS-PBC][ESS]\tMix",
    );
    const [net] = only(
      trialNetworks([cred("Mix", "mixed mode pass", 0x02, 0x04)], ctx({ generation: "2.9", bss })),
    );
    assert.equal(net?.proto, "WPA RSN");
    assert.equal(net?.pairwise, "CCMP TKIP");
  });

  it("treats the mixed auth type 0x22 as WPA2-PSK", () => {
    const [net] = only(trialNetworks([cred("Both", "both kinds pass", 0x22, 0x08)], ctx()));
    assert.equal(net?.proto, "RSN");
  });

  it("merges a WPA/TKIP and a WPA2/AES credential of one M8 with the same key (field case 04)", () => {
    const creds = [
      cred("MixNet", "mixed mode pass", 0x02, 0x04),
      cred("MixNet", "mixed mode pass", 0x20, 0x08),
    ];
    for (const generation of ["2.9", "2.10"] as const) {
      const nets = only(trialNetworks(creds, ctx({ generation })));
      assert.equal(nets.length, 1, generation);
      assert.equal(nets[0]?.proto, "WPA RSN", generation);
      assert.equal(nets[0]?.pairwise, "CCMP TKIP", generation);
    }
  });

  it("does not merge credentials of one SSID with different keys", () => {
    const creds = [cred("Twin", "first key pass"), cred("Twin", "second key pass")];
    assert.equal(only(trialNetworks(creds, ctx())).length, 2);
  });

  it("keeps both bands without an expected SSID, in M8 order", () => {
    const nets = only(
      trialNetworks(
        [cred("HomeNet-5G", "two band router pass"), cred("HomeNet", "two band router pass")],
        ctx(),
      ),
    );
    assert.deepEqual(nets.map((n) => new TextDecoder().decode(n.ssid)), ["HomeNet-5G", "HomeNet"]);
  });

  it("keeps only the expected SSID, even when it comes second (field case 01)", () => {
    const nets = only(trialNetworks(
      [cred("HomeNet-5G", "two band router pass"), cred("HomeNet", "two band router pass")],
      ctx({ expectedSsid: enc("HomeNet") }),
    ));
    assert.deepEqual(nets.map((n) => new TextDecoder().decode(n.ssid)), ["HomeNet"]);
  });

  it("says ssid-mismatch with every offered SSID when none is the expected one", () => {
    const r = trialNetworks(
      [cred("A", "passphrase a"), cred("B", "passphrase b")],
      ctx({ expectedSsid: enc("C") }),
    );
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.refusal.kind, "ssid-mismatch");
    if (r.refusal.kind !== "ssid-mismatch") return;
    assert.deepEqual(r.refusal.receivedSsids, [enc("A"), enc("B")]);
  });

  it("adds SAE (ieee80211w=1) when the AP with that SSID advertises it and the key is a passphrase", () => {
    const bss = scan("02:00:00:00:00:00\t2412\t-30\t[WPA2-PSK+SAE-CCMP][WPS-PBC][ESS]\tT");
    const [net] = only(trialNetworks([cred("T", "transition pass")], ctx({ bss })));
    assert.equal(net?.keyMgmt, "WPA-PSK SAE");
    assert.equal(net?.ieee80211w, 1);
    const [hex] = only(trialNetworks([cred("T", "ab".repeat(32))], ctx({ bss })));
    assert.equal(hex?.keyMgmt, "WPA-PSK", "a raw PSK cannot do SAE");
  });

  it("refuses WEP, and open unless allowed", () => {
    const wep = trialNetworks([cred("W", "abcde", 0x01, 0x02)], ctx());
    assert.equal(!wep.ok && wep.refusal.kind === "refused" && wep.refusal.reason, "refused-wep");
    const open = cred("Cafe", "", 0x01, 0x01);
    const refused = trialNetworks([open], ctx());
    assert.equal(!refused.ok && refused.refusal.kind === "refused" && refused.refusal.reason, "refused-open");
    const [allowed] = only(trialNetworks([open], ctx({ allowOpen: true })));
    assert.equal(allowed?.keyMgmt, "NONE");
  });

  it("skips enterprise credentials and refuses when nothing usable remains", () => {
    const r = trialNetworks([cred("Ent", "x".repeat(10), 0x10, 0x08)], ctx());
    assert.equal(!r.ok && r.refusal.kind === "refused" && r.refusal.reason, "refused-unsupported");
  });
});

describe("normalizeCredential (mirrors wps_attr_process.c)", () => {
  it("strips every trailing NUL of a padded SSID (field case 17a)", () => {
    const padded = {
      ...cred("PadNet", "pad net passphrase"),
      ssid: Uint8Array.from([...enc("PadNet"), ...new Uint8Array(26)]),
    };
    const n = normalizeCredential(padded);
    assert.ok(typeof n !== "string");
    if (typeof n === "string") return;
    assert.deepEqual(n.ssid, enc("PadNet"));
  });

  it("drops one trailing NUL from a passphrase and refuses one that still has a control character", () => {
    const one = normalizeCredential(cred("P", "padded passphrase\0"));
    assert.ok(typeof one !== "string" && new TextDecoder().decode(one.key) === "padded passphrase");
    assert.equal(typeof normalizeCredential(cred("P", "padded passphrase\0\0")), "string");
    assert.equal(typeof normalizeCredential(cred("P", "line1\nline2")), "string");
    assert.equal(typeof normalizeCredential(cred("P", "short")), "string");
  });
});

describe("generationOf", () => {
  it("maps wpa_cli versions to the rule set", () => {
    assert.equal(generationOf("2.9"), "2.9");
    assert.equal(generationOf("2.10"), "2.10");
    assert.equal(generationOf("2.11"), "2.10");
    assert.equal(generationOf(undefined), "2.10");
  });
});
