/**
/**
 * Passwords: argon2id hashes (via `@node-rs/argon2`, whose binaries come prebuilt in npm packages, one per
 * platform, so installing compiles nothing). What a new password must be is in password-strength.ts.
 */
import type * as Argon2 from "@node-rs/argon2";

/**
 * The native module, opened when a password is first hashed or checked: a server loads no addon before its
 * first answer (~13 ms of CPU), and one nobody signs in to never loads it.
 */
let argon2Module: Promise<typeof Argon2> | undefined;
const argon2 = () => (argon2Module ??= import("@node-rs/argon2"));

/*
 * The package declares these as `const enum`s, which exist only at compile time (its runtime `Algorithm` is
 * an empty object) and cannot be imported under `isolatedModules`: their values are spelled out here.
 */
const ARGON2ID = 2 as Argon2.Algorithm;
/** Argon2 version 1.3 (`v=19`), the current one; the package's `Version.V0x13`. */
const ARGON2_VERSION_19 = 1;

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
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Long enough for any passphrase; bounded so a megabyte "password" cannot be posted to burn CPU. */
export const PASSWORD_MAX_LENGTH = 1_000;

/** The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) to store for a password. */
export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, PASSWORD_HASHING);
}

/**
 * Whether `password` matches `hash`. Never throws: a malformed stored hash is a mismatch. With no hash
 * (unknown email, no password set) it still spends the time of one verification, so the answer's timing
 * does not tell which emails have accounts.
 */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (typeof password !== "string" || password.length > PASSWORD_MAX_LENGTH) return false;
  const { verify } = await argon2();
  try {
    if (!hash) {
      await verify(await dummyHash(), password);
      return false;
    }
    return await verify(hash, password);
  } catch {
    return false;
  }
}

/** True when the stored hash was made with other parameters than today's (rehash on the next sign-in). */
export async function needsRehash(hash: string): Promise<boolean> {
  const { parseOptions } = await argon2();
  try {
    const made = parseOptions(hash);
    return (
      made.algorithm !== PASSWORD_HASHING.algorithm ||
      made.version !== ARGON2_VERSION_19 ||
      made.memoryCost !== PASSWORD_HASHING.memoryCost ||
      made.timeCost !== PASSWORD_HASHING.timeCost ||
      made.parallelism !== PASSWORD_HASHING.parallelism
    );
  } catch {
    return true;
  }
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword("not anybody's password: equalises timing");
  return dummy;
}
