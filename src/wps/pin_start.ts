// Starts WPS with the enrollee PIN and keeps it armed: `wps_pin <bssid|any>` lets the supplicant generate a
// PIN (its reply, public), a printed PIN goes only through the interactive wpa_cli's stdin; every re-arm
// after the supplicant's 120 s walk sends the same PIN again (pin_walk.ts decides when).
import type { WpaDriver } from "../wpa/driver.ts";
import type { WpsPlannedNetwork } from "../plan/plan.ts";
import { armReply, type ArmResult, type WpsStart } from "./start.ts";
import { clockRearmAt, onWalkTimeout, type PinWalk, WPS_PIN_WALK_MS } from "./pin_walk.ts";

/** A generated PIN as the supplicant prints it (`"%08d"`, hostap `wpa_supplicant_ctrl_iface_wps_pin`). */
const GENERATED_PIN = /^\d{8}$/;

/**
 * The WpsStart of a `wps-pin` network. `walkMs` is the supplicant's PIN walk (120 s; tests shorten it).
 * Replies: `wps_pin any` → the generated 8-digit PIN; `wps_pin any <pin>` → that PIN; FAIL when refused
 * (hostap `wpa_supplicant/ctrl_iface.c` `wpa_supplicant_ctrl_iface_wps_pin`).
 */
export function pinStart(network: WpsPlannedNetwork, walkMs: number = WPS_PIN_WALK_MS): WpsStart {
  const target = network.bssid ?? "any";
  let generated: string | undefined;
  let walk: PinWalk | undefined;
  const send = async (driver: WpaDriver): Promise<ArmResult> => {
    // The printed PIN is a secret: the inline channel only (never argv), and its reply (the PIN) unread.
    if (network.pin) {
      return armReply(await driver.requestSecret(["wps_pin", target, network.pin.reveal()]), "wps_pin");
    }
    // Re-arming with a generated PIN repeats it: the person already typed it into the router.
    const reply = await driver.request(["wps_pin", target, ...(generated === undefined ? [] : [generated])]);
    const armed = armReply(reply, "wps_pin");
    if (!armed.ok || generated !== undefined) return armed;
    const pin = reply.kind === "data" ? reply.text.trim() : "";
    if (!GENERATED_PIN.test(pin)) {
      const detail = "wpa_supplicant answered wps_pin without an 8-digit PIN";
      return { ok: false, outcome: { kind: "wps-failed", reason: "wps-pin-refused", detail } };
    }
    generated = pin;
    return armed;
  };
  return {
    get wpsPin() {
      return generated;
    },
    async arm(driver, clock, by) {
      const armed = await send(driver);
      if (armed.ok) walk = { armedAt: clock.now(), by };
      return armed;
    },
    rearmAt: (deadline) => walk && clockRearmAt(walk, deadline, walkMs),
    onWalkTimeout: (now, deadline) => walk ? onWalkTimeout(walk, now, deadline) : "expire",
  };
}
