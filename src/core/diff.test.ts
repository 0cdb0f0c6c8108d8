import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DiffPart, diffSide, diffWords, isSpace, tokenize, wordDiff } from "./diff.js";

const changes = (parts: DiffPart[]) => parts.filter((p) => p.op !== "same");

describe("tokenize", () => {
  it("splits words, whitespace runs and single punctuation marks, keeping apostrophes inside words", () => {
    expect(tokenize("The team's code, well-tested.")).toEqual([
      "The",
      " ",
      "team's",
      " ",
      "code",
      ",",
      " ",
      "well",
      "-",
      "tested",
      ".",
    ]);
    expect(tokenize("")).toEqual([]);
  });
});

describe("diffWords", () => {
  it("identical texts are one unchanged part", () => {
    expect(diffWords("Designs the system.", "Designs the system.")).toEqual([
      { op: "same", text: "Designs the system." },
    ]);
  });

  it("empty on either side is a pure addition or removal; both empty is no parts", () => {
    expect(diffWords("", "")).toEqual([]);
    expect(diffWords("", "new words")).toEqual([{ op: "add", text: "new words" }]);
    expect(diffWords("old words", "")).toEqual([{ op: "remove", text: "old words" }]);
  });

  it("marks inserted words, with the surrounding text unchanged", () => {
    expect(diffWords("Owns a component.", "Owns a shared component.")).toEqual([
      { op: "same", text: "Owns a " },
      { op: "add", text: "shared " },
      { op: "same", text: "component." },
    ]);
  });

  it("marks deleted words", () => {
    expect(diffWords("Leads the whole team well.", "Leads the team.")).toEqual([
      { op: "same", text: "Leads the " },
      { op: "remove", text: "whole " },
      { op: "same", text: "team" },
      { op: "remove", text: " well" },
      { op: "same", text: "." },
    ]);
  });

  it("a replaced phrase reads as one removal then one addition, not word by word", () => {
    expect(diffWords("Sets the bar for one team.", "Sets the bar for several groups.")).toEqual([
      { op: "same", text: "Sets the bar for " },
      { op: "remove", text: "one team" },
      { op: "add", text: "several groups" },
      { op: "same", text: "." },
    ]);
  });

  it("short words caught between replacements fold into one replaced phrase; longer shared words stay", () => {
    expect(diffWords("Partners with product on plans.", "Works with engineering on goals.")).toEqual([
      { op: "remove", text: "Partners with product on plans" },
      { op: "add", text: "Works with engineering on goals" },
      { op: "same", text: "." },
    ]);
    expect(diffWords("Typically five years, often more.", "Typically seven years, rarely less.")).toEqual([
      { op: "same", text: "Typically " },
      { op: "remove", text: "five" },
      { op: "add", text: "seven" },
      { op: "same", text: " years, " },
      { op: "remove", text: "often more" },
      { op: "add", text: "rarely less" },
      { op: "same", text: "." },
    ]);
  });

  it("is case-sensitive", () => {
    expect(changes(diffWords("Team", "team"))).toEqual([
      { op: "remove", text: "Team" },
      { op: "add", text: "team" },
    ]);
  });

  it("a reordering keeps the longest common run and marks the moved words on both sides", () => {
    const parts = diffWords("planning delivery hiring", "hiring delivery planning");
    expect(diffSide(parts, "a")).toBe("planning delivery hiring");
    expect(diffSide(parts, "b")).toBe("hiring delivery planning");
    expect(parts.filter((p) => p.op === "same").map((p) => p.text)).toContain(" delivery ");
    expect(changes(parts).length).toBeGreaterThan(0);
  });

  it("is deterministic", () => {
    const a = "Designs the internal structure of services so the team can change them safely.";
    const b = "Designs systems shared by several teams so they can change them safely and cheaply.";
    expect(JSON.stringify(diffWords(a, b))).toBe(JSON.stringify(diffWords(a, b)));
  });

  it("falls back to one removal and one addition for texts too long to align, still exact", () => {
    const a = Array.from({ length: 2500 }, (_, i) => `a${i}`).join(" ");
    const b = Array.from({ length: 2500 }, (_, i) => `b${i}`).join(" ");
    const parts = diffWords(a, b);
    expect(diffSide(parts, "a")).toBe(a);
    expect(diffSide(parts, "b")).toBe(b);
  });

  it("property: same+remove gives a, same+add gives b, and no two neighbouring parts share an op", () => {
    const word = fc.constantFrom("the", "team", "Team", "owns", "a", "system", "safely", "it's", "x");
    const sep = fc.constantFrom(" ", "  ", ", ", ". ", "\n", "-", "");
    const text = fc
      .array(fc.tuple(word, sep), { maxLength: 30 })
      .map((pairs) => pairs.map(([w, s]) => w + s).join(""));
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), fc.oneof(text, fc.string()), (a, b) => {
        const parts = diffWords(a, b);
        expect(diffSide(parts, "a")).toBe(a);
        expect(diffSide(parts, "b")).toBe(b);
        for (let i = 1; i < parts.length; i++) expect(parts[i]?.op).not.toBe(parts[i - 1]?.op);
        expect(parts.every((p) => p.text.length > 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("property: leaving the shared ends out of the tokenizing gives the diff of every token", () => {
    // what sits at a cut: words, inner apostrophes, whitespace of several kinds, marks, astral letters
    const piece = fc.constantFrom(
      "team",
      "it's",
      "it’s",
      "a",
      "9",
      " ",
      "  ",
      "\u00a0",
      "\n",
      "\t",
      ",",
      ".",
      "'",
      "’",
      "-",
      "𝐀",
      "𝐀b",
      "é",
    );
    const text = fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join(""));
    // the second text is the first with a few pieces changed in the middle, so the two share long ends
    const pair = fc
      .tuple(text, text, text, fc.array(piece, { maxLength: 3 }), fc.array(piece, { maxLength: 3 }))
      .map(
        ([head, tail, alone, x, y]) => [head + x.join("") + tail, head + y.join("") + tail, alone] as const,
      );
    fc.assert(
      fc.property(pair, ([a, b, alone]) => {
        for (const [x, y] of [
          [a, b],
          [b, a],
          [a, alone],
        ] as const)
          expect(diffWords(x, y)).toEqual(wordDiff(x, y, { head: 0, tail: 0 }));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("isSpace", () => {
  it("is `\\s` for every UTF-16 unit", () => {
    const differ: number[] = [];
    for (let code = 0; code <= 0xffff; code++)
      if (isSpace(code) !== /\s/.test(String.fromCharCode(code))) differ.push(code);
    expect(differ).toEqual([]);
  });
});
