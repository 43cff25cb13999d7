// The DPP bootstrapping key: its file format (the hex text of a DER ECPrivateKey, exactly what
// `dpp_bootstrap_gen key=<hex>` takes), making a new one, and deriving the public key the URI carries.
// Uses node:crypto only (runs the same under Deno and in the Bun binary).
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { bytesToHex, hexToBytes } from "../bytes.ts";
import { compressedSpki } from "./uri.ts";

/**
 * A bootstrapping private key: DER of an RFC 5915 ECPrivateKey on P-256 with the named-curve parameters
 * (hostap `dpp_set_keypair` reads it with `d2i_ECPrivateKey`, which needs them to learn the curve).
 * Secret: never printed, logged or passed as an argument.
 */
export interface DppKey {
  der: Uint8Array;
  /** The public key as DER SubjectPublicKeyInfo, compressed point: what the URI's `K:` encodes. */
  publicKeyDer: Uint8Array;
}

/** Why a key file's text is not a usable key (never quoting the text: it is a secret). */
export type KeyProblem = "not-hex" | "not-an-ec-key" | "not-p256";

/**
 * Reads the key file's text: hex digits of the DER (whitespace and a final newline allowed).
 * @returns the key, or the problem with it.
 */
export function parseDppKey(text: string): { ok: true; key: DppKey } | { ok: false; problem: KeyProblem } {
  const der = hexToBytes(text.replace(/\s+/g, ""));
  if (der === null || der.length === 0) return { ok: false, problem: "not-hex" };
  let jwk: {
    kty?: string | undefined;
    crv?: string | undefined;
    x?: string | undefined;
    y?: string | undefined;
  };
  try {
    const priv = createPrivateKey({ key: Buffer.from(der), format: "der", type: "sec1" });
    jwk = createPublicKey(priv).export({ format: "jwk" });
  } catch {
    // node:crypto knows fewer curves than openssl (brainpool): an EC key naming another curve is that problem.
    const curve = namedCurveOid(der);
    return { ok: false, problem: curve !== undefined && curve !== P256_OID ? "not-p256" : "not-an-ec-key" };
  }
  if (jwk.kty !== "EC" || jwk.crv !== "P-256" || !jwk.x || !jwk.y) return { ok: false, problem: "not-p256" };
  const publicKeyDer = compressedSpki(base64UrlBytes(jwk.x), base64UrlBytes(jwk.y));
  return { ok: true, key: { der, publicKeyDer } };
}

/** DER of the prime256v1 OID 1.2.840.10045.3.1.7 (RFC 5480). */
const P256_OID = "2a8648ce3d030107";

/** The hex of the named-curve OID in an ECPrivateKey's `[0] parameters` (RFC 5915), if the DER has one. */
function namedCurveOid(der: Uint8Array): string | undefined {
  const outer = derElement(der, 0);
  if (outer?.tag !== 0x30) return undefined;
  for (let at = outer.start; at < outer.end;) {
    const el = derElement(der, at);
    if (!el || el.end > outer.end) return undefined;
    if (el.tag === 0xa0) {
      const oid = derElement(der, el.start);
      return oid?.tag === 0x06 && oid.end <= el.end
        ? bytesToHex(der.subarray(oid.start, oid.end))
        : undefined;
    }
    at = el.end;
  }
  return undefined;
}

/** One DER element at `at`: its tag and content range; undefined when the length is cut off or too long. */
function derElement(der: Uint8Array, at: number): { tag: number; start: number; end: number } | undefined {
  const tag = der[at];
  let len = der[at + 1];
  if (tag === undefined || len === undefined) return undefined;
  let start = at + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 2) return undefined;
    len = 0;
    for (let i = 0; i < count; i++) len = (len << 8) | (der[start + i] ?? 0);
    start += count;
  }
  return start + len <= der.length ? { tag, start, end: start + len } : undefined;
}

/** A fresh P-256 key (node:crypto's CSPRNG), as the hex text a key file holds (with a final newline). */
export function newDppKeyText(): string {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const der = privateKey.export({ format: "der", type: "sec1" });
  return bytesToHex(new Uint8Array(der)) + "\n";
}

/** The hex `dpp_bootstrap_gen key=` takes. Secret. */
export function keyHex(key: DppKey): string {
  return bytesToHex(key.der);
}

/**
 * What is wrong with a DPP key file, in words that name no path: the path is text from the provisioning
 * file, so messages name its field (`networks[i].key`) instead. Used by the file check and by dpp-uri.
 */
export function describeKeyProblem(problem: KeyProblem): string {
  switch (problem) {
    case "not-hex":
      return "the file it names must hold the hex digits of a DER ECPrivateKey";
    case "not-an-ec-key":
      return "the file it names does not hold a DER ECPrivateKey (RFC 5915)";
    case "not-p256":
      return "the file it names holds a key on another curve than P-256 (prime256v1)";
  }
}

function base64UrlBytes(s: string): Uint8Array {
  const b64 = s.replaceAll("-", "+").replaceAll("_", "/");
  return Uint8Array.from(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}
