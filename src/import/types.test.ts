/** The bend report as people read it: every kind named, and no kind listed past a screenful. */
import { describe, expect, it } from "vitest";
import { type Bend, formatBends } from "./types.js";

describe("formatBends", () => {
  it("lists each bend with its kind and location", () => {
    const bends: Bend[] = [
      { kind: "renamed", at: { file: "a.csv", line: 4 }, message: 'level "Senior " is read as senior' },
      { kind: "dropped", at: { file: "a.csv", line: 1, column: 9 }, message: "column colour" },
    ];
    expect(formatBends(bends)).toEqual([
      'renamed  a.csv:4: level "Senior " is read as senior',
      "dropped  a.csv:1:9: column colour",
    ]);
  });

  it("hostile: 100,000 bends of one kind are a hundred lines and a count; other kinds still listed", () => {
    const bends: Bend[] = Array.from({ length: 100_000 }, (_, i) => ({
      kind: "guessed",
      at: { file: "big.csv", line: i + 2 },
      message: `competency c${i} has no area; put in area general`,
    }));
    bends.push({ kind: "dropped", at: { file: "big.csv", line: 1 }, message: "column mystery" });
    const lines = formatBends(bends);
    expect(lines).toHaveLength(102);
    expect(lines[99]).toBe("guessed  big.csv:101: competency c99 has no area; put in area general");
    expect(lines.slice(100)).toEqual([
      "dropped  big.csv:1: column mystery",
      "guessed  … and 99900 more guessed bends not listed",
    ]);
  });
});
