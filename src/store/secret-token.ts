import { createHash, randomBytes } from "node:crypto";

/**
 * Session and one-time tokens: 32 random bytes, base64url (43 characters), handed out once. Only the
 * SHA-256 is stored, so a copy of the database (or a backup) signs nobody in. A plain hash suffices here
 * (unlike passwords) because the token has 256 bits of entropy: there is nothing to guess.
 */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashSecretToken(token) };
}

/** The stored form of a token: SHA-256, lower-case hex. */
export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
