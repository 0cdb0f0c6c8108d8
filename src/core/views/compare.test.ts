import { describe, expect, it } from "vitest";
import { diffSide } from "../diff.js";
import { indexFramework } from "../model.js";
import type { Framework } from "../schema.js";
import {
  type CompareLevelsData,
  type CompareRolesData,
  compareLevelsData,
  compareRolesData,
} from "./compare.js";

const framework: Framework = {
  rungs: 1,
  id: "cmp",
  name: "Compare",
  tracks: [{ id: "t", name: "Track" }],
  dimensions: [
    { id: "scope", name: "Scope" },
    { id: "years", name: "Years", kind: "rubric" },
  ],
  ratingScale: [
    { id: "meets", name: "Meets" },
    { id: "exceeds", name: "Exceeds" },
  ],
  levels: [
    {
      id: "a1",
      name: "Alpha",
      track: "t",
      responsibilities: ["Fixes bugs."],
      dimensions: { scope: "One task at a time." },
    },
    {
      id: "b2",
      name: "Beta",
      track: "t",
      follows: ["a1"],
      summary: "Owns features.",
      dimensions: { scope: "One feature at a time.", years: "Two or more." },
    },
    { id: "c3", name: "Gamma", track: "t", follows: ["b2"] },
  ],
  areas: [
    {
      id: "craft",
      name: "Craft",
      takeaways: { a1: "Learns.", b2: "Builds." },
      competencies: [
        {
          id: "code",
          name: "Code",
          expectations: { a1: "Writes small changes.", b2: "Writes whole features." },
        },
        { id: "design", name: "Design", levels: ["b2", "c3"], expectations: { b2: "Sketches designs." } },
        {
          id: "rated",
          name: "Rated",
          expectations: {
            a1: { notApplicable: true, note: "Too early." },
            b2: { ratings: { meets: "Does it.", exceeds: "Teaches it." } },
          },
        },
      ],
    },
    {
      id: "later",
      name: "Later",
      levels: ["c3"],
      competencies: [{ id: "strategy", name: "Strategy", expectations: { c3: "Sets direction." } }],
    },
  ],
  families: [{ id: "eng", name: "Engineering" }],
  roles: [
    {
      id: "back",
      name: "Backend",
      family: "eng",
      levels: ["a1", "b2"],
      responsibilities: { a1: ["Writes queries."], b2: ["Designs APIs."] },
      skills: [{ name: "SQL", description: "Queries." }, { name: "Testing" }],
      aliases: ["Server Engineer", "API Engineer"],
      classifications: [
        { scheme: "soc-2018", code: "15-1252", match: "broad" },
        { scheme: "isco-08", code: "2512" },
      ],
    },
    {
      id: "front",
      name: "Frontend",
      family: "eng",
      levels: ["b2", "c3"],
      responsibilities: { b2: ["Builds screens."] },
      skills: [{ name: "testing", description: "Component tests." }, { name: "CSS" }],
      aliases: ["api engineer", "UI Engineer"],
      classifications: [
        { scheme: "soc-2018", code: "15-1252", match: "close" },
        { scheme: "soc-2018", code: "15-1254" },
      ],
    },
  ],
};
const index = indexFramework(framework);

function levels(a: string, b: string): CompareLevelsData {
  const data = compareLevelsData(index, a, b);
  if ("unknown" in data) throw new Error(`unknown ${data.unknown}`);
  return data;
}

function roles(a: string, b: string): CompareRolesData {
  const data = compareRolesData(index, a, b, (scheme, code) =>
    scheme === "soc-2018" && code === "15-1252" ? "Software Developers" : undefined,
  );
  if ("unknown" in data) throw new Error(`unknown ${data.unknown}`);
  return data;
}

describe("compareLevelsData", () => {
  it("names the unknown ids instead of comparing", () => {
    expect(compareLevelsData(index, "a1", "zz")).toEqual({ unknown: ["zz"] });
    expect(compareLevelsData(index, "zz", "zz")).toEqual({ unknown: ["zz"] });
  });

  it("diffs expectations present on both sides, word by word, so each side can be rebuilt", () => {
    const code = levels("a1", "b2").areas[0]?.competencies.find((c) => c.id === "code");
    expect(code?.diff).toBeDefined();
    expect(diffSide(code?.diff ?? [], "a")).toBe("Writes small changes.");
    expect(diffSide(code?.diff ?? [], "b")).toBe("Writes whole features.");
    expect(code?.diff?.[0]).toEqual({ op: "same", text: "Writes " });
  });

  it("a competency that does not span one level says so on that side, with no diff", () => {
    const design = levels("a1", "b2").areas[0]?.competencies.find((c) => c.id === "design");
    expect(design?.a).toEqual({ spans: false });
    expect(design?.b).toEqual({ spans: true, text: "Sketches designs." });
    expect(design?.diff).toBeUndefined();
  });

  it("not applicable is kept with its note; an expectation written only as ratings compares its bands", () => {
    const rated = levels("a1", "b2").areas[0]?.competencies.find((c) => c.id === "rated");
    expect(rated?.a).toEqual({ spans: true, notApplicable: true, note: "Too early." });
    expect(rated?.b.text).toBe("Meets: Does it.\nExceeds: Teaches it.");
  });

  it("areas spanning neither level are left out; takeaways are compared as their own row", () => {
    const data = levels("a1", "b2");
    expect(data.areas.map((a) => a.id)).toEqual(["craft"]);
    expect(data.areas[0]?.takeaway?.a.text).toBe("Learns.");
    expect(levels("b2", "c3").areas.map((a) => a.id)).toEqual(["craft", "later"]);
  });

  it("dimensions side by side in declared order, with a diff where both have a value", () => {
    const data = levels("a1", "b2");
    expect(data.dimensions.map((d) => [d.id, d.kind])).toEqual([
      ["scope", "dimension"],
      ["years", "rubric"],
    ]);
    expect(data.dimensions[0]?.diff?.filter((p) => p.op !== "same")).toEqual([
      { op: "remove", text: "task" },
      { op: "add", text: "feature" },
    ]);
    expect(data.dimensions[1]?.a).toEqual({ spans: false });
  });

  it("says whether b is next after a, and whether both are the same level", () => {
    expect(levels("a1", "b2")).toMatchObject({ adjacent: true, same: false });
    expect(levels("b2", "a1")).toMatchObject({ adjacent: false });
    expect(levels("a1", "a1").same).toBe(true);
  });
});

describe("compareRolesData", () => {
  it("names unknown roles", () => {
    expect(compareRolesData(index, "back", "nope")).toEqual({ unknown: ["nope"] });
  });

  it("aligns responsibilities by level over both roles' spans, in ladder order", () => {
    const data = roles("back", "front");
    expect(data.levels.map((l) => [l.level.id, l.a.spans, l.b.spans])).toEqual([
      ["a1", true, false],
      ["b2", true, true],
      ["c3", false, true],
    ]);
    expect(data.levels[1]?.b.items).toEqual(["Builds screens."]);
  });

  it("splits skills and aliases into shared and only-in-one, matching names regardless of case", () => {
    const data = roles("back", "front");
    expect(data.skills.shared).toEqual([{ name: "Testing", b: "Component tests." }]);
    expect(data.skills.onlyA.map((s) => s.name)).toEqual(["SQL"]);
    expect(data.skills.onlyB.map((s) => s.name)).toEqual(["CSS"]);
    expect(data.aliases).toEqual({
      shared: ["API Engineer"],
      onlyA: ["Server Engineer"],
      onlyB: ["UI Engineer"],
    });
  });

  it("classification codes: shared with both match types, scheme names and catalog titles", () => {
    const data = roles("back", "front");
    expect(data.classifications.shared).toEqual([
      {
        scheme: "soc-2018",
        schemeName: "SOC 2018",
        code: "15-1252",
        title: "Software Developers",
        match: "broad",
        matchB: "close",
      },
    ]);
    expect(data.classifications.onlyA.map((c) => [c.schemeName, c.match])).toEqual([["ISCO-08", "unknown"]]);
    expect(data.classifications.onlyB.map((c) => c.code)).toEqual(["15-1254"]);
  });
});
