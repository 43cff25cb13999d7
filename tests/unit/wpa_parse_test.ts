import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import {
  classifyReply,
  parseBss,
  parseConnected,
  parseDisconnected,
  parseEventLine,
  parseKeyValues,
  parseScanResults,
  parseWpsFail,
  type Reply,
} from "../../src/wpa/replies.ts";
import { utf8Encode } from "../../src/bytes.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/unit/${name}`, import.meta.url), "utf8");

describe("classifyReply", () => {
  const cases: [string, Reply][] = [
    ["OK\n", { kind: "ok" }],
    ["OK", { kind: "ok" }],
    ["OK\r\n", { kind: "ok" }],
    ["FAIL\n", { kind: "fail", text: "FAIL" }],
    ["FAIL-BUSY\n", { kind: "fail", text: "FAIL-BUSY" }],
    ["FAIL-CHANNEL-UNSUPPORTED", { kind: "fail", text: "FAIL-CHANNEL-UNSUPPORTED" }],
    ["'PING' command failed.\n", { kind: "fail", text: "'PING' command failed." }],
    ["'SCAN' command timed out.\n", { kind: "fail", text: "'SCAN' command timed out." }],
    ["UNKNOWN COMMAND\n", { kind: "unknown-command" }],
    ["Unknown command 'nosuchcommand'\n", { kind: "unknown-command" }],
    ["PONG\n", { kind: "data", text: "PONG" }],
    ["*", { kind: "data", text: "*" }],
    ['"LabNet"', { kind: "data", text: '"LabNet"' }],
    ["", { kind: "data", text: "" }],
    ["FAILURE\n", { kind: "data", text: "FAILURE" }],
    ["OKAY\n", { kind: "data", text: "OKAY" }],
    ["wpa_state=COMPLETED\nssid=Lab \n", { kind: "data", text: "wpa_state=COMPLETED\nssid=Lab " }],
  ];
  for (const [raw, expected] of cases) {
    it(`classifies ${JSON.stringify(raw)} as ${expected.kind}`, () =>
      assert.deepEqual(classifyReply(raw), expected));
  }

  it("keeps every line of a multi-line data reply", () => {
    const raw = fixture("scan_results_creds.txt");
    const reply = classifyReply(raw);
    assert.equal(reply.kind, "data");
    assert.equal(reply.kind === "data" && reply.text.split("\n").length, 3);
  });

  it("never throws on arbitrary text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => void classifyReply(s)), {
      seed: 42,
      numRuns: 200,
    });
  });
});

describe("parseEventLine", () => {
  const events: [string, { name: string; args: string; level: number }][] = [
    ["> \r<3>WPS-SUCCESS ", { name: "WPS-SUCCESS", args: "", level: 3 }],
    ["<3>WPS-SUCCESS", { name: "WPS-SUCCESS", args: "", level: 3 }],
    ["> > \r<3>WPS-PBC-ACTIVE", { name: "WPS-PBC-ACTIVE", args: "", level: 3 }],
    ["\r      \r<4>WPS-TIMEOUT Requested operation timed out\r", {
      name: "WPS-TIMEOUT",
      args: "Requested operation timed out",
      level: 4,
    }],
    ["IFNAME=wlan0 <3>CTRL-EVENT-SCAN-STARTED ", { name: "CTRL-EVENT-SCAN-STARTED", args: "", level: 3 }],
    ["<3>CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:00:00 completed [id=0 id_str=]", {
      name: "CTRL-EVENT-CONNECTED",
      args: "- Connection to 02:00:00:00:00:00 completed [id=0 id_str=]",
      level: 3,
    }],
    ["<3>WPS-OVERLAP-DETECTED PBC session overlap", {
      name: "WPS-OVERLAP-DETECTED",
      args: "PBC session overlap",
      level: 3,
    }],
    ["> <3>SME: Trying to authenticate with 02:00:00:00:00:00 (SSID='LabNet' freq=2412 MHz)", {
      name: "SME:",
      args: "Trying to authenticate with 02:00:00:00:00:00 (SSID='LabNet' freq=2412 MHz)",
      level: 3,
    }],
  ];
  for (const [line, expected] of events) {
    it(`parses ${JSON.stringify(line)}`, () => assert.deepEqual(parseEventLine(line), expected));
  }

  it("keeps an argument's own leading and trailing spaces: only the separator and the line end go", () => {
    // hostap prints DPP-CONFOBJ-SSID with the SSID's bytes as they are (printf-escaped, spaces kept).
    assert.equal(parseEventLine("<3>DPP-CONFOBJ-SSID  LabNet ")?.args, " LabNet ");
    assert.equal(parseEventLine("> \r<3>DPP-CONFOBJ-SSID  LabNet \r")?.args, " LabNet ");
    assert.equal(parseEventLine("<3>DPP-CONFOBJ-SSID   ")?.args, "  ");
    assert.equal(parseEventLine("<3>WPS-FAIL msg=8 config_error=18 \r\n")?.args, "msg=8 config_error=18 ");
  });

  const nonEvents = [
    "wpa_cli v2.10",
    "Interactive mode",
    "",
    "> ",
    "OK",
    "FAIL",
    "bssid=02:00:00:00:00:00",
    "> Connection to wpa_supplicant lost - trying to reconnect",
    "Connection to wpa_supplicant re-established",
    "Could not connect to wpa_supplicant: wlan1 - re-trying",
    "<3>",
    "<3> ",
    "<x>WPS-SUCCESS",
    "wlan2: WPS-SUCCESS ",
  ];
  for (const line of nonEvents) {
    it(`returns null for the non-event line ${JSON.stringify(line)}`, () =>
      assert.equal(parseEventLine(line), null));
  }

  it("finds the lab's success sequence in a real interactive transcript", () => {
    const lines = fixture("creds_wpa_cli_events.txt").split("\n");
    const events = lines.map(parseEventLine).filter((e) => e !== null);
    assert.equal(events.length, 87);
    const names = events.map((e) => e.name);
    assert.equal(names.filter((n) => n === "WPS-SUCCESS").length, 3);
    assert.equal(names.filter((n) => n === "CTRL-EVENT-CONNECTED").length, 3);
    const creds = events.filter((e) => e.name === "WPS-CRED-RECEIVED");
    assert.deepEqual(creds.map((e) => e.args.length), [146, 218, 146]);
    assert.equal(lines.slice(0, 5).map(parseEventLine).every((e) => e === null), true);
  });

  it("never throws on arbitrary text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => void parseEventLine(s)), {
      seed: 42,
      numRuns: 200,
    });
  });
});

describe("parseWpsFail", () => {
  const cases: [string, ReturnType<typeof parseWpsFail>][] = [
    ["msg=8 config_error=18 reason=3 (Authentication failure)", {
      msg: 8,
      configError: 18,
      reason: 3,
      reasonText: "Authentication failure",
    }],
    ["msg=10 config_error=16", { msg: 10, configError: 16 }],
    ["msg=8 config_error=0 reason=2 (WEP Prohibited)", {
      msg: 8,
      configError: 0,
      reason: 2,
      reasonText: "WEP Prohibited",
    }],
    ["dev_password_id=4 config_error=12", { configError: 12 }],
    ["", {}],
    ["msg=x config_error=", {}],
  ];
  for (const [args, expected] of cases) {
    it(`reads ${JSON.stringify(args)}`, () => assert.deepEqual(parseWpsFail(args), expected));
  }
});

describe("parseConnected", () => {
  it("reads the BSSID and network id", () => {
    assert.deepEqual(parseConnected("- Connection to 02:00:00:00:00:00 completed [id=0 id_str=]"), {
      bssid: "02:00:00:00:00:00",
      networkId: 0,
    });
  });

  it("lowercases the BSSID and reads multi-digit ids", () => {
    assert.deepEqual(parseConnected("- Connection to 0A:BB:00:00:00:01 completed [id=12 id_str=home]"), {
      bssid: "0a:bb:00:00:00:01",
      networkId: 12,
    });
  });

  it("leaves out what is missing", () => {
    assert.deepEqual(parseConnected("- Connection to nowhere completed"), {});
    assert.deepEqual(parseConnected(""), {});
  });
});

describe("parseDisconnected", () => {
  const cases: [string, ReturnType<typeof parseDisconnected>][] = [
    ["bssid=02:00:00:00:00:00 reason=3 locally_generated=1", {
      bssid: "02:00:00:00:00:00",
      reason: 3,
      locallyGenerated: true,
    }],
    ["bssid=02:00:00:00:01:00 reason=15", {
      bssid: "02:00:00:00:01:00",
      reason: 15,
      locallyGenerated: false,
    }],
    ["", { locallyGenerated: false }],
    ["bssid=zz reason=", { locallyGenerated: false }],
  ];
  for (const [args, expected] of cases) {
    it(`reads ${JSON.stringify(args)}`, () => assert.deepEqual(parseDisconnected(args), expected));
  }
});

describe("parseScanResults", () => {
  it("parses the lab's scan_results with one entry per AP", () => {
    const entries = parseScanResults(fixture("scan_results_creds.txt"));
    assert.equal(entries.length, 2);
    const [lab, hex] = entries;
    assert.deepEqual(lab, {
      bssid: "02:00:00:00:00:00",
      frequency: 2412,
      signal: -30,
      flags: ["WPA2-PSK-CCMP", "WPS-PBC", "ESS"],
      ssid: utf8Encode("LabNet"),
      ssidText: "LabNet",
      wps: "pbc",
      sae: false,
    });
    assert.equal(hex?.wps, "wps");
    assert.equal(hex?.ssidText, "HexNet");
  });

  const row = (flags: string, ssid = "X") =>
    `bssid / frequency / signal level / flags / ssid\n02:00:00:00:00:00\t2412\t-30\t${flags}\t${ssid}\n`;
  const wpsCases: [string, string][] = [
    ["[WPA2-PSK-CCMP][WPS-PBC][ESS]", "pbc"],
    ["[WPA2-PSK-CCMP][WPS-AUTH][ESS]", "auth"],
    ["[WPA2-PSK-CCMP][WPS-PIN][ESS]", "pin"],
    ["[WPA2-PSK-CCMP][WPS][ESS]", "wps"],
    ["[WPA2-PSK-CCMP][ESS]", "none"],
    ["", "none"],
    ["[constructor][__proto__][toString]", "none"],
  ];
  for (const [flags, wps] of wpsCases) {
    it(`maps flags ${JSON.stringify(flags)} to wps=${wps}`, () => {
      assert.equal(parseScanResults(row(flags))[0]?.wps, wps);
    });
  }

  it("marks SAE networks", () => {
    assert.equal(parseScanResults(row("[WPA2-PSK+SAE-CCMP][SAE-H2E][ESS]"))[0]?.sae, true);
    assert.equal(parseScanResults(row("[RSN-SAE-CCMP][ESS]"))[0]?.sae, true);
    assert.equal(parseScanResults(row("[WPA2-PSK-CCMP][ESS]"))[0]?.sae, false);
  });

  const ssidCases: [string, number[], string][] = [
    ["Caf\\xc3\\xa9", [0x43, 0x61, 0x66, 0xc3, 0xa9], "Café"],
    ['say \\"hi\\"', [...utf8Encode('say "hi"')], 'say "hi"'],
    ["a\\\\b", [0x61, 0x5c, 0x62], "a\\b"],
    ["tab\\there", [...utf8Encode("tab\there")], "tab\there"],
    ["\\x00\\x00\\x00", [0, 0, 0], "\0\0\0"],
    ["bad\\xff", [0x62, 0x61, 0x64, 0xff], "bad\uFFFD"],
    ["trailing space ", [...utf8Encode("trailing space ")], "trailing space "],
  ];
  for (const [escaped, bytes, text] of ssidCases) {
    it(`decodes the escaped SSID ${JSON.stringify(escaped)}`, () => {
      const [entry] = parseScanResults(row("[ESS]", escaped));
      assert.deepEqual([...(entry?.ssid ?? [])], bytes);
      assert.equal(entry?.ssidText, text);
    });
  }

  it("accepts a hidden network's row with an empty or missing SSID field", () => {
    const text = "02:00:00:00:00:00\t2412\t-30\t[ESS]\t\n02:00:00:00:00:01\t2412\t-31\t[ESS]\n";
    assert.deepEqual(parseScanResults(text).map((e) => e.ssid.length), [0, 0]);
  });

  it("accepts CRLF line endings", () => {
    assert.equal(parseScanResults(row("[ESS]").replaceAll("\n", "\r\n"))[0]?.ssidText, "X");
  });

  it("skips garbled rows and keeps good ones", () => {
    const text = [
      "bssid / frequency / signal level / flags / ssid",
      "not-a-bssid\t2412\t-30\t[ESS]\tA",
      "02:00:00:00:00:00\tabc\t-30\t[ESS]\tB",
      "02:00:00:00:00:00\t2412\tloud\t[ESS]\tC",
      "02:00:00:00:00:00\t2412",
      "02:00:00:00:00:00\t2412\t-30\t[ESS]\tD\textra",
      "02:00:00:00:00:00\t2412\t-30\t[WPA2-PSK-CCMP][WP",
      "> scan_results",
      "02:00:00:00:00:0A\t5180\t-71\t[ESS]\tGood",
      "",
    ].join("\n");
    const entries = parseScanResults(text);
    assert.deepEqual(entries.map((e) => [e.bssid, e.ssidText]), [["02:00:00:00:00:0a", "Good"]]);
  });

  it("returns nothing for an empty reply or a header only", () => {
    assert.deepEqual(parseScanResults(""), []);
    assert.deepEqual(parseScanResults("bssid / frequency / signal level / flags / ssid\n"), []);
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: "binary" }), { maxLength: 6 })), (rows) => {
        void parseScanResults(rows.map((r) => r.join("\t")).join("\n"));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe("parseBss", () => {
  it("parses the lab's bss reply including its id", () => {
    const entry = parseBss(fixture("bss_happy.txt"));
    assert.ok(entry);
    assert.equal(entry.id, 0);
    assert.equal(entry.bssid, "02:00:00:00:00:00");
    assert.equal(entry.frequency, 2412);
    assert.equal(entry.signal, -30);
    assert.deepEqual(entry.flags, ["WPA2-PSK-CCMP", "WPS-PBC", "ESS"]);
    assert.equal(entry.ssidText, "LabNet");
    assert.equal(entry.wps, "pbc");
  });

  it("decodes an escaped SSID and omits a missing id", () => {
    const entry = parseBss("bssid=02:00:00:00:00:01\nfreq=5180\nlevel=-60\nflags=[SAE]\nssid=a\\x00b\n");
    assert.deepEqual([...(entry?.ssid ?? [])], [0x61, 0, 0x62]);
    assert.equal(entry?.sae, true);
    assert.equal(entry !== null && "id" in entry, false);
  });

  const invalid = [
    "",
    "FAIL",
    "bssid=02:00:00:00:00:00\nfreq=2412\n",
    "id=3\nbssid=zz\nfreq=2412\nlevel=-1\n",
  ];
  for (const text of invalid) {
    it(`returns null for ${JSON.stringify(text)}`, () => assert.equal(parseBss(text), null));
  }
});

describe("parseKeyValues", () => {
  it("reads the lab's status reply", () => {
    const kv = parseKeyValues(fixture("status_happy.txt"));
    assert.equal(kv.get("wpa_state"), "COMPLETED");
    assert.equal(kv.get("ssid"), "LabNet");
    assert.equal(kv.get("key_mgmt"), "WPA2-PSK");
    assert.equal(kv.size, 12);
  });

  it("keeps everything after the first '=' and does not trim values", () => {
    const kv = parseKeyValues("ssid=a=b \nuuid=x\r\n");
    assert.equal(kv.get("ssid"), "a=b ");
    assert.equal(kv.get("uuid"), "x");
  });

  it("ignores lines without a key", () => {
    assert.deepEqual([...parseKeyValues("FAIL\n=x\n\nk=v")], [["k", "v"]]);
  });
});
