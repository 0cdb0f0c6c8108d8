import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  closest,
  didYouMean,
  editDistance,
  escapeControl,
  isolated,
  SUGGESTION_MAX_LENGTH,
  SuggestionBudget,
} from "./text.js";
import { wrap } from "./text-view.js";

/** The whole table, as the definition says: what the banded version must agree with. */
function fullDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

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

  it("with a bound, gives the exact distance up to it and bound + 1 beyond, whatever the strings", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", "c", "d"), maxLength: 12 });
    fc.assert(
      fc.property(text, text, fc.nat(8), (a, b, max) => {
        const full = fullDistance(a, b);
        expect(editDistance(a, b)).toBe(full);
        expect(editDistance(a, b, max)).toBe(Math.min(full, max + 1));
      }),
      { seed: 12, numRuns: 2000 },
    );
  });

  it("stops at the bound: strings of very different lengths are not compared", () => {
    expect(editDistance("a".repeat(20_000), "b", 3)).toBe(4);
    expect(editDistance("a".repeat(20_000), `${"a".repeat(19_999)}b`, 2)).toBe(1);
    expect(editDistance(`x${"a".repeat(20_000)}`, `${"a".repeat(20_000)}y`, 1)).toBe(2);
  });

  it("suggests nothing for a word or candidate longer than the cap, however close", () => {
    const long = "a".repeat(SUGGESTION_MAX_LENGTH);
    expect(closest(`${long}b`, [`${long}c`])).toBeUndefined();
    expect(closest(`${long.slice(1)}b`, [`${long.slice(1)}c`])).toBe(`${long.slice(1)}c`);
    expect(closest("senoir", ["senior".repeat(50), "senior"])).toBe("senior");
  });
});

describe("a suggestion budget", () => {
  it("pays for every candidate compared, across calls, and suggests nothing once spent", () => {
    const budget = new SuggestionBudget(10);
    const ids = ["junior", "senior", "staff", "principal"];
    expect(didYouMean("junoir", ids, budget)).toBe('did you mean "junior"?');
    expect(didYouMean("senoir", ids, budget)).toBe('did you mean "senior"?');
    expect(didYouMean("staf", ids, budget)).toBeUndefined();
    expect(didYouMean("staf", ids)).toBe('did you mean "staff"?');
  });
});

describe("escapeControl", () => {
  it("writes every control character but tab and newline as a \\u escape", () => {
    expect(escapeControl("a\u001b[31mred\u001b[0m")).toBe("a\\u001b[31mred\\u001b[0m");
    expect(escapeControl("bell\u0007 cr\r nul\u0000 del\u007f csi\u009b2J")).toBe(
      "bell\\u0007 cr\\u000d nul\\u0000 del\\u007f csi\\u009b2J",
    );
    expect(escapeControl("tab\tand\nnewline stay; é, ü, 漢, 🙂 and U+00A0\u00a0too")).toBe(
      "tab\tand\nnewline stay; é, ü, 漢, 🙂 and U+00A0\u00a0too",
    );
  });

  it("writes the invisible direction controls as \\u escapes, so a quoted line shows in its own order", () => {
    expect(escapeControl("id: a\u202eevil\u202c \u2066x\u2069 \u2067\u2068 \u202a\u202b\u202d")).toBe(
      "id: a\\u202eevil\\u202c \\u2066x\\u2069 \\u2067\\u2068 \\u202a\\u202b\\u202d",
    );
    expect(escapeControl("marks \u200e \u200f \u061c; עברית and عربي stay")).toBe(
      "marks \\u200e \\u200f \\u061c; עברית and عربي stay",
    );
    const value = { name: "\u202e\u2066x" };
    expect(JSON.parse(escapeControl(JSON.stringify(value)))).toEqual(value);
  });

  it("keeps JSON valid and meaning the same", () => {
    const value = { text: "\u001b]0;title\u0007 \u0085 \u009b \u007f" };
    const escaped = escapeControl(JSON.stringify(value));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(escaped).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(JSON.parse(escaped)).toEqual(value);
  });
});

describe("wrap", () => {
  it("wraps at word boundaries with a first-line prefix and keeps paragraphs", () => {
    const text = wrap("one two three four five six seven\n\nnext paragraph here", "    ", "  - ", 20);
    expect(text).toBe("  - one two three\n    four five six\n    seven\n\n    next paragraph\n    here");
  });
});

describe("isolated", () => {
  it("sets a name between first-strong isolate and pop directional isolate", () => {
    expect(isolated("ארכיטקט 5")).toBe("\u2068ארכיטקט 5\u2069");
  });
  it("balances the name's own isolates, so it can neither close the isolate early nor keep it open", () => {
    // a stray pop is dropped; an isolate the name opens is closed before the name's own end
    expect(isolated("a\u2069b")).toBe("\u2068ab\u2069");
    expect(isolated("a\u2067b")).toBe("\u2068a\u2067b\u2069\u2069");
    expect(isolated("\u2066x\u2069\u2069")).toBe("\u2068\u2066x\u2069\u2069");
  });
});
