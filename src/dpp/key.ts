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
    return { ok: false, problem: "not-an-ec-key" };
  }
  if (jwk.kty !== "EC" || jwk.crv !== "P-256" || !jwk.x || !jwk.y) return { ok: false, problem: "not-p256" };
  const publicKeyDer = compressedSpki(base64UrlBytes(jwk.x), base64UrlBytes(jwk.y));
  return { ok: true, key: { der, publicKeyDer } };
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

/** One line for a key problem, naming the file but never its content. */
export function describeKeyProblem(path: string, problem: KeyProblem): string {
  switch (problem) {
    case "not-hex":
      return `DPP key file "${path}" must hold the hex digits of a DER ECPrivateKey`;
    case "not-an-ec-key":
      return `DPP key file "${path}" does not hold a DER ECPrivateKey (RFC 5915)`;
    case "not-p256":
      return `DPP key file "${path}" holds a key on another curve than P-256 (prime256v1)`;
  }
}

function base64UrlBytes(s: string): Uint8Array {
  const b64 = s.replaceAll("-", "+").replaceAll("_", "/");
  return Uint8Array.from(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}
