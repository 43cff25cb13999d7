// Turns the credentials of one M8 into the networks wpa_supplicant itself would add for them, so wifiprov
// can add exactly those as trial networks (it runs the supplicant with wps_cred_processing=1). Pure.
// Mirrors hostap wpa_supplicant/wps_supplicant.c: wpa_supplicant_wps_cred, wpas_wps_security_workaround and
// the same-M8 merge of wpas_wps_remove_dup_network.
import { type CredentialKey, credentialKey, type WpsCredential } from "../wpa/credential.ts";
import type { ScanEntry } from "../wpa/replies.ts";
import { bytesEqual, isPrintableAscii } from "../bytes.ts";
import type { WpsFailReason } from "../errors.ts";

/** Which rule set applies: 2.9 and older, or 2.10 and later (they differ for WPA-PSK/TKIP credentials). */
export type SupplicantGeneration = "2.9" | "2.10";

/** One network as wpa_supplicant would add it for a credential (or for several merged ones). */
export interface TrialNetwork {
  ssid: Uint8Array;
  key: CredentialKey;
  /** `WPA-PSK`, `WPA-PSK SAE` (with ieee80211w=1), `NONE`, or `SAE` (with ieee80211w=2; DPP only). */
  keyMgmt: "WPA-PSK" | "WPA-PSK SAE" | "NONE" | "SAE";
  /** Protocols in wpa_supplicant's write order (`WPA RSN`); absent for an open network. */
  proto?: string;
  /** Pairwise ciphers in wpa_supplicant's write order (`CCMP TKIP`); absent for an open network. */
  pairwise?: string;
  ieee80211w?: 1 | 2;
}

/** Why no trial network could be made. */
export type TrialRefusal =
  | { kind: "ssid-mismatch"; receivedSsids: Uint8Array[] }
  | { kind: "refused"; reason: Extract<WpsFailReason, `refused-${string}`>; detail: string };

/** What the choice needs besides the credentials. */
export interface TrialContext {
  generation: SupplicantGeneration;
  /** The BSS table the supplicant has now (its scan results): security workaround and SAE. */
  bss: ScanEntry[];
  expectedSsid?: Uint8Array;
  allowOpen: boolean;
}

const AUTH = { open: 0x01, wpaPsk: 0x02, wpa2Psk: 0x20 } as const;
const ENCR = { none: 0x01, wep: 0x02, tkip: 0x04, aes: 0x08 } as const;

/** Sets of names, kept in wpa_supplicant's write order (config.c wpa_config_write_{proto,cipher}). */
const PROTO_ORDER = ["WPA", "RSN"];
const CIPHER_ORDER = ["CCMP", "TKIP"];
const ordered = (set: Set<string>, order: string[]) => order.filter((n) => set.has(n)).join(" ");

interface Draft {
  ssid: Uint8Array;
  key: CredentialKey;
  psk: boolean;
  sae: boolean;
  proto: Set<string>;
  pairwise: Set<string>;
  macAddress?: string;
}

/**
 * The trial networks for one M8's credentials, in the order the supplicant would hold them, filtered to
 * the expected SSID; or why there are none. Credentials the supplicant ignores (enterprise and other
 * authentication types) are skipped; WEP is refused (`wps_process_cred_e`), open only with `allowOpen`.
 */
export function trialNetworks(
  credentials: readonly WpsCredential[],
  ctx: TrialContext,
): { ok: true; networks: TrialNetwork[] } | { ok: false; refusal: TrialRefusal } {
  const wanted = ctx.expectedSsid;
  const matching = wanted ? credentials.filter((c) => bytesEqual(c.ssid, wanted)) : [...credentials];
  if (matching.length === 0) {
    return { ok: false, refusal: { kind: "ssid-mismatch", receivedSsids: credentials.map((c) => c.ssid) } };
  }
  const drafts: Draft[] = [];
  let refusal: TrialRefusal | undefined;
  for (const c of matching) {
    const draft = draftFor(c, ctx);
    if ("refusal" in draft) {
      refusal ??= draft.refusal;
      continue;
    }
    workaroundFromScan(draft, ctx.bss);
    mergeDuplicates(drafts, draft);
    drafts.push(draft);
  }
  if (drafts.length === 0) {
    return { ok: false, refusal: refusal ?? unsupported("no credential of a supported type") };
  }
  return { ok: true, networks: drafts.map(toNetwork) };
}

function unsupported(detail: string): TrialRefusal {
  return { kind: "refused", reason: "refused-unsupported", detail };
}

/** wpa_supplicant_wps_cred: key_mgmt, proto and pairwise from the credential's types. */
function draftFor(c: WpsCredential, ctx: TrialContext): Draft | { refusal: TrialRefusal } {
  if (c.encrType & ENCR.wep && !(c.encrType & (ENCR.none | ENCR.tkip | ENCR.aes))) {
    const detail = "the access point handed over a WEP credential; WEP is broken and refused";
    return { refusal: { kind: "refused", reason: "refused-wep", detail } };
  }
  // "Workaround - convert mixed-mode auth_type into WPA2PSK".
  const auth = c.authType === (AUTH.wpaPsk | AUTH.wpa2Psk) ? AUTH.wpa2Psk : c.authType;
  const key = credentialKey(c);
  const base = { ssid: c.ssid, key, ...(c.macAddress ? { macAddress: c.macAddress } : {}) };
  if (auth === AUTH.open) {
    if (!ctx.allowOpen) {
      const detail =
        "the access point handed over an open-network credential, which this network does not allow";
      return { refusal: { kind: "refused", reason: "refused-open", detail } };
    }
    return { ...base, key: { kind: "none" }, psk: false, sae: false, proto: new Set(), pairwise: new Set() };
  }
  if (auth !== AUTH.wpaPsk && auth !== AUTH.wpa2Psk) {
    return { refusal: unsupported(`the access point handed over authentication type ${auth}`) };
  }
  if (key.kind === "none") return { refusal: unsupported("the credential has no network key") };
  const newRules = ctx.generation === "2.10";
  const proto = auth === AUTH.wpa2Psk ? ["RSN"] : newRules ? ["WPA", "RSN"] : ["WPA"];
  const pairwise = c.encrType === ENCR.tkip
    ? (newRules ? ["TKIP", "CCMP"] : ["TKIP"])
    : c.encrType === ENCR.aes
    ? ["CCMP"]
    : ["CCMP", "TKIP"]; // wpa_config_set_network_defaults: DEFAULT_PAIRWISE
  const sae = auth === AUTH.wpa2Psk && key.kind === "passphrase" && isPrintableAscii(key.bytes) &&
    ctx.bss.some((b) => b.sae && bytesEqual(b.ssid, c.ssid));
  return { ...base, psk: true, sae, proto: new Set(proto), pairwise: new Set(pairwise) };
}

/**
 * wpas_wps_security_workaround: when the AP's beacon shows WPA2 (RSN) or CCMP that a WPA/TKIP credential
 * lacks, add them (ap_scan=1). The BSS is looked up by the credential's MAC and SSID, else by SSID.
 */
function workaroundFromScan(d: Draft, bss: ScanEntry[]): void {
  if (!d.psk) return;
  const sameSsid = bss.filter((b) => bytesEqual(b.ssid, d.ssid));
  const entry = sameSsid.find((b) => b.bssid.toLowerCase() === d.macAddress) ?? sameSsid[0];
  if (!entry) return;
  const rsn = entry.flags.find((f) => /^(WPA2|RSN)-/.test(f));
  const wpa = entry.flags.find((f) => /^WPA-/.test(f));
  const ccmp = rsn ? rsn.includes("CCMP") : wpa !== undefined && wpa.includes("CCMP");
  if (!rsn && !wpa) return; // "The AP did not yet advertise WPA support - use credential as-is"
  if (ccmp && !d.pairwise.has("CCMP") && d.pairwise.has("TKIP")) d.pairwise.add("CCMP");
  if (rsn && !d.proto.has("RSN") && d.proto.has("WPA")) d.proto.add("RSN");
}

/**
 * wpas_wps_remove_dup_network for networks of the same M8: an earlier network with the same SSID and key
 * management is replaced by the new one; for WPA-PSK with the same key their protocols and ciphers are
 * merged ("likely WPA/WPA2-mixed mode creds"), otherwise only an exact duplicate is dropped.
 */
function mergeDuplicates(earlier: Draft[], d: Draft): void {
  for (let i = earlier.length - 1; i >= 0; i--) {
    const old = earlier[i]!;
    if (!bytesEqual(old.ssid, d.ssid) || old.psk !== d.psk || old.sae !== d.sae) continue;
    if (d.psk) {
      if (!sameKey(old.key, d.key)) continue;
      for (const p of old.proto) d.proto.add(p);
      for (const c of old.pairwise) d.pairwise.add(c);
    } else if (!sameSet(old.proto, d.proto) || !sameSet(old.pairwise, d.pairwise)) {
      continue;
    }
    earlier.splice(i, 1);
  }
}

function sameKey(a: CredentialKey, b: CredentialKey): boolean {
  if (a.kind === "passphrase" && b.kind === "passphrase") return bytesEqual(a.bytes, b.bytes);
  if (a.kind === "psk" && b.kind === "psk") return a.hex === b.hex;
  return a.kind === b.kind;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function toNetwork(d: Draft): TrialNetwork {
  if (!d.psk) return { ssid: d.ssid, key: { kind: "none" }, keyMgmt: "NONE" };
  const net: TrialNetwork = {
    ssid: d.ssid,
    key: d.key,
    keyMgmt: d.sae ? "WPA-PSK SAE" : "WPA-PSK",
    proto: ordered(d.proto, PROTO_ORDER),
    pairwise: ordered(d.pairwise, CIPHER_ORDER),
  };
  if (d.sae) net.ieee80211w = 1;
  return net;
}

/** The rule set for a `wpa_cli vX.Y` version string; unknown versions get the current rules. */
export function generationOf(version: string | undefined): SupplicantGeneration {
  const m = /^(\d+)\.(\d+)/.exec(version ?? "");
  if (!m) return "2.10";
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major < 2 || (major === 2 && minor < 10) ? "2.9" : "2.10";
}
