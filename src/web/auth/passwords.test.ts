import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, PASSWORD_HASHING, verifyPassword } from "./passwords.js";

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
