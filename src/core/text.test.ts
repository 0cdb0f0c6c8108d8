import { describe, expect, it } from "vitest";
import { closest, didYouMean, editDistance } from "./text.js";
import { wrap } from "./text-view.js";

describe("did you mean", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("mdi", "mid")).toBe(1);
    expect(editDistance("senior", "senoir")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("suggests close names, ids that start with the word, and nothing far away", () => {
    expect(didYouMean("sumary", ["summary", "narrative"])).toBe('did you mean "summary"?');
    expect(closest("backend", ["backend-engineer", "frontend-engineer"])).toBe("backend-engineer");
    expect(closest("eng", ["engineering", "english"])).toBeUndefined();
    expect(closest("colour", ["id", "name", "kind"])).toBeUndefined();
  });
});

describe("wrap", () => {
  it("wraps at word boundaries with a first-line prefix and keeps paragraphs", () => {
    const text = wrap("one two three four five six seven\n\nnext paragraph here", "    ", "  - ", 20);
    expect(text).toBe("  - one two three\n    four five six\n    seven\n\n    next paragraph\n    here");
  });
});
