import { describe, expect, it } from "vitest";
import { indexFramework } from "../model.js";
import type { Framework } from "../schema.js";
import { trackLevels } from "../tracks.js";
import { areaMatrixData, filterLevels, matrixData, matrixLevels, parseMatrixFilter } from "./matrix.js";

// A trunk (a, b) forks into IC (i1, i2) and management (m1); both rejoin at the apex (top).
const FORKED: Framework = {
  rungs: 1,
  id: "forked",
  name: "Forked",
  version: "1",
  codeSchemes: [{ id: "band", name: "Band" }],
  ratingScale: [
    { id: "below", name: "Below" },
    { id: "meets", name: "Meets" },
  ],
  tracks: [
    { id: "trunk", name: "Trunk", kind: "trunk" },
    { id: "ic", name: "Individual contributor", kind: "ic" },
    { id: "mgmt", name: "Management", kind: "management" },
    { id: "apex", name: "Apex", kind: "apex" },
    { id: "unused", name: "Unused" },
  ],
  levels: [
    { id: "top", name: "Top", track: "apex", follows: ["i2", "m1"], codes: { band: "X" } },
    { id: "a", name: "A", track: "trunk", codes: { band: "P1" } },
    { id: "b", name: "B", track: "trunk", follows: ["a"], codes: { band: "P2" } },
    { id: "i1", name: "I1", track: "ic", follows: ["b"], codes: { band: "P3" } },
    { id: "i2", name: "I2", track: "ic", follows: ["i1"] },
    { id: "m1", name: "M1", track: "mgmt", follows: ["b"], codes: { band: "M3" } },
  ],
  areas: [
    {
      id: "craft",
      name: "Craft",
      kind: "stage",
      summary: "Making things.",
      description: "Longer words.",
      levels: ["i1", "a", "b"],
      takeaways: { a: "Learns.", i1: "Designs." },
      note: "Managers grow this through others.",
      competencies: [
        {
          id: "code",
          name: "Code",
          description: "Writing it.",
          expectations: {
            a: "Writes small changes.",
            b: {
              statement: "Designs modules.",
              elaboration: "What sets B apart.",
              examples: ["An example."],
              ratings: { meets: "Meets text.", extra: "Extra text.", below: "Below text." },
            },
          },
        },
        {
          id: "ops",
          name: "Operations",
          levels: ["b", "i1"],
          expectations: { b: { notApplicable: true, note: "Not yet." } },
        },
      ],
    },
    { id: "empty", name: "Empty", competencies: [] },
  ],
};

const index = indexFramework(FORKED);

describe("track filter", () => {
  it("a branch track shows its own levels plus the trunk below and the apex above, not the other branch", () => {
    expect([...trackLevels(index, "ic")].sort()).toEqual(["a", "b", "i1", "i2", "top"]);
    expect([...trackLevels(index, "mgmt")].sort()).toEqual(["a", "b", "m1", "top"]);
  });

  it("a trunk or apex track shows only its own levels", () => {
    expect([...trackLevels(index, "trunk")]).toEqual(["a", "b"]);
    expect([...trackLevels(index, "apex")]).toEqual(["top"]);
  });

  it("each level lists the tracks whose filter shows it", () => {
    const byId = new Map(matrixLevels(index).map((l) => [l.id, l]));
    expect(byId.get("a")?.tracks).toEqual(["trunk", "ic", "mgmt"]);
    expect(byId.get("i1")?.tracks).toEqual(["ic"]);
    expect(byId.get("top")?.tracks).toEqual(["ic", "mgmt", "apex"]);
  });
});

describe("parseMatrixFilter", () => {
  const parse = (q: Record<string, string>) => parseMatrixFilter(index, q);

  it("accepts known ids and treats empty values as no filter", () => {
    expect(parse({ track: "ic", from: "b", to: "i2" })).toEqual({
      filter: { track: "ic", from: "b", to: "i2" },
      problems: [],
    });
    expect(parse({ track: "", from: " ", to: "" })).toEqual({ filter: {}, problems: [] });
  });

  it("names each unknown track or level", () => {
    const { filter, problems } = parse({ track: "nope", from: "zz", to: "b" });
    expect(filter).toEqual({});
    expect(problems).toEqual([
      { param: "track", message: 'There is no track "nope" in this framework.' },
      { param: "from", message: 'There is no level "zz" in this framework.' },
    ]);
  });

  it("refuses a track without levels, a from after to, and a filter that leaves nothing", () => {
    expect(parse({ track: "unused" }).problems[0]?.param).toBe("track");
    expect(parse({ from: "i2", to: "b" }).problems).toEqual([
      { param: "from", message: '"From" (I2) comes after "to" (B) in the level order.' },
    ]);
    expect(parse({ track: "mgmt", from: "i1", to: "i2" }).problems[0]?.message).toBe(
      'No level on the track "Management" lies between I1 and I2.',
    );
  });

  it("keeps the levels of the track inside the range, in level order", () => {
    expect(index.levelOrder).toEqual(["a", "b", "i1", "i2", "m1", "top"]);
    expect(filterLevels(index, { from: "b", to: "i2" })).toEqual(["b", "i1", "i2"]);
    expect(filterLevels(index, { track: "ic", from: "b" })).toEqual(["b", "i1", "i2", "top"]);
    expect(filterLevels(index, {})).toEqual(index.levelOrder);
  });
});

describe("matrixData", () => {
  const data = matrixData(index);
  const code = data.areas[0]?.competencies[0];
  const ops = data.areas[0]?.competencies[1];
  const cell = (c: typeof code, level: string) => c?.cells.find((x) => x.level === level);

  it("has one column per level with code, rank and successors, and skips areas without competencies", () => {
    expect(data.levels.map((l) => [l.id, l.code, l.rank])).toEqual([
      ["a", "P1", 0],
      ["b", "P2", 1],
      ["i1", "P3", 2],
      ["i2", undefined, 3],
      ["m1", "M3", 2],
      ["top", "X", 4],
    ]);
    expect(data.levels[1]?.next).toEqual(["i1", "m1"]);
    expect(data.areas.map((a) => a.id)).toEqual(["craft"]);
    expect(data.tracks.map((t) => t.id)).toEqual(["trunk", "ic", "mgmt", "apex"]);
  });

  it("gives every cell the id search links to, and a state", () => {
    expect(code?.cells.map((c) => c.id)).toEqual(index.levelOrder.map((l) => `cell-code--${l}`));
    expect(cell(code, "a")).toEqual({
      id: "cell-code--a",
      competency: "code",
      level: "a",
      state: "expectation",
      statement: "Writes small changes.",
    });
    expect(cell(code, "i1")?.state).toBe("missing");
    expect(cell(code, "m1")?.state).toBe("outside");
    expect(cell(ops, "b")).toMatchObject({ state: "not-applicable", note: "Not yet." });
    expect(cell(ops, "a")?.state).toBe("outside");
  });

  it("keeps elaboration, examples and rating bands in the scale's order, unknown bands last", () => {
    expect(cell(code, "b")).toMatchObject({
      elaboration: "What sets B apart.",
      examples: ["An example."],
      ratings: [
        { band: "below", name: "Below", text: "Below text." },
        { band: "meets", name: "Meets", text: "Meets text." },
        { band: "extra", name: "extra", text: "Extra text." },
      ],
    });
  });

  it("spans follow the competency, else the area, in level order", () => {
    expect(code?.span).toEqual(["a", "b", "i1"]);
    expect(ops?.span).toEqual(["b", "i1"]);
  });

  it("a filter keeps only its columns and is echoed back", () => {
    const filtered = matrixData(index, { track: "mgmt" });
    expect(filtered.levels.map((l) => l.id)).toEqual(["a", "b", "m1", "top"]);
    expect(filtered.filter).toEqual({ track: "mgmt" });
    expect(filtered.areas[0]?.competencies[0]?.cells.map((c) => c.level)).toEqual(["a", "b", "m1", "top"]);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(matrixData(indexFramework(FORKED)))).toBe(JSON.stringify(data));
  });
});

describe("areaMatrixData", () => {
  const area = areaMatrixData(index, "craft");

  it("has the area's text, its competencies as columns and its levels as rows, in level order", () => {
    expect(area?.area).toEqual({
      id: "craft",
      name: "Craft",
      kind: "stage",
      summary: "Making things.",
      description: "Longer words.",
      note: "Managers grow this through others.",
    });
    expect(area?.competencies.map((c) => c.id)).toEqual(["code", "ops"]);
    expect(area?.levels.map((l) => l.id)).toEqual(["a", "b", "i1"]);
    expect(area?.rows.map((r) => [r.level, r.takeaway])).toEqual([
      ["a", "Learns."],
      ["b", undefined],
      ["i1", "Designs."],
    ]);
    expect(area?.hasTakeaways).toBe(true);
  });

  it("cells carry acell ids; levels it does not describe are listed for the note", () => {
    expect(area?.rows[1]?.cells.map((c) => [c.id, c.state])).toEqual([
      ["acell-code--b", "expectation"],
      ["acell-ops--b", "not-applicable"],
    ]);
    expect(area?.notDescribed.map((l) => l.id)).toEqual(["i2", "m1", "top"]);
  });

  it("an unknown area gives undefined", () => {
    expect(areaMatrixData(index, "nope")).toBeUndefined();
  });
});
