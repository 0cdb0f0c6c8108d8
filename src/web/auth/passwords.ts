/**
 * Passwords: argon2id hashes (via the `argon2` package, which ships prebuilt binaries) and the rules a new
 * password must meet. Used by the web app's forms and by the CLI (`rungs user add`), so both refuse the
 * same passwords with the same messages.
 */
import argon2 from "argon2";
import { COMMON_PASSWORD_WORDS, COMMON_PASSWORDS } from "./common-passwords.js";

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

export const PASSWORD_MIN_LENGTH = 12;
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

/** Why a new password is refused: one message per problem, for the field at fault. */
export interface PasswordProblem {
  field: "password" | "confirm";
  message: string;
}

/**
 * Checks a new password (and its confirmation) before it is hashed. `about` is what the password must not
 * be built from: the person's name and email.
 */
export function checkNewPassword(
  password: unknown,
  confirm: unknown,
  about: { name?: string | null; email?: string | null } = {},
): PasswordProblem[] {
  if (typeof password !== "string" || password.length === 0) {
    return [{ field: "password", message: "Enter a password." }];
  }
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return [
      {
        field: "password",
        message: `Use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${length}). A few unrelated words make a long password that is easy to remember.`,
      },
    ];
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return [{ field: "password", message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` }];
  }
  if (password.trim() !== password) {
    return [{ field: "password", message: "Remove the spaces at the start or end of the password." }];
  }
  const problems: PasswordProblem[] = [];
  const why = guessable(password, about);
  if (why) problems.push({ field: "password", message: why });
  if (typeof confirm !== "string" || confirm !== password) {
    problems.push({
      field: "confirm",
      message: "The two passwords are not the same; type the new one twice.",
    });
  }
  return problems;
}

const WORDS = new Set(COMMON_PASSWORD_WORDS);
const WHOLE = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));
/** Sequences people slide along: the alphabet, digits, and the rows of the common keyboard layouts. */
const RUNS = [
  "abcdefghijklmnopqrstuvwxyz",
  "0123456789",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "qwertzuiop",
  "yxcvbnm",
  "azertyuiop",
  "qsdfghjklm",
  "wxcvbn",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
  "1q2w3e4r5t6y7u8i9o0p",
];

/** A message when the password is one an attacker tries early; undefined when it is not. */
function guessable(
  password: string,
  about: { name?: string | null; email?: string | null },
): string | undefined {
  const lower = password.toLowerCase();
  const common =
    "This password is on the list of commonly used passwords, so it is among the first an attacker tries. Choose another.";
  if (WHOLE.has(lower)) return common;
  // "passwordpassword", "abcabcabcabc", "aaaaaaaaaaaa": one short piece repeated
  if (/^(.{1,6})\1+$/su.test(lower)) {
    return "This password repeats the same few characters. Choose one that does not.";
  }
  // "123456789012", "qwertyuiopas", "abcdefghijkl": a run along the keyboard or the alphabet
  const compact = lower.replace(/\s+/g, "");
  if (RUNS.some((run) => isAlong(compact, run))) {
    return "This password follows a row of the keyboard or the alphabet. Choose another.";
  }
  // "Password2024!", "!!letmein!!", "1234monkey1234": a common word with only digits and symbols around it,
  // also with the usual letter-for-digit swaps undone (p4ssw0rd, s3cr3t)
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  if (core !== "" && [core, core.replace(/\s+/g, ""), unleet(core)].some((word) => WORDS.has(word))) {
    return common;
  }
  const personal = [about.name ?? "", ...(about.email ? [about.email, about.email.split("@")[0] ?? ""] : [])]
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ""))
    .filter((s) => s.length >= 4);
  const letters = lower.replace(/[^a-z0-9]/g, "");
  if (personal.some((p) => letters === p || letters.replace(/\d+$/, "") === p)) {
    return "This password is your name or email. Choose one that has nothing to do with them.";
  }
  return undefined;
}

function unleet(text: string): string {
  return text.replace(
    /[0134578@$!]/g,
    (c) =>
      ({ "0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", $: "s", "!": "i" })[
        c
      ] ?? c,
  );
}

/** Whether `text` is made only of consecutive steps along `run` (forwards or backwards, wrapping around). */
function isAlong(text: string, run: string): boolean {
  const forwards = (chars: string[]) => {
    let at = run.indexOf(chars[0] ?? "");
    if (at < 0) return false;
    for (const char of chars.slice(1)) {
      at = (at + 1) % run.length;
      if (run[at] !== char) return false;
    }
    return true;
  };
  const chars = [...text];
  return chars.length >= 2 && (forwards(chars) || forwards(chars.reverse()));
}
