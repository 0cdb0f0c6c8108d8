import { describe, expect, it } from "vitest";
import { frameworkId, multiLine, oneLine, recordId, wholeNumber } from "./fields.js";

describe("field rules", () => {
  it("one line: trimmed, no control characters, length in code points", () => {
    expect(oneLine(5).parse("  abc  ")).toBe("abc");
    expect(oneLine(5).safeParse("a\u0000b").success).toBe(false);
    expect(oneLine(5).safeParse("a\u0085b").success).toBe(false);
    expect(oneLine(5).safeParse("a\nb").success).toBe(false);
    // five emoji are five characters, though ten UTF-16 units
    expect(oneLine(5).safeParse("😀😀😀😀😀").success).toBe(true);
    expect(oneLine(5).safeParse("😀😀😀😀😀😀").success).toBe(false);
    expect(oneLine("personName").safeParse("x".repeat(201)).success).toBe(false);
  });

  it("several lines keep tabs and breaks and refuse other controls", () => {
    expect(multiLine(20).parse("a\n\tb\r\n")).toBe("a\n\tb\r\n");
    expect(multiLine(20).safeParse("a\u001bb").success).toBe(false);
  });

  it("half a character (a lone surrogate, as JSON's \\ud800 gives) is refused in either kind of text", () => {
    for (const bad of ["a\ud800", "\udc00b", "x\ude00\ud83dy"]) {
      expect(oneLine(20).safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(multiLine(20).safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(oneLine(20).parse("\ud83d\ude00")).toBe("😀");
  });

  it("ids, record ids and whole numbers from text", () => {
    expect(frameworkId().safeParse("backend-engineer").success).toBe(true);
    for (const bad of ["Backend", "a--b", "-a", "", "a/b", "x".repeat(201)]) {
      expect(frameworkId().safeParse(bad).success, bad).toBe(false);
    }
    expect(recordId().safeParse("00000000-0000-4000-8000-000000000000").success).toBe(true);
    expect(recordId().safeParse("nope").success).toBe(false);
    expect(wholeNumber(1, 100).parse("42")).toBe(42);
    for (const bad of ["0", "101", "ten", "-1", "1.5", "", "9999999"]) {
      expect(wholeNumber(1, 100).safeParse(bad).success, bad).toBe(false);
    }
  });
});
