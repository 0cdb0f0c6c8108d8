import { beforeAll, describe, expect, it } from "vitest";
import { nodeFileSystem } from "../load/fs-port.js";
import { loadFramework } from "../load/load-framework.js";
import {
  equivalenceCell,
  equivalenceTable,
  equivalents,
  REFERENCE_SCALE,
  referenceStep,
} from "./equivalence.js";
import { type FrameworkIndex, indexFramework } from "./model.js";

const root = new URL("../../", import.meta.url).pathname;
let engineering: FrameworkIndex;
let product: FrameworkIndex;

async function load(name: string): Promise<FrameworkIndex> {
  const loaded = await loadFramework(`${root}examples/${name}`, nodeFileSystem);
  if (!loaded.framework) throw new Error(`cannot load ${name}`);
  return indexFramework(loaded.framework);
}

beforeAll(async () => {
  engineering = await load("engineering");
  product = await load("product-matrix");
});

/** "framework:level" of each cell, for compact comparisons. */
const ids = (cells: { framework: string; level: string }[]) => cells.map((c) => `${c.framework}:${c.level}`);

describe("REFERENCE_SCALE", () => {
  it("has twelve steps ranked 1 to 12, each with a short name and a one-line description", () => {
    expect(REFERENCE_SCALE.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const step of REFERENCE_SCALE) {
      expect(step.name.length).toBeGreaterThan(2);
      expect(step.name.length).toBeLessThanOrEqual(32);
      expect(step.description).toMatch(/^[A-Z].{20,120}\.$/);
      expect(step.description).not.toContain("\n");
    }
    expect(new Set(REFERENCE_SCALE.map((s) => s.name)).size).toBe(12);
    expect(referenceStep(4)?.name).toBe("Senior");
    expect(referenceStep(13)).toBeUndefined();
  });
});

describe("equivalenceTable on the two examples", () => {
  it("has one row per step and a key for every framework in every row", () => {
    const table = equivalenceTable([engineering, product]);
    expect(table.frameworks).toEqual([
      { id: "engineering", name: "Engineering Career Framework" },
      { id: "product-matrix", name: "Larkspur Product Engineering Matrix" },
    ]);
    expect(table.rows).toHaveLength(12);
    for (const row of table.rows) expect(Object.keys(row.cells)).toEqual(["engineering", "product-matrix"]);
    expect(table.unplaced).toEqual({ engineering: [], "product-matrix": [] });
  });

  it("puts engineering Senior and product-matrix L3 on one row, and a range on every step it spans", () => {
    const rows = equivalenceTable([engineering, product]).rows;
    const row = (rank: number) => rows[rank - 1]?.cells ?? {};
    expect(ids([...(row(4).engineering ?? []), ...(row(4)["product-matrix"] ?? [])])).toEqual([
      "engineering:senior",
      "product-matrix:l3",
    ]);
    expect(row(4)["product-matrix"]?.[0]).toEqual({
      framework: "product-matrix",
      level: "l3",
      levelName: "Engineer III",
      code: "L3",
      match: "close",
      from: 4,
      to: 4,
    });
    expect(ids(row(6).engineering ?? [])).toEqual(["engineering:staff", "engineering:manager"]);
    expect(ids(row(7)["product-matrix"] ?? [])).toEqual(["product-matrix:l6"]);
    expect(ids(row(8)["product-matrix"] ?? [])).toEqual(["product-matrix:l6"]);
    expect(row(1)["product-matrix"]).toEqual([]);
    expect(row(12).engineering).toEqual([]);
  });

  it("lists levels without a reference as unplaced, and in no row", () => {
    const fw = structuredClone(engineering.framework);
    for (const level of fw.levels ?? []) if (level.id === "cto") delete level.reference;
    const table = equivalenceTable([indexFramework(fw)]);
    expect(table.unplaced).toEqual({ engineering: ["cto"] });
    expect(table.rows.flatMap((r) => ids(r.cells.engineering ?? []))).not.toContain("engineering:cto");
  });
});

describe("equivalents", () => {
  it("gives the other frameworks' overlapping levels, nearest first", () => {
    expect(ids(equivalents([engineering, product], "engineering", "senior"))).toEqual(["product-matrix:l3"]);
    // principal (7) overlaps l6 (7–8) only
    expect(ids(equivalents([engineering, product], "engineering", "principal"))).toEqual([
      "product-matrix:l6",
    ]);
    // l6 (7–8): principal, director (step 7) and architect, vp (step 8) are all 0.5 from its middle; order kept
    expect(ids(equivalents([engineering, product], "product-matrix", "l6"))).toEqual([
      "engineering:principal",
      "engineering:architect",
      "engineering:director",
      "engineering:vp",
    ]);
  });

  it("is empty for an unknown or unplaced level", () => {
    expect(equivalents([engineering, product], "engineering", "nope")).toEqual([]);
    expect(equivalents([engineering, product], "nope", "senior")).toEqual([]);
    const fw = structuredClone(engineering.framework);
    for (const level of fw.levels ?? []) delete level.reference;
    expect(equivalents([indexFramework(fw), product], "engineering", "senior")).toEqual([]);
  });

  it("a cell reads a backwards range in order, and defaults match to exact", () => {
    const cell = equivalenceCell(engineering, {
      id: "x",
      name: "X",
      track: "t",
      reference: { rank: 9, to: 7 },
    });
    expect(cell).toMatchObject({ from: 7, to: 9, match: "exact" });
    expect(cell && "code" in cell).toBe(false);
  });
});
