import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/*
 * A backup's signature: HMAC-SHA256, keyed with the instance's secret (RUNGS_SECRET), over the backup's
 * canonical JSON (every key sorted, no spaces, the signature itself left out). Canonical, so reformatting
 * the file or reordering its keys does not break it, while any change to any value does. With the
 * signature goes a key id (a hash of the secret, which does not reveal it), so a restore can tell "signed
 * with another secret" from "changed after it was signed".
 */

export const SIGNATURE_ALGORITHM = "HMAC-SHA256";

/** The shortest secret accepted: 32 characters, e.g. `openssl rand -base64 32` (44). */
export const SECRET_MIN_LENGTH = 32;

export interface BackupSignature {
  algorithm: typeof SIGNATURE_ALGORITHM;
  /** Which secret signed it: the first 16 hex digits of a hash of the secret. */
  key: string;
  /** The HMAC, hex. */
  value: string;
}

/** `value` as JSON with every object's keys sorted and no whitespace: the same text for the same data. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function keyId(secret: string): string {
  return createHash("sha256").update(`rungs backup key\u0000${secret}`).digest("hex").slice(0, 16);
}

function hmac(secret: string, unsigned: unknown): string {
  return createHmac("sha256", secret).update(canonicalJson(unsigned)).digest("hex");
}

/** The signature of a document (given without its `signature`). */
export function signBackup(unsigned: unknown, secret: string): BackupSignature {
  return { algorithm: SIGNATURE_ALGORITHM, key: keyId(secret), value: hmac(secret, unsigned) };
}

export type SignatureCheck = "valid" | "unsigned" | "other-secret" | "modified" | "no-secret";

/** Whether `signature` is the one `secret` makes for the document (given without its `signature`). */
export function checkSignature(
  unsigned: unknown,
  signature: BackupSignature | undefined,
  secret: string | undefined,
): SignatureCheck {
  if (!signature) return "unsigned";
  if (!secret) return "no-secret";
  if (signature.key !== keyId(secret)) return "other-secret";
  const expected = Buffer.from(hmac(secret, unsigned), "hex");
  const given = Buffer.from(signature.value, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? "valid" : "modified";
}
