import { describe, expect, it } from "vitest";
import type { MatrixCell } from "../../../core/views/matrix.js";
import { CELL_FIELDS, sameCell } from "./rows.js";

const cell = (): MatrixCell => ({
  id: "cell-c--one",
  competency: "c",
  level: "one",
  state: "expectation",
  statement: "Writes it down.",
  examples: ["a design note"],
  ratings: [{ band: "meets", name: "Meets", text: "Does." }],
});

describe("sameCell", () => {
  it("is true for two cells with the same data in other objects", () => {
    expect(sameCell(cell(), cell())).toBe(true);
  });

  it("tells apart two cells that differ in any one field of the type (CELL_FIELDS lists every one)", () => {
    for (const field of CELL_FIELDS) {
      const a = cell() as unknown as Record<string, unknown>;
      const b = cell() as unknown as Record<string, unknown>;
      a[field] = "one value";
      b[field] = "another value";
      expect(sameCell(a as unknown as MatrixCell, b as unknown as MatrixCell), field).toBe(false);
    }
  });

  it("compares lists and objects by their content", () => {
    const other = cell();
    other.ratings = [{ band: "meets", name: "Meets", text: "Does more." }];
    expect(sameCell(cell(), other)).toBe(false);
    other.ratings = [{ band: "meets", name: "Meets", text: "Does." }];
    expect(sameCell(cell(), other)).toBe(true);
  });
});
