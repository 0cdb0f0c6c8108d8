import { describe, expect, it } from "vitest";
import { COMMON_PASSWORD_WORDS, COMMON_PASSWORDS } from "./common-passwords.js";
import {
  checkNewPassword,
  hashPassword,
  needsRehash,
  PASSWORD_HASHING,
  PASSWORD_MIN_LENGTH,
  verifyPassword,
} from "./passwords.js";

const messages = (password: string, confirm = password, about = {}) =>
  checkNewPassword(password, confirm, about).map((p) => `${p.field}: ${p.message}`);

describe("new passwords", () => {
  it("accepts a long password that is not built from a common word", () => {
    expect(messages("a long and unusual passphrase")).toEqual([]);
    expect(messages("Tr0mbone-Lantern-Quiz")).toEqual([]);
    expect(messages("ümlaut straße 日本語 ok")).toEqual([]);
  });

  it(`needs at least ${PASSWORD_MIN_LENGTH} characters, counted as characters not bytes`, () => {
    expect(messages("")).toEqual(["password: Enter a password."]);
    expect(messages("short one")[0]).toContain("Use at least 12 characters (this one has 9)");
    expect(messages("日本語日本語日本語日本")[0]).toContain("(this one has 11)");
    expect(messages("x".repeat(1001))[0]).toContain("at most 1000");
  });

  it("refuses common passwords, also with digits and symbols around them or letters swapped for digits", () => {
    for (const password of [
      "password1234",
      "Password2024!",
      "!!letmein!!2025",
      "1234monkey1234",
      "P@ssw0rd12345",
      "qwertyuiop12",
      "administrator",
      "correct horse battery staple",
      "Rungs12345678",
      "hello world 123",
    ]) {
      expect(messages(password)[0], password).toContain("commonly used passwords");
    }
  });

  it("refuses repeats and runs along the keyboard or the alphabet", () => {
    expect(messages("aaaaaaaaaaaaaa")[0]).toContain("repeats");
    expect(messages("abcabcabcabc")[0]).toContain("repeats");
    expect(messages("123456789012")[0]).toMatch(/commonly used|keyboard/);
    expect(messages("9876543210987")[0]).toContain("keyboard or the alphabet");
    expect(messages("abcdefghijklm")[0]).toContain("keyboard or the alphabet");
    expect(messages("zxcvbnmzxcvbn")[0]).toMatch(/repeats|keyboard/);
  });

  it("refuses the person's own name or email", () => {
    const about = { name: "Ada Lovelace", email: "countess.ada@example.com" };
    expect(messages("Ada Lovelace", "Ada Lovelace", about)[0]).toContain("your name or email");
    expect(messages("countessada2030", "countessada2030", about)[0]).toContain("your name or email");
    expect(messages("countess.ada@example.com", "countess.ada@example.com", about)[0]).toContain(
      "your name or email",
    );
    expect(messages("lovelace and babbage engines", "lovelace and babbage engines", about)).toEqual([]);
  });

  it("needs the confirmation to match, and no spaces at the ends", () => {
    expect(messages("a long and unusual passphrase", "a long and unusual passphrase!")).toEqual([
      "confirm: The two passwords are not the same; type the new one twice.",
    ]);
    expect(messages(" a long and unusual passphrase")[0]).toContain("spaces at the start or end");
    expect(checkNewPassword(undefined, undefined)).toHaveLength(1);
  });

  it("keeps its own list of a few hundred common passwords, all lower case", () => {
    expect(COMMON_PASSWORD_WORDS.length).toBeGreaterThan(250);
    expect(new Set(COMMON_PASSWORD_WORDS).size).toBe(COMMON_PASSWORD_WORDS.length);
    for (const word of [...COMMON_PASSWORD_WORDS, ...COMMON_PASSWORDS]) expect(word).toBe(word.toLowerCase());
    // every whole entry is refused, as typed and in capitals
    for (const password of COMMON_PASSWORDS) {
      expect(messages(password).length, password).toBeGreaterThan(0);
      expect(messages(password.toUpperCase()).length, password).toBeGreaterThan(0);
    }
  });
});

describe("password hashes", () => {
  it("are argon2id PHC strings with the documented parameters, salted, and verify", async () => {
    const one = await hashPassword("a long and unusual passphrase");
    const two = await hashPassword("a long and unusual passphrase");
    expect(one).toMatch(
      new RegExp(
        `^\\$argon2id\\$v=19\\$m=${PASSWORD_HASHING.memoryCost},p=${PASSWORD_HASHING.parallelism},t=${PASSWORD_HASHING.timeCost}\\$`,
      ),
    );
    expect(one).not.toBe(two);
    expect(await verifyPassword(one, "a long and unusual passphrase")).toBe(true);
    expect(await verifyPassword(one, "a long and unusual passphrasE")).toBe(false);
    expect(needsRehash(one)).toBe(false);
  });

  it("treat a missing or malformed hash as a mismatch, never an error", async () => {
    expect(await verifyPassword(null, "anything at all")).toBe(false);
    expect(await verifyPassword(undefined, "anything at all")).toBe(false);
    expect(await verifyPassword("not a hash", "anything at all")).toBe(false);
    expect(await verifyPassword(await hashPassword("x".repeat(20)), "x".repeat(5000))).toBe(false);
  });

  it("ask for a rehash when the parameters were weaker", async () => {
    const argon2 = (await import("argon2")).default;
    const old = await argon2.hash("a long and unusual passphrase", {
      type: argon2.argon2id,
      memoryCost: 8192,
      timeCost: 1,
      parallelism: 1,
    });
    expect(needsRehash(old)).toBe(true);
    expect(await verifyPassword(old, "a long and unusual passphrase")).toBe(true);
  });
});
