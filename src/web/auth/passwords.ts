/**
 * Passwords: argon2id hashes (via the `argon2` package, which ships prebuilt binaries). What a new password
 * must be is in password-strength.ts.
 */
import argon2 from "argon2";

/**
 * argon2id with OWASP's first recommended setting (Password Storage Cheat Sheet, 2023; RFC 9106 §4 allows
 * trading memory for passes): 19 MiB of memory, 2 passes, 1 lane.
 *
 * - parallelism 1: these machines have 2 cores. One sign-in keeps one core busy for ~25 ms and leaves the
 *   other serving pages; more lanes would make one sign-in take both cores without making the hash harder
 *   to crack per byte of memory.
 * - memory 19 MiB: hashing runs on libuv's 4 worker threads, so at most ~76 MiB at once however many
 *   sign-ins arrive (and sign-in is rate-limited per account and per address before any hashing).
 * - time cost 2: with 19 MiB the setting OWASP pairs with it; ~25 ms on this hardware.
 *
 * The parameters are stored in each hash (PHC string), so raising them later needs no migration: a
 * password hashed with older parameters is rehashed when its owner next signs in (`needsRehash`).
 */
export const PASSWORD_HASHING = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Long enough for any passphrase; bounded so a megabyte "password" cannot be posted to burn CPU. */
export const PASSWORD_MAX_LENGTH = 1_000;

/** The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) to store for a password. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, PASSWORD_HASHING);
}

/**
 * Whether `password` matches `hash`. Never throws: a malformed stored hash is a mismatch. With no hash
 * (unknown email, no password set) it still spends the time of one verification, so the answer's timing
 * does not tell which emails have accounts.
 */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (typeof password !== "string" || password.length > PASSWORD_MAX_LENGTH) return false;
  try {
    if (!hash) {
      await argon2.verify(await dummyHash(), password);
      return false;
    }
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** True when the stored hash was made with other parameters than today's (rehash on the next sign-in). */
export function needsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, PASSWORD_HASHING);
  } catch {
    return true;
  }
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= argon2.hash("not anybody's password: equalises timing", PASSWORD_HASHING);
  return dummy;
}
