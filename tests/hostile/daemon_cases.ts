// The hostile credentials the fake supplicant hands over, one transcript section and one replay scenario
// each. `deno run -A tests/hostile/daemon_cases.ts` regenerates tests/fixtures/transcripts/hostile_creds.log
// and tests/fixtures/replay/hostile_cred_*.json from this table; daemon_test.ts checks they still match.
import * as fs from "node:fs";
import { bytes, credentialsHex, type CredSpec } from "./tlv.ts";

/** A credential case: what the AP sends and what the agent must make of it. */
export interface CredCase {
  name: string;
  /** The event's hex; built from `creds` unless a garbled value is given. */
  hex: string;
  creds: CredSpec[];
  /**
   * Expected status; for "provisioned", the credential (index into creds) that must end up in the file, or
   * "connected": whichever of them the supplicant connected with (no `ssid:` in the plan).
   */
  expect: { status: "provisioned"; use: number | "connected" } | { status: "wps-failed"; reason: string };
  /** `ssid:` of the plan, to pick one of several credentials. */
  planSsid?: string;
}

const ok = (use: number | "connected" = 0) => ({ status: "provisioned" as const, use });
const failed = (reason: string) => ({ status: "wps-failed" as const, reason });
const wpa = (ssid: string | number[], key: string | number[]): CredSpec => ({
  ssid: bytes(ssid),
  key: bytes(key),
});
const good = credentialsHex(wpa("Truncated", "truncated passphrase"));

const table: Array<Omit<CredCase, "hex"> & { hex?: string }> = [
  { name: "quote_backslash", creds: [wpa('say "hi" \\ bye', 'pa"ss\\word "x"')], expect: ok() },
  // A control character in the key: the supplicant's wps_workaround_cred_key refuses it, so do we.
  {
    name: "newline",
    creds: [wpa("Net\nnetwork={", "line1\n\tpsk=evil\n}")],
    expect: failed("bad-credential"),
  },
  { name: "brace_hash", creds: [wpa("}#{ ssid", "}# not a comment {")], expect: ok() },
  { name: "nul", creds: [wpa([0x41, 0x00, 0x42], "pass\0word123")], expect: failed("bad-credential") },
  {
    name: "invalid_utf8",
    creds: [wpa([0xff, 0xfe, 0x41, 0xc3], [0xff, 0x70, 0x61, 0x73, 0x73, 0x77, 0x6f, 0x72, 0x64])],
    expect: ok(),
  },
  { name: "ssid32", creds: [wpa("Exactly thirty-two bytes of SSID", "x".repeat(62) + "}")], expect: ok() },
  {
    name: "ssid32_binary",
    creds: [wpa(Array.from({ length: 32 }, (_, i) => (i * 37) & 0xff), "binary ssid pass")],
    expect: ok(),
  },
  { name: "hex_psk", creds: [wpa("HexKey", "ABCDEF0123456789".repeat(4))], expect: ok() },
  // One trailing NUL is dropped (wps_workaround_cred_key); the two left are control characters: refused.
  { name: "nul_padded", creds: [wpa("Padded", "padded passphrase\0\0\0")], expect: failed("bad-credential") },
  { name: "nul_one", creds: [wpa("PaddedOne", "padded passphrase\0")], expect: ok() },
  {
    name: "multi_first",
    creds: [wpa("FirstNet", "first passphrase"), wpa("SecondNet", 'second "pass"')],
    expect: ok("connected"),
  },
  {
    name: "multi_pick",
    creds: [wpa("FirstNet", "first passphrase"), wpa("SecondNet", 'second "pass"')],
    planSsid: "SecondNet",
    expect: ok(1),
  },
  {
    name: "open",
    creds: [{ ssid: bytes("OpenNet"), key: bytes(""), auth: 0x01, encr: 0x01 }],
    expect: failed("refused-open"),
  },
  {
    name: "wep",
    creds: [{ ssid: bytes("WepNet"), key: bytes("abcde"), auth: 0x01, encr: 0x02 }],
    expect: failed("refused-wep"),
  },
  { name: "empty_key", creds: [wpa("NoKey", "")], expect: failed("bad-credential") },
  { name: "truncated", hex: good.slice(0, 60), creds: [], expect: failed("bad-credential") },
  { name: "overrun", hex: "100e0fff" + good.slice(8), creds: [], expect: failed("bad-credential") },
  { name: "odd_hex", hex: good.slice(0, -1), creds: [], expect: failed("bad-credential") },
  { name: "not_hex", hex: "100e0004zzzzzzzz", creds: [], expect: failed("bad-credential") },
  {
    name: "ssid33",
    hex: credentialsHex(wpa("x".repeat(33), "a fine passphrase")),
    creds: [],
    expect: failed("bad-credential"),
  },
  { name: "no_credential_attr", hex: "10450003616263", creds: [], expect: failed("bad-credential") },
];

/** Every case with its hex filled in. */
export const CRED_CASES: CredCase[] = table.map((c) => ({ ...c, hex: c.hex ?? credentialsHex(...c.creds) }));

/** The events of one case's transcript section: scan, then the enrolment with the credential. */
export function sectionLines(c: CredCase): string[] {
  const events = [
    [1.0, "CTRL-EVENT-SCAN-STARTED "],
    [1.1, "CTRL-EVENT-SCAN-RESULTS "],
    [1.11, "WPS-AP-AVAILABLE-PBC "],
    [2.0, "CTRL-EVENT-NETWORK-ADDED 0"],
    [2.01, "WPS-PBC-ACTIVE "],
    [2.2, `WPS-CRED-RECEIVED ${c.hex}`],
    [2.3, "WPS-SUCCESS "],
    [2.4, "CTRL-EVENT-EAP-FAILURE EAP authentication failed"],
    [2.5, "CTRL-EVENT-DISCONNECTED bssid=02:00:00:00:00:00 reason=3 locally_generated=1"],
    [2.6, "CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:00:00 completed [id=0 id_str=]"],
  ] as const;
  return [
    `[+  0.50] ===== case ${c.name} =====`,
    ...events.map(([t, e]) => `  [+ ${t.toFixed(2).padStart(5)}] > <3>${e}`),
    "",
  ];
}

/** The scan_results reply all cases share: one AP in push-button mode. */
export const SCAN_LINES = [
  "[+  0.10] $ wpa_cli -p /var/run/wpa_supplicant -i wlan0 scan_results",
  "    bssid / frequency / signal level / flags / ssid",
  "    02:00:00:00:00:00\t2412\t-30\t[WPA2-PSK-CCMP][WPS-PBC][ESS]\tHostile",
  "",
];

if (import.meta.main) {
  const dir = new URL("../fixtures/", import.meta.url);
  const header = [
    "# scenario: hostile_creds   CONSTRUCTED, NOT RECORDED (tests/hostile/daemon_cases.ts writes it).",
    "# The event sequence of creds.log's first enrolment, shortened, with hostile WPS-CRED-RECEIVED payloads.",
    "",
  ];
  const text = [...header, ...SCAN_LINES, ...CRED_CASES.flatMap(sectionLines)].join("\n");
  fs.writeFileSync(new URL("transcripts/hostile_creds.log", dir), text);
  for (const c of CRED_CASES) {
    const scenario = {
      description: `Hostile credential "${c.name}" (constructed; see tests/hostile/daemon_cases.ts)`,
      transcript: "hostile_creds.log",
      section: `===== case ${c.name} =====`,
      scan: [1.0, 1.11],
      wpsPbc: [2.0, 2.6],
      speed: 10,
      // The scan shows "Hostile" while the credentials name other SSIDs: the AP serves what it handed out.
      wpsApServesCredentialSsids: true,
    };
    fs.writeFileSync(
      new URL(`replay/hostile_cred_${c.name}.json`, dir),
      JSON.stringify(scenario, null, 2) + "\n",
    );
  }
}
