// The fake supplicant's DPP enrollee: dpp_bootstrap_gen (type=qrcode with a given key), the URI it prints,
// dpp_listen/dpp_stop_listen and dpp_bootstrap_remove, and the configurator's side replayed from the
// scenario (`dpp.events`: [seconds after dpp_listen, "<3>DPP-…"]) while the listen lasts. The URI is made
// here independently of wifiprov (node:crypto's own point compression), in the field order of hostap
// src/common/dpp.c dpp_gen_uri for a CONFIG_DPP2 build (V:2): wifiprov compares its URI with this one.
import { createPrivateKey, createPublicKey, ECDH } from "node:crypto";
import { emit, handlers, scenario, schedule, unschedule } from "./wpa_state.mjs";
import { transcriptMs } from "./wpa_transcript.mjs";

const FAIL = "FAIL\n";
const OK = "OK\n";

function param(args, name) {
  const arg = args.find((a) => a.startsWith(`${name}=`));
  return arg === undefined ? undefined : arg.slice(name.length + 1);
}

function uriFor({ chan, mac, keyHex }) {
  const priv = createPrivateKey({ key: Buffer.from(keyHex, "hex"), format: "der", type: "sec1" });
  const spki = createPublicKey(priv).export({ format: "der", type: "spki" });
  const point = spki.subarray(spki.length - 65);
  const compressed = ECDH.convertKey(point, "prime256v1", undefined, undefined, "compressed");
  const header = Buffer.from("3039301306072a8648ce3d020106082a8648ce3d030107032200", "hex");
  const k = Buffer.concat([header, compressed]).toString("base64");
  const m = mac ? `M:${mac.replaceAll(":", "").toLowerCase()};` : "";
  return `DPP:${chan ? `C:${chan};` : ""}${m}V:2;K:${k};;`;
}

handlers.dpp = (state, { text }) => {
  if (!state.dpp?.listening) return;
  emit(text);
};

/** The DPP commands, merged into the fake's command table. */
export const DPP_COMMANDS = {
  dpp_bootstrap_gen(state, args) {
    const keyHex = param(args, "key");
    if (!args.includes("type=qrcode") || !keyHex || !/^[0-9a-f]+$/i.test(keyHex)) return FAIL;
    let uri;
    try {
      uri = scenario.dpp?.uri ?? uriFor({ chan: param(args, "chan"), mac: param(args, "mac"), keyHex });
    } catch {
      return FAIL;
    }
    state.dpp ??= { nextId: 1, bootstraps: {}, listening: false };
    const id = state.dpp.nextId++;
    state.dpp.bootstraps[id] = uri;
    return `${id}\n`;
  },
  dpp_bootstrap_get_uri(state, [id]) {
    const uri = state.dpp?.bootstraps[id];
    return uri === undefined ? FAIL : `${uri}\n`;
  },
  dpp_bootstrap_remove(state, [id]) {
    if (!state.dpp || !(id in state.dpp.bootstraps)) return FAIL;
    delete state.dpp.bootstraps[id];
    return OK;
  },
  dpp_listen(state, [freq]) {
    if (!state.dpp || !/^\d+$/.test(freq ?? "")) return FAIL;
    state.dpp.listening = true;
    state.dpp.freq = Number(freq);
    Object.assign(state.apKeys, scenario.dpp?.apKeys ?? {});
    for (const [t, text] of scenario.dpp?.events ?? []) {
      schedule(state, transcriptMs(t), { kind: "dpp", text });
    }
    return OK;
  },
  dpp_stop_listen(state) {
    if (state.dpp) state.dpp.listening = false;
    unschedule(state, ["dpp"]);
    return OK;
  },
};
