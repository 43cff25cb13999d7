import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { safeToRepeat } from "../../src/wpa/repeatable.ts";

describe("safeToRepeat", () => {
  it("allows the reads and the clean-up's undo commands to go again one-shot", () => {
    for (
      const args of [
        ["ping"],
        ["status"],
        ["get", "update_config"],
        ["get_network", "3", "key_mgmt"],
        ["list_networks"],
        ["scan_results"],
        ["bss", "02:00:00:00:00:00"],
        ["log_level", "INFO"],
        ["set", "update_config", "1"],
        ["enable_network", "0"],
        ["disable_network", "0"],
        ["remove_network", "3"],
        ["wps_cancel"],
        ["dpp_stop_listen"],
        ["dpp_bootstrap_remove", "1"],
      ]
    ) assert.equal(safeToRepeat(args), true, args.join(" "));
  });

  it("refuses every command that creates or starts something (its inline copy may have run)", () => {
    for (
      const args of [
        ["add_network"],
        ["set_network", "3", "ssid", "4c61624e6574"],
        ["select_network", "3"],
        ["scan"],
        ["wps_pbc", "02:00:00:00:00:00"],
        ["wps_pin", "any"],
        ["dpp_bootstrap_gen", "type=qrcode"],
        ["dpp_listen", "2437"],
        ["terminate"],
        ["save_config"],
        [],
      ]
    ) assert.equal(safeToRepeat(args), false, args.join(" "));
  });
});
