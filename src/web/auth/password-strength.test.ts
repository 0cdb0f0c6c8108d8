import { describe, expect, it } from "vitest";
import { checkNewPassword, PASSWORD_MIN_LENGTH } from "./password-strength.js";

const ADA = { name: "Ada Lovelace", email: "countess.ada@example.com" };

const messages = (password: string, about = {}, confirm = password) =>
  checkNewPassword(password, confirm, about).map((p) => `${p.field}: ${p.message}`);

describe("new passwords", () => {
  it("accepts long phrases of plain words and random strings, whatever their character classes", () => {
    for (const password of [
      "a long and unusual passphrase",
      "purple elephant dancing",
      "lovelace and babbage engines",
      "ümlaut straße 日本語 ok",
      "Tr0mbone-Lantern-Quiz",
      "zq8!Lmv#2pRw",
      "hjkwqpzmxnvb",
    ]) {
      expect(messages(password, ADA), password).toEqual([]);
    }
  });

  it(`needs at least ${PASSWORD_MIN_LENGTH} characters, counted as characters not bytes`, () => {
    expect(messages("")).toEqual(["password: Enter a password."]);
    expect(messages("short one")[0]).toContain("Use at least 12 characters (this one has 9)");
    expect(messages("日本語日本語日本語日本")[0]).toContain("(this one has 11)");
    expect(messages("x".repeat(1001))[0]).toContain("at most 1000");
  });

  it("refuses what guessers try first, and says why in the form's words", () => {
    const why = (password: string, about = {}) => {
      const found = messages(password, about);
      expect(found, password).toHaveLength(1);
      return found[0] ?? "";
    };
    // common passwords, also decorated with digits, symbols, capitals and look-alike swaps
    expect(why("password1234")).toContain("a common password with small changes");
    expect(why("Password2024!")).toContain("a common password with small changes");
    expect(why("P@ssw0rd12345")).toContain("look-alike digits or symbols");
    expect(why("administrator")).toContain("mostly a single word");
    // a season or a name with a year and symbols: the score 3 of the estimator would have let these in
    expect(why("Summer2024!!!")).toContain("too easy to guess");
    expect(why("Dragon2024!!")).toContain("too easy to guess");
    // keyboard walks, sequences and repeats
    expect(why("1qaz2wsx3edc")).toContain("too easy to guess");
    expect(why("qwertyuiop12")).toContain("too easy to guess");
    expect(why("abcdefghijklm")).toContain("runs along the alphabet or the digits");
    expect(why("9876543210987")).toContain("runs along the alphabet or the digits");
    expect(why("aaaaaaaaaaaaaa")).toContain("repeats the same character");
    expect(why("abcabcabcabc")).toContain("repeats the same few characters");
    // dates
    expect(why("19/12/1985abcd")).toContain("contains a date");
    // every message ends with what to do instead
    expect(why("password1234")).toContain("Several unrelated words");
  });

  it("refuses the person's own name or email, and the name of this site", () => {
    const personal = "contains your name, your email or the name of this site";
    for (const password of [
      "Ada Lovelace",
      "adalovelace1815",
      "countessada2030",
      "countess.ada@example.com",
      "Lovelace2024!!",
    ]) {
      expect(messages(password, ADA)[0], password).toContain("too easy to guess");
    }
    expect(messages("countessada2030", ADA)[0]).toContain(personal);
    expect(messages("rungsrungs2025")[0]).toContain("too easy to guess");
    // the same words are fine for someone else
    expect(messages("countessada2030", { name: "Grace Hopper", email: "grace@example.org" })).toEqual([]);
  });

  it("needs the confirmation to match, and no spaces at the ends", () => {
    expect(messages("a long and unusual passphrase", {}, "a long and unusual passphrase!")).toEqual([
      "confirm: The two passwords are not the same; type the new one twice.",
    ]);
    expect(messages(" a long and unusual passphrase")[0]).toContain("spaces at the start or end");
    expect(checkNewPassword(undefined, undefined)).toHaveLength(1);
  });

  it("estimates only the first 64 characters, so a long paste cannot keep the server busy", () => {
    // weak for its first 64 characters: refused, whatever comes after (the estimate would otherwise take seconds)
    expect(messages(`${"a".repeat(64)}${"zq8!Lmv#2pRw".repeat(40)}`)[0]).toContain(
      "repeats the same character",
    );
    // strong within its first 64 characters: accepted, however long
    expect(messages(`purple elephant dancing ${"a".repeat(900)}`)).toEqual([]);
  });
});
