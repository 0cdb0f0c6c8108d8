import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, PASSWORD_HASHING, verifyPassword } from "./passwords.js";

describe("password hashes", () => {
  it("are argon2id PHC strings with the documented parameters, salted, and verify", async () => {
    const one = await hashPassword("a long and unusual passphrase");
    const two = await hashPassword("a long and unusual passphrase");
    expect(one).toMatch(
      new RegExp(
        `^\\$argon2id\\$v=19\\$m=${PASSWORD_HASHING.memoryCost},t=${PASSWORD_HASHING.timeCost},p=${PASSWORD_HASHING.parallelism}\\$`,
      ),
    );
    expect(one).not.toBe(two);
    expect(await verifyPassword(one, "a long and unusual passphrase")).toBe(true);
    expect(await verifyPassword(one, "a long and unusual passphrasE")).toBe(false);
    expect(await needsRehash(one)).toBe(false);
  });

  it("treat a missing or malformed hash as a mismatch, never an error", async () => {
    expect(await verifyPassword(null, "anything at all")).toBe(false);
    expect(await verifyPassword(undefined, "anything at all")).toBe(false);
    expect(await verifyPassword("not a hash", "anything at all")).toBe(false);
    expect(await verifyPassword(await hashPassword("x".repeat(20)), "x".repeat(5000))).toBe(false);
  });

  /*
   * Hashes made by the `argon2` package (node-argon2 0.45), which rungs used before @node-rs/argon2: that
   * package orders the parameters m, p, t. People who set a password then must still be able to sign in.
   */
  const PASSPHRASE = "correct horse battery staple, rungs";
  const BY_OLD_PACKAGE = {
    today:
      "$argon2id$v=19$m=19456,p=1,t=2$Nbozex/mqxWiT0MctiSSkQ$TmMlt1v1CHRvNPP1PCrCd3Iw/Pj7F7a/cQsiRZ4Sw1M",
    weaker:
      "$argon2id$v=19$m=8192,p=1,t=1$A3IrhBsSFyNX7pGN6iX/nA$chjJSSQhI2+SxiVVQ8AEYql/K29k/IjMF0ZsXc1X16A",
    argon2i:
      "$argon2i$v=19$m=19456,p=1,t=2$+yzOb5zajExC0+BLH29Rug$MPkrWjN/wrAJMmBmK4Z2RU6MiRDI+6Am1E25KbdJuCs",
  };

  it("made by the argon2 package before still verify, and only weaker or other kinds ask for a rehash", async () => {
    for (const made of Object.values(BY_OLD_PACKAGE)) {
      expect(await verifyPassword(made, PASSPHRASE), made).toBe(true);
      expect(await verifyPassword(made, `${PASSPHRASE}!`), made).toBe(false);
    }
    expect(await needsRehash(BY_OLD_PACKAGE.today)).toBe(false);
    expect(await needsRehash(BY_OLD_PACKAGE.weaker)).toBe(true);
    expect(await needsRehash(BY_OLD_PACKAGE.argon2i)).toBe(true);
  });

  it("ask for a rehash when a stored hash cannot be read", async () => {
    expect(await needsRehash("not a hash")).toBe(true);
    expect(await needsRehash("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
  });
});
