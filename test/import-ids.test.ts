/**
 * Ids from names (src/import/ids.ts): many names that make one slug get `-2`, `-3`… in their sorted order,
 * skipping ids already taken, in one pass. 50,000 such names took minutes when each name searched for its
 * suffix from `-2` again; the test asserts the ids, and the default test timeout catches a slow return.
 */
import { describe, expect, it } from "vitest";
import { allocateIds, slugify } from "../src/import/ids.js";

describe("allocateIds", () => {
  it("suffixes names that make one slug in sorted order, skipping taken ids and plain slugs", () => {
    const ids = allocateIds(["Delivery", "delivery!", "DELIVERY", "delivery-3", "Ops"], ["delivery-2"]);
    expect(Object.fromEntries(ids)).toEqual({
      DELIVERY: "delivery",
      Delivery: "delivery-4",
      "delivery!": "delivery-5",
      "delivery-3": "delivery-3",
      Ops: "ops",
    });
  });

  it("gives 50,000 names that make one slug distinct ids, each the next free suffix", () => {
    // the slug stops at 80 characters, so every name below makes the same one
    const stem = "a".repeat(80);
    const names = Array.from({ length: 50_000 }, (_, i) => `${stem} ${i}`);
    expect(new Set(names.map(slugify))).toEqual(new Set([stem]));
    const ids = allocateIds([...names].reverse(), [`${stem}-7`]);
    const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const expected = [
      stem,
      ...Array.from({ length: 49_999 }, (_, i) => `${stem}-${i + 2 < 7 ? i + 2 : i + 3}`),
    ];
    expect(sorted.map((name) => ids.get(name))).toEqual(expected);
    expect(new Set(ids.values()).size).toBe(50_000);
  });
});
