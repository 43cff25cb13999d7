import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import {
  describePinProblem,
  FixedPin,
  normaliseFixedPin,
  wpsPinChecksum,
  wpsPinChecksumValid,
} from "../../src/wps/pin.ts";
import { clockRearmAt, onWalkTimeout, pinArmSchedule, WPS_PIN_WALK_MS } from "../../src/wps/pin_walk.ts";

/** The WPS spec's form of the rule, written independently: 3·(d1+d3+d5+d7) + (d2+d4+d6+d8) ≡ 0 (mod 10). */
function specValid(pin: string): boolean {
  const d = [...pin].map(Number);
  const sum = 3 * (d[0]! + d[2]! + d[4]! + d[6]!) + d[1]! + d[3]! + d[5]! + d[7]!;
  return sum % 10 === 0;
}

describe("wpsPinChecksum", () => {
  it("gives the checksum digit of the README-WPS example PIN 12345670", () => {
    assert.equal(wpsPinChecksum(1234567), 0);
    assert.equal(wpsPinChecksumValid("12345670"), true);
    assert.equal(wpsPinChecksumValid("12345678"), false);
  });

  it("agrees with the spec's weighted sum for every last digit of many prefixes, leading zeros included", () => {
    for (let prefix = 0; prefix < 10_000_000; prefix += 7919) {
      const seven = String(prefix).padStart(7, "0");
      const valid = [...Array(10).keys()].filter((d) => wpsPinChecksumValid(seven + d));
      assert.deepEqual(valid, [wpsPinChecksum(prefix)], seven);
      assert.ok(specValid(seven + wpsPinChecksum(prefix)), seven);
    }
  });

  it("refuses anything but eight digits", () => {
    for (const s of ["1234567", "123456700", "1234567a", ""]) assert.equal(wpsPinChecksumValid(s), false, s);
  });
});

describe("normaliseFixedPin", () => {
  it("accepts 8 digits with a valid checksum and 4-digit PINs", () => {
    assert.deepEqual(normaliseFixedPin("12345670"), { ok: true, digits: "12345670" });
    assert.deepEqual(normaliseFixedPin("00000000"), { ok: true, digits: "00000000" });
    assert.deepEqual(normaliseFixedPin("1234"), { ok: true, digits: "1234" });
  });

  it("drops the separators a label prints, as wps_check_pin drops non-digits", () => {
    assert.deepEqual(normaliseFixedPin("1234-5670"), { ok: true, digits: "12345670" });
    assert.deepEqual(normaliseFixedPin("1234 5670"), { ok: true, digits: "12345670" });
  });

  it("refuses a wrong checksum, other lengths and other characters", () => {
    assert.deepEqual(normaliseFixedPin("12345678"), { ok: false, problem: "checksum" });
    for (const s of ["", "123", "12345", "1234567", "123456701"]) {
      assert.deepEqual(normaliseFixedPin(s), { ok: false, problem: "length" }, s);
    }
    for (const s of ["1234567O", "1234_5670", "12345670\n", "١٢٣٤"]) {
      assert.deepEqual(normaliseFixedPin(s), { ok: false, problem: "not-digits" }, JSON.stringify(s));
    }
  });

  it("explains a problem without echoing the PIN", () => {
    for (const pin of ["12345678", "98765", "1234x678"]) {
      const r = normaliseFixedPin(pin);
      assert.equal(r.ok, false);
      const text = r.ok ? "" : describePinProblem(r.problem, pin);
      assert.match(text, /must be 4 digits, or 8 digits/);
      assert.ok(!text.includes(pin) && !text.includes(pin.slice(0, 4)), text);
    }
  });
});

describe("FixedPin", () => {
  it("hides its digits from JSON, strings and inspection; reveal() gives them", () => {
    const pin = new FixedPin("12345670");
    assert.equal(pin.reveal(), "12345670");
    const shown = [
      JSON.stringify({ pin }),
      String(pin),
      `${pin}`,
      inspect({ pin }),
      inspect(pin),
      Deno.inspect({ pin }),
    ];
    for (const text of shown) assert.ok(!text.includes("12345670"), text);
  });
});

describe("pinArmSchedule", () => {
  it("arms once when the timeout fits in one walk (120 s, hostap WPS_PBC_WALK_TIME)", () => {
    assert.equal(WPS_PIN_WALK_MS, 120_000);
    assert.deepEqual(pinArmSchedule(60_000), [0]);
    assert.deepEqual(pinArmSchedule(120_000), [0]);
  });

  it("re-arms every walk until the timeout", () => {
    assert.deepEqual(pinArmSchedule(121_000), [0, 120_000]);
    assert.deepEqual(pinArmSchedule(300_000), [0, 120_000, 240_000]);
    assert.deepEqual(pinArmSchedule(360_000), [0, 120_000, 240_000]);
    assert.deepEqual(pinArmSchedule(3_600_000).length, 30);
  });

  it("is a function of the timeout and the walk time alone", () => {
    assert.deepEqual(pinArmSchedule(10_000, 3_000), [0, 3_000, 6_000, 9_000]);
    for (let timeout = 1_000; timeout <= 50_000; timeout += 1_000) {
      const times = pinArmSchedule(timeout, 7_000);
      assert.equal(times.length, Math.ceil(timeout / 7_000), String(timeout));
      assert.ok(times.every((t, i) => t === i * 7_000 && t < timeout));
    }
  });
});

describe("clockRearmAt and onWalkTimeout", () => {
  it("re-arms on the clock one walk after the last arm, never at or after the deadline", () => {
    assert.equal(clockRearmAt({ armedAt: 1_000, by: "start" }, 500_000), 121_000);
    assert.equal(clockRearmAt({ armedAt: 1_000, by: "start" }, 121_000), undefined);
  });

  it("re-arms on the supplicant's WPS-TIMEOUT while time is left, and expires after", () => {
    assert.equal(onWalkTimeout({ armedAt: 0, by: "start" }, 120_000, 300_000), "rearm");
    assert.equal(onWalkTimeout({ armedAt: 120_000, by: "event" }, 240_000, 300_000), "rearm");
    assert.equal(onWalkTimeout({ armedAt: 0, by: "start" }, 120_000, 120_000), "expire");
  });

  it("ignores a WPS-TIMEOUT that arrives right after a clock re-arm (the replaced walk's)", () => {
    assert.equal(onWalkTimeout({ armedAt: 120_000, by: "clock" }, 120_050, 300_000), "ignore");
    assert.equal(onWalkTimeout({ armedAt: 120_000, by: "clock" }, 240_000, 300_000), "rearm");
    // After an event-driven re-arm, a quick WPS-TIMEOUT is the supplicant's word and is obeyed.
    assert.equal(onWalkTimeout({ armedAt: 120_000, by: "event" }, 120_050, 300_000), "rearm");
  });
});
