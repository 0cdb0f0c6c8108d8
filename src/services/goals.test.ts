import { describe, expect, it } from "vitest";
import { textLength } from "../store/text-limits.js";
import { withinLimit } from "./goals.js";

describe("a suggested goal kept within the limit", () => {
  it("is unchanged when it fits", () => {
    expect(withinLimit("Lead the design review.", 40)).toBe("Lead the design review.");
  });

  it("is cut at a word with … when it is longer, counting characters, not UTF-16 units", () => {
    const long = `${"Review the service's design with the team ".repeat(200)}and write it down.`;
    const kept = withinLimit(long, 4_000);
    expect(textLength(kept)).toBeLessThanOrEqual(4_000);
    expect(kept.endsWith("…")).toBe(true);
    expect(long.startsWith(kept.slice(0, -1))).toBe(true);
    expect(kept.slice(0, -1)).toMatch(/\S$/);
    const emoji = "😀".repeat(50);
    expect(textLength(withinLimit(emoji, 10))).toBe(10);
    expect(withinLimit(emoji, 10).isWellFormed()).toBe(true);
  });
});
