import { describe, expect, it } from "vitest";
import { carryPicks, carryThrough, chainOrder, compareLabels, indexTarget } from "./carry.js";
import { migrationMap } from "./migration.js";
import { indexFramework } from "./model.js";
import type { Framework } from "./schema.js";

/** The version after one where junior, code, testing, review, delivery, pairing and ops existed. */
const current: Framework = {
  rungs: 2,
  id: "tiny",
  name: "Tiny",
  tracks: [{ id: "trunk", name: "Trunk" }],
  levels: [
    { id: "associate", renamedFrom: ["junior"], name: "Associate", track: "trunk" },
    { id: "senior", name: "Senior", track: "trunk", follows: ["associate"] },
  ],
  migration: [
    { kind: "competency", id: "testing", mergedInto: "programming" },
    { kind: "competency", id: "review", mergedInto: "programming" },
    { kind: "competency", id: "delivery", splitInto: ["planning", "shipping"] },
    { kind: "competency", id: "pairing", retired: "Part of every competency now." },
    { kind: "competency", id: "ops", replacedBy: "reliability" },
    { kind: "level", id: "intern", retired: "No more internships." },
  ],
  areas: [
    {
      id: "craft",
      competencies: ["programming", "planning", "shipping", "reliability", "writing"].map((id) => ({
        id,
        ...(id === "programming" ? { renamedFrom: ["code"] } : {}),
        expectations: { associate: `${id} at first`, senior: `${id} later` },
      })),
    },
  ],
};

const carry = (picks: { competency: string; level: string | null }[]) =>
  carryPicks(picks, migrationMap(current), indexTarget(indexFramework(current)));

describe("carried picks", () => {
  it("renames, splits, merges (the lower level), replacements and retirements follow the map", () => {
    const result = carry([
      { competency: "testing", level: "senior" },
      { competency: "review", level: "junior" },
      { competency: "delivery", level: "senior" },
      { competency: "pairing", level: "senior" },
      { competency: "ops", level: "junior" },
      { competency: "writing", level: "senior" },
      { competency: "gone", level: "senior" },
    ]);
    expect(result.picks).toEqual([
      {
        competency: "programming",
        level: "associate",
        carried: { from: ["testing", "review"], fate: "merged" },
      },
      { competency: "planning", level: "senior", carried: { from: ["delivery"], fate: "split" } },
      { competency: "shipping", level: "senior", carried: { from: ["delivery"], fate: "split" } },
      { competency: "reliability", level: "associate", carried: { from: ["ops"], fate: "replaced" } },
      { competency: "writing", level: "senior" },
    ]);
    expect(result.dropped).toEqual([
      { competency: "pairing", level: "senior", note: "retired: Part of every competency now." },
      {
        competency: "gone",
        level: "senior",
        note: "no longer in the framework, and the migration map does not say why",
      },
    ]);
  });

  it("a pick made on the current id wins over one carried into it; a retired level drops the pick", () => {
    const result = carry([
      { competency: "code", level: "junior" },
      { competency: "programming", level: "senior" },
      { competency: "writing", level: "intern" },
      { competency: "planning", level: null },
    ]);
    expect(result.picks).toEqual([
      { competency: "programming", level: "senior" },
      { competency: "planning", level: null },
    ]);
    expect(result.dropped).toEqual([
      { competency: "writing", level: "intern", note: 'level "intern" is gone' },
    ]);
  });

  it("a renamed competency keeps its evidence and is marked carried", () => {
    const [pick] = carry([
      { competency: "code", level: "senior", evidence: "Shipped the parser." } as never,
    ]).picks;
    expect(pick).toEqual({
      competency: "programming",
      level: "senior",
      evidence: "Shipped the parser.",
      carried: { from: ["code"], fate: "renamed" },
    });
  });

  it("the caller's own fields go with their pick: a team view's count of criteria shown", () => {
    const steps = [{ map: migrationMap(current), target: indexTarget(indexFramework(current)) }];
    const { picks } = carryThrough(
      [
        { competency: "code", level: "senior", shown: 3 },
        { competency: "testing", level: "senior", shown: 2 },
        { competency: "review", level: "junior", shown: 1 },
      ],
      steps,
    );
    // three picks carried into one competency: the merge keeps the lowest (review's), its count with it
    expect(picks.map((p) => [p.competency, p.level, p.shown])).toEqual([["programming", "associate", 1]]);
  });
});

describe("the order of versions", () => {
  it("compares labels part by part, digits as numbers", () => {
    expect(compareLabels("2027.9", "2027.10")).toBe(-1);
    expect(compareLabels("2028", "2027.1")).toBe(1);
    expect(compareLabels("2027.1", "2027.1")).toBe(0);
    expect(compareLabels("v2", "v10")).toBe(-1);
  });

  it("orders by label where both have one, else as given", () => {
    const met = [
      { version: "a", label: "2026.1" },
      { version: "c", label: "2028.1" },
      { version: "b", label: "2027.1" },
    ];
    expect(chainOrder(met)).toEqual(["a", "b", "c"]);
    // without labels, the order given (the order the store met them) stands
    expect(chainOrder(met.map(({ version }) => ({ version })))).toEqual(["a", "c", "b"]);
    // an unlabelled version keeps its place among the labelled ones that allow it
    expect(chainOrder([{ version: "x" }, ...met])).toEqual(["x", "a", "b", "c"]);
  });

  it("orders unlabelled versions by what their maps say their predecessors had", () => {
    // "two" maps away "dough", which "one" has: "two" follows "one", whichever was met first
    const one = { version: "one", ids: new Set(["dough", "ovens"]), mapped: [] };
    const two = { version: "two", ids: new Set(["doughs", "ovens"]), mapped: ["dough"] };
    const three = { version: "three", ids: new Set(["mixing", "ovens"]), mapped: ["doughs"] };
    expect(chainOrder([three, one, two])).toEqual(["one", "two", "three"]);
    // a map that names nothing the other had says nothing: the order given stands
    expect(chainOrder([{ ...two, mapped: [] }, one])).toEqual(["two", "one"]);
  });
});
