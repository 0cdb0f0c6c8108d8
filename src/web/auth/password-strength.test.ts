import { describe, expect, it } from "vitest";
import { checkNewPassword, PASSWORD_MIN_LENGTH } from "./password-strength.js";

const ADA = { name: "Ada Lovelace", email: "countess.ada@example.com" };

const messages = async (password: string, about = {}, confirm = password) =>
  (await checkNewPassword(password, confirm, about)).map((p) => `${p.field}: ${p.message}`);

describe("new passwords", () => {
  it("accepts long phrases of plain words and random strings, whatever their character classes", async () => {
    for (const password of [
      "a long and unusual passphrase",
      "purple elephant dancing",
      "lovelace and babbage engines",
      "ümlaut straße 日本語 ok",
      "Tr0mbone-Lantern-Quiz",
      "zq8!Lmv#2pRw",
      "hjkwqpzmxnvb",
    ]) {
      expect(await messages(password, ADA), password).toEqual([]);
    }
  });

  it(`needs at least ${PASSWORD_MIN_LENGTH} characters, counted as characters not bytes`, async () => {
    expect(await messages("")).toEqual(["password: Enter a password."]);
    expect((await messages("short one"))[0]).toContain("Use at least 12 characters (this one has 9)");
    expect((await messages("日本語日本語日本語日本"))[0]).toContain("(this one has 11)");
    expect((await messages("x".repeat(1001)))[0]).toContain("at most 1000");
  });

  it("refuses what guessers try first, and says why in the form's words", async () => {
    const why = async (password: string, about = {}) => {
      const found = await messages(password, about);
      expect(found, password).toHaveLength(1);
      return found[0] ?? "";
    };
    // common passwords, also decorated with digits, symbols, capitals and look-alike swaps
    expect(await why("password1234")).toContain("a common password with small changes");
    expect(await why("Password2024!")).toContain("a common password with small changes");
    expect(await why("P@ssw0rd12345")).toContain("look-alike digits or symbols");
    expect(await why("administrator")).toContain("mostly a single word");
    // a season or a name with a year and symbols: the score 3 of the estimator would have let these in
    expect(await why("Summer2024!!!")).toContain("too easy to guess");
    expect(await why("Dragon2024!!")).toContain("too easy to guess");
    // keyboard walks, sequences and repeats
    expect(await why("1qaz2wsx3edc")).toContain("too easy to guess");
    expect(await why("qwertyuiop12")).toContain("too easy to guess");
    expect(await why("abcdefghijklm")).toContain("runs along the alphabet or the digits");
    expect(await why("9876543210987")).toContain("runs along the alphabet or the digits");
    expect(await why("aaaaaaaaaaaaaa")).toContain("repeats the same character");
    expect(await why("abcabcabcabc")).toContain("repeats the same few characters");
    // dates
    expect(await why("19/12/1985abcd")).toContain("contains a date");
    // every message ends with what to do instead
    expect(await why("password1234")).toContain("Several unrelated words");
  });

  it("refuses a well-known phrase, a piece of one, or one with a few characters added", async () => {
    for (const password of [
      "correct horse battery staple",
      "Correct-Horse-Battery-Staple!",
      "correcthorsebatterystaple1",
      "the quick brown fox",
      "May the Force be with you",
      "to be or not to be",
    ]) {
      expect((await messages(password, ADA))[0], password).toContain("it is a well-known phrase");
    }
    // a famous phrase inside a longer password of one's own is judged as a whole
    expect(await messages("correct horse battery staple under violet kettles", ADA)).toEqual([]);
  });

  it("refuses the person's own name or email, and the name of this site", async () => {
    const personal = "contains your name, your email or the name of this site";
    for (const password of [
      "Ada Lovelace",
      "adalovelace1815",
      "countessada2030",
      "countess.ada@example.com",
      "Lovelace2024!!",
    ]) {
      expect((await messages(password, ADA))[0], password).toContain("too easy to guess");
    }
    expect((await messages("countessada2030", ADA))[0]).toContain(personal);
    expect((await messages("rungsrungs2025"))[0]).toContain("too easy to guess");
    // the same words are fine for someone else
    expect(await messages("countessada2030", { name: "Grace Hopper", email: "grace@example.org" })).toEqual(
      [],
    );
  });

  it("needs the confirmation to match, and no spaces at the ends", async () => {
    expect(await messages("a long and unusual passphrase", {}, "a long and unusual passphrase!")).toEqual([
      "confirm: The two passwords are not the same; type the new one twice.",
    ]);
    expect((await messages(" a long and unusual passphrase"))[0]).toContain("spaces at the start or end");
    expect(await checkNewPassword(undefined, undefined)).toHaveLength(1);
  });

  it("estimates only the first 64 characters, so a long paste cannot keep the server busy", async () => {
    // weak for its first 64 characters: refused, whatever comes after (the estimate would otherwise take seconds)
    expect((await messages(`${"a".repeat(64)}${"zq8!Lmv#2pRw".repeat(40)}`))[0]).toContain(
      "repeats the same character",
    );
    // strong within its first 64 characters: accepted, however long
    expect(await messages(`purple elephant dancing ${"a".repeat(900)}`)).toEqual([]);
  });
});
