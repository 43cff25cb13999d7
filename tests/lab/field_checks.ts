// The lab's checks for issue 10's field kinds, as a table: scenario name → checks on its evidence
// (scripts/lab/guest/scenarios/<name>.sh, helpers in guest/field.sh). suite.ts turns each into an `it`.
import assert from "node:assert/strict";
import type { Evidence } from "./evidence.ts";
import {
  bytes,
  comparable,
  credentials,
  effective,
  fieldReport,
  keyValues,
  networkBlock,
  networkRows,
  ssidValue,
  tokens,
} from "./field_evidence.ts";

/** One check of one scenario's evidence. */
export interface FieldCheck {
  title: string;
  check: (e: Evidence) => void;
}

const AP_A = "02:00:00:00:00:00";
const STA_MAC = "02:00:00:00:02:00";
/** Must match UUID_A / UUID_B in scripts/lab/guest/field.sh. */
const UUID_A = "5f3c1a2e-8b4d-4e6f-9a7b-0c1d2e3f4a5b";
const UUID_B = "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d";
/** Every passphrase of the field scenarios (guest/field.sh and LAB_PASS in guest/lib.sh). */
const SECRETS = [
  "correct horse battery staple",
  "elsewhere passphrase",
  "an old wrong passphrase",
  "old cafe passphrase",
  "homenet passphrase 24",
  "five gig passphrase 5",
  "tkip passphrase 1234",
  "padnet passphrase 77",
  "other passphrase 99",
];
const text = (b: Uint8Array) => new TextDecoder().decode(b);

// ---- shared checks -------------------------------------------------------------------------------------

const noSecrets: FieldCheck = {
  title: "no passphrase in the report or on stderr",
  check: (e) => {
    for (const file of ["report.json", "agent-stderr.txt"]) {
      for (const secret of SECRETS) assert.ok(!e.text(file).includes(secret), `${file} shows "${secret}"`);
    }
  },
};

function provisioned(id: string, ssid: string, bssid = AP_A): FieldCheck {
  return {
    title: `provisioned: exit 0, ${id}.conf (0600) names ${
      JSON.stringify(ssid)
    }, a fresh supplicant connects`,
    check: (e) => {
      assert.equal(e.exitCode(), 0, e.agentStderr());
      const n = e.network(id);
      assert.equal(n.status, "provisioned", e.agentStderr());
      assert.equal(n.ssid, ssid, "report ssid");
      assert.equal(n.bssid ?? bssid, bssid, "report bssid");
      assert.equal(e.outputModes().get(`${id}.conf`), "600", e.text("modes.txt"));
      const block = networkBlock(e.written(`${id}.conf`));
      assert.equal(text(ssidValue(block.get("ssid"))), ssid, `${id}.conf ssid (${block.get("ssid")})`);
      const proof = e.proof(id);
      assert.equal(proof.result, "COMPLETED", e.text(`proof-${id}.txt`));
      assert.equal(proof.status.get("bssid"), bssid, "the proof connected to the expected AP");
    },
  };
}

function failed(status: string, exitCode = 1): FieldCheck {
  return {
    title: `${status}: exit ${exitCode}, nothing written`,
    check: (e) => {
      assert.equal(e.exitCode(), exitCode, e.agentStderr());
      assert.equal(e.report().networks[0]?.status, status, e.agentStderr());
      assert.deepEqual([...e.outputModes().keys()], [], "no files in the output folder");
    },
  };
}

/** The lab built the system supplicant as the issue describes, and looked again >= 15 s after the run. */
const systemConfigSetUp: FieldCheck = {
  title: "lab: the system config has a comment, update_config=1, Elsewhere, LabNet, a disabled network, 0600",
  check: (e) => {
    const before = text(bytes(e, "before-config.bytes"));
    assert.match(before, /^# System config/m);
    assert.match(before, /^update_config=1$/m);
    assert.equal(e.text("before-config.mode").trim(), "600");
    assert.deepEqual(comparable(networkRows(e, "before")), [
      "0\tElsewhere\tany\tenabled",
      "1\tLabNet\tany\tenabled",
      "2\tOldCafe\tany\tDISABLED",
    ]);
    assert.ok(
      Number(e.text("after-delay-seconds")) >= 15,
      `after snapshot ${e.text("after-delay-seconds")} s`,
    );
  },
};

const configUntouched: FieldCheck = {
  title: "the system config is byte-identical, same sha256 and mode, no temp file, >= 15 s after the run",
  check: (e) => {
    assert.deepEqual(
      text(bytes(e, "after-config.bytes")),
      text(bytes(e, "before-config.bytes")),
      "config text",
    );
    assert.deepEqual(bytes(e, "after-config.bytes"), bytes(e, "before-config.bytes"), "config bytes");
    assert.equal(e.text("after-config.sha256"), e.text("before-config.sha256"));
    assert.equal(e.text("after-config.mode"), e.text("before-config.mode"), "mode");
    assert.equal(e.text("after-config-dir.txt"), e.text("before-config-dir.txt"), "files beside the config");
  },
};

const settingsRestored: FieldCheck = {
  title: "update_config, wps_cred_processing and log_level are as before the run",
  check: (e) => assert.equal(e.text("after-settings.txt"), e.text("before-settings.txt")),
};

const networksAsBefore: FieldCheck = {
  title: "list_networks after equals before (ids, SSIDs, BSSIDs, DISABLED flag): nothing added remains",
  check: (e) => assert.deepEqual(comparable(networkRows(e, "after")), comparable(networkRows(e, "before"))),
};

/** After a success: the networks before, plus exactly one with SSID `ssid`, the one the station is on. */
function oneNetworkKept(ssid: string, statusFile: string): FieldCheck {
  return {
    title:
      `list_networks after = before + exactly one network (${ssid}), the one the station is connected with`,
    check: (e) => {
      const before = comparable(networkRows(e, "before"));
      const after = networkRows(e, "after");
      const kept = after.filter((r) => !before.includes(comparable([r])[0]!));
      assert.deepEqual(
        comparable(after.filter((r) => !kept.includes(r))),
        before,
        "every earlier network as before",
      );
      assert.equal(kept.length, 1, `exactly one extra network:\n${e.text("after-networks.txt")}`);
      assert.equal(kept[0]?.ssid, ssid);
      const status = keyValues(e, statusFile);
      assert.equal(status.get("wpa_state"), "COMPLETED", e.text(statusFile));
      assert.equal(status.get("id"), kept[0]?.id, "connected with the kept network");
    },
  };
}

function systemConfigChecks(outcome: FieldCheck[], kept: boolean): FieldCheck[] {
  return [
    systemConfigSetUp,
    ...outcome,
    configUntouched,
    settingsRestored,
    kept ? oneNetworkKept("LabNet", "after-status.txt") : networksAsBefore,
    noSecrets,
  ];
}

// ---- extra_cred scenarios ------------------------------------------------------------------------------

/** hostapd sent exactly the Credentials of the extra_cred file (a witness enrollee received them). */
function delivered(
  file: string,
  expected: Array<{ ssidHex: string; auth: number; encr: number }>,
): FieldCheck {
  return {
    title: `lab: hostapd's M8 carried exactly ${file} (${expected.length} credential(s), as intended)`,
    check: (e) => {
      assert.match(e.text("witness-result.txt"), /^WPS-SUCCESS/, "the witness enrollee completed WPS");
      const received = e.text("witness-creds.txt").trim().split("\n").join("");
      assert.equal(
        received,
        e.text(file).trim(),
        "received credentials = the extra_cred file, byte for byte",
      );
      const creds = credentials(received).map((c) => ({
        ssidHex: Array.from(c.ssid, (b) => b.toString(16).padStart(2, "0")).join(""),
        auth: c.authType,
        encr: c.encrType,
        mac: c.mac,
      }));
      assert.deepEqual(creds, expected.map((x) => ({ ...x, mac: STA_MAC })));
    },
  };
}

const hex = (s: string) =>
  Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, "0")).join("");
const TWO_CREDS = [
  { ssidHex: hex("HomeNet-5G"), auth: 0x20, encr: 0x08 },
  { ssidHex: hex("HomeNet"), auth: 0x20, encr: 0x08 },
];
const TKIP_CRED = [{ ssidHex: hex("TkipNet"), auth: 0x02, encr: 0x04 }];

/** The station keeps only the network that connected (HomeNet); the other band's network is gone. */
const multiCredNetworks: FieldCheck = {
  title: "the station keeps one network, HomeNet, connected; no HomeNet-5G network remains",
  check: (e) => {
    assert.deepEqual(comparable(networkRows(e, "before")), [], "the station started without networks");
    const after = networkRows(e, "after");
    assert.deepEqual(after.map((r) => r.ssid), ["HomeNet"], e.text("after-networks.txt"));
    assert.equal(keyValues(e, "connected-network.txt").get("id"), after[0]?.id, "connected with it");
  },
};

/** Kind 3's rule: the written proto/pairwise/key_mgmt are what the connected network has. */
const writtenAsConnected: FieldCheck = {
  title: "tkip.conf's proto, pairwise and key_mgmt equal get_network of the network that connected",
  check: (e) => {
    const connected = keyValues(e, "connected-network.txt");
    assert.equal(connected.get("ssid"), '"TkipNet"', e.text("connected-network.txt"));
    const block = networkBlock(e.written("tkip.conf"));
    for (const field of ["proto", "pairwise", "key_mgmt"] as const) {
      assert.equal(
        effective(block, field),
        tokens(connected.get(field) ?? ""),
        `${field} written vs connected`,
      );
    }
  },
};

// ---- the table -----------------------------------------------------------------------------------------

/** Every field scenario's checks; keys are scenario names in scripts/lab/run.ts's SCENARIOS. */
export const FIELD_CHECKS: Record<string, FieldCheck[]> = {
  "system-config": systemConfigChecks([provisioned("home", "LabNet")], true),
  "system-config-nokeep": systemConfigChecks([provisioned("home", "LabNet")], false),
  "system-config-timeout": systemConfigChecks([failed("timeout")], false),
  "system-config-overlap": systemConfigChecks([failed("overlap")], false),
  "system-config-mismatch": systemConfigChecks([failed("ssid-mismatch")], false),
  "system-config-sigterm": systemConfigChecks([{
    title:
      "SIGTERM mid-walk (WPS had the system's networks disabled): exit 130, interrupted, nothing written",
    check: (e) => {
      const sig = keyValues(e, "sigterm.txt");
      assert.equal(sig.get("mid-walk"), "yes", e.text("sigterm.txt"));
      assert.match(sig.get("sigterm") ?? "", /^\d+$/, "SIGTERM was sent to the agent");
      assert.match(e.text("sigterm-networks.txt"), /Elsewhere.*DISABLED/);
      assert.equal(e.exitCode(), 130, e.agentStderr());
      assert.equal(fieldReport(e).interrupted, true);
      assert.deepEqual([...e.outputModes().keys()], [], "no files in the output folder");
    },
  }], false),
  "multi-cred": [
    delivered("creds-multi.hex", TWO_CREDS),
    provisioned("home", "HomeNet"),
    multiCredNetworks,
    noSecrets,
  ],
  "multi-cred-nossid": [
    delivered("creds-multi.hex", TWO_CREDS),
    provisioned("home", "HomeNet"),
    multiCredNetworks,
    noSecrets,
  ],
  "tkip-mixed": [
    delivered("creds-tkip.hex", TKIP_CRED),
    provisioned("tkip", "TkipNet"),
    writtenAsConnected,
    noSecrets,
  ],
  "tkip-only": [
    delivered("creds-tkip.hex", TKIP_CRED),
    {
      title: "lab: the proof AP is TKIP-only (wpa=1), and hostapd refuses WPS there",
      check: (e) => {
        assert.match(e.text("hostapd-wlan0.conf"), /^wpa=1$/m);
        assert.match(e.text("hostapd-wlan0.conf"), /^wpa_pairwise=TKIP$/m);
        assert.match(
          e.text("hostapd-wlan0.log"),
          /WPA\/TKIP configuration without WPA2\/CCMP\/GCMP forced WPS/,
        );
      },
    },
    provisioned("tkip", "TkipNet"),
    {
      title: "the file connects to the TKIP-only AP with TKIP",
      check: (e) =>
        assert.equal(e.proof("tkip").status.get("pairwise_cipher"), "TKIP", e.text("proof-tkip.txt")),
    },
    writtenAsConnected,
    noSecrets,
  ],
  "nul-ssid": [
    delivered("creds-pad.hex", [{ ssidHex: hex("PadNet") + "00".repeat(26), auth: 0x20, encr: 0x08 }]),
    provisioned("pad", "PadNet"),
    {
      title: "pad.conf's SSID is exactly the 6 bytes PadNet (trailing NULs stripped)",
      check: (e) =>
        assert.deepEqual(
          ssidValue(networkBlock(e.written("pad.conf")).get("ssid")),
          new TextEncoder().encode("PadNet"),
        ),
    },
    noSecrets,
  ],
  "same-uuid": [uuidsSetUp(UUID_A, UUID_A), provisioned("home", "LabNet"), noSecrets],
  "diff-uuid": [uuidsSetUp(UUID_A, UUID_B), failed("overlap"), noSecrets],
  rfkill: [
    {
      title: "lab: only the station phy's rfkill is soft-blocked and its supplicant says INTERFACE_DISABLED",
      check: (e) => {
        const blocked = e.text("rfkill.txt").split("\n").filter((l) => l.includes("soft=1"));
        assert.equal(blocked.length, 1, e.text("rfkill.txt"));
        assert.equal(blocked[0]?.split(" ")[0], e.text("rfkill-station.txt").split(" ")[0]);
        assert.equal(keyValues(e, "before-status.txt").get("wpa_state"), "INTERFACE_DISABLED");
      },
    },
    {
      title: "exit 3 before the button is ever asked for, a reason that names the blocked/disabled radio",
      check: (e) => {
        const report = fieldReport(e);
        assert.equal(e.exitCode(), 3, e.agentStderr());
        // The right behaviour is to stop at once, not to wait out the plan's 60 s: the agent never arms WPS
        // (no "press the WPS button" line). The field case's 5 s is met on a quiet host; two guests sharing
        // two cores stretch the agent's own start to ~10 s, so the time bound only proves no timeout was
        // waited out (speed belongs in `deno task bench`).
        assert.doesNotMatch(e.agentStderr(), /press the WPS button/, "WPS was armed");
        const ms = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
        assert.ok(ms < 30_000, `the run took ${ms} ms`);
        const why = `${report.error?.reason ?? ""} ${report.error?.message ?? ""}`;
        assert.match(why, /rfkill|blocked|disabled/i, `report error: ${JSON.stringify(report.error)}`);
      },
    },
    noSecrets,
  ],
};

/** The two APs carry the intended uuid= and the station saw that UUID-E (0x1047) in each AP's WPS IE. */
function uuidsSetUp(a: string, b: string): FieldCheck {
  return {
    title: `lab: AP A and AP B were seen in PBC before the agent, announcing UUID-E ${
      a === b ? "(the same)" : "(different)"
    } in their WPS IE`,
    check: (e) => {
      for (const [file, uuid] of [["bss-a.txt", a], ["bss-b.txt", b]] as const) {
        const ie = keyValues(e, file).get("ie") ?? "";
        assert.ok(ie.includes(`10470010${uuid.replaceAll("-", "")}`), `${file} ie= carries UUID-E ${uuid}`);
      }
      for (const bssid of [AP_A, "02:00:00:00:01:00"]) {
        assert.match(
          e.text("scan-before.txt"),
          new RegExp(`^${bssid}\\s.*\\[WPS-PBC\\]`, "m"),
          `${bssid} in PBC`,
        );
      }
      assert.match(e.text("hostapd-wlan0.log"), /WPS-PBC-ACTIVE/);
      assert.match(e.text("hostapd-wlan1.log"), /WPS-PBC-ACTIVE/);
    },
  };
}
