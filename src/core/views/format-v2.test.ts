/** The view models on format 2's shapes: what the pages will need is already in each view's data. */
import { beforeAll, describe, expect, it } from "vitest";
import { checkYaml } from "../../../test/support/check-yaml.js";
import { criterionLabel, resolveCell } from "../cells.js";
import { goalsForLevel, resolveSource } from "../goals.js";
import { humanSourceLabel } from "../goals-labels.js";
import { layoutLadder } from "../ladder-layout.js";
import { levelForCriteria, levelForStep, mirrorData } from "../mirror.js";
import { type FrameworkIndex, indexFramework } from "../model.js";
import { placeByPoints } from "../points.js";
import { buildSearchDocuments } from "../search.js";
import { compareLevelsData } from "./compare.js";
import { levelData } from "./level.js";
import { matrixData } from "./matrix.js";
import { overviewData } from "./overview.js";
import { roleData } from "./role.js";

const YAML = `rungs: 2
id: v2
name: Format two
beyond: Past the top, roles are shaped one by one.
codeSchemes: [{ id: band, name: Band }]
ratingScale:
  - { id: below, name: Below }
  - { id: meets, name: Meets }
  - { id: above, name: Above }
scales:
  - id: depth
    name: Depth
    steps:
      - { id: aware, name: Aware, points: 1 }
      - { id: fluent, name: Fluent, points: 3 }
      - { id: expert, name: Expert, points: 6 }
points:
  levels: { ic1: 0, ic2: 4, m2: 100 }
tracks:
  - { id: trunk, name: Trunk, kind: trunk }
  - { id: ic, name: IC, kind: ic }
  - { id: mgmt, name: Management, kind: management }
dimensions:
  - { id: scope, name: Scope, calibration: true }
  - { id: years, name: Years }
guidance:
  - title: Read this first
    placement: before
    sections: [{ title: Picking a level, text: Read the level below yours too. }]
levels:
  - { id: ic1, name: Engineer, track: trunk, rank: 1, codes: { band: P1 }, dimensions: { scope: A task, years: 0-2 }, markers: [fork] }
  - { id: ic2, name: Senior, track: ic, rank: 2, follows: [ic1], codes: { band: P2 }, dimensions: { scope: A team, years: 3+ }, markers: [top] }
  - { id: m2, name: Manager, track: mgmt, rank: 2, follows: [ic1], codes: { band: M2 }, dimensions: { scope: A team, years: 3+ } }
areas:
  - id: delivery
    documents: [{ title: Release process, url: "https://example.com/release" }]
    competencies:
      - id: testing
        scale: depth
        expectations:
          ic1:
            step: aware
            criteria:
              - Writes a test for each fix.
              - { id: flaky, text: Reports flaky tests., examples: [Filed a ticket for a test that failed at random.] }
          ic2:
            step: fluent
            unchanged: true
            criteria: [Designs the test plan of a feature.]
            roles:
              mobile: { criteria: [Tests on the slowest supported phone.] }
              web: { replace: true, statement: Owns the browser test matrix. }
          m2: { ratings: { below: Leaves testing to chance., meets: Makes room for testing in plans. } }
roles:
  - { id: mobile, name: Mobile engineer, family: eng, levels: [ic1, ic2] }
  - { id: web, name: Web engineer, family: eng, levels: [ic1, ic2] }
families:
  - { id: eng, name: Engineering }
`;

let index: FrameworkIndex;
beforeAll(async () => {
  const result = await checkYaml(YAML);
  expect(result.diagnostics).toEqual([]);
  index = indexFramework(result.framework as NonNullable<typeof result.framework>);
});

const testing = () => {
  const ref = index.competencies.get("testing");
  if (!ref) throw new Error("no testing competency");
  return ref;
};

describe("cells", () => {
  it("criteria get their ids (position where none is written), unchanged carries the earlier level forward", () => {
    const cell = resolveCell(index, testing(), ["ic1", "ic2", "m2"], "ic2");
    expect(cell?.unchangedFrom).toBe("ic1");
    expect(cell?.criteria.map((c) => [c.id, c.key, c.from ?? "", c.text])).toEqual([
      ["1", "ic1-1", "ic1", "Writes a test for each fix."],
      ["flaky", "flaky", "ic1", "Reports flaky tests."],
      ["1", "ic2-1", "", "Designs the test plan of a feature."],
    ]);
    expect(cell?.step).toMatchObject({ id: "fluent", name: "Fluent", position: 2, of: 3 });
  });

  it("a role's own cell is added to the shared one, or replaces it", () => {
    const mobile = resolveCell(index, testing(), ["ic1", "ic2"], "ic2", "mobile");
    expect(mobile?.criteria.at(-1)).toMatchObject({
      text: "Tests on the slowest supported phone.",
      role: "mobile",
    });
    const web = resolveCell(index, testing(), ["ic1", "ic2"], "ic2", "web");
    expect(web).toMatchObject({
      statement: "Owns the browser test matrix.",
      criteria: [],
      replacedBy: "web",
    });
  });

  it("a cell written only as rating bands stands for its meets band", () => {
    expect(resolveCell(index, testing(), ["ic1", "m2"], "m2")?.text).toBe("Makes room for testing in plans.");
  });
});

describe("views", () => {
  it("matrix: a rating-only cell is an expectation with text, criteria and steps are carried", () => {
    const row = matrixData(index).areas[0]?.competencies[0];
    const m2 = row?.cells.find((c) => c.level === "m2");
    expect(m2).toMatchObject({ state: "expectation", text: "Makes room for testing in plans." });
    const ic1 = row?.cells.find((c) => c.level === "ic1");
    expect(ic1?.criteria?.map((c) => c.id)).toEqual(["1", "flaky"]);
    expect(ic1?.step).toMatchObject({ name: "Aware", scale: "Depth" });
  });

  it("level: role-specific cells, markers, guidance placement and area documents", () => {
    const data = levelData(index, "ic2", { role: "web" });
    expect(data?.role).toEqual({ id: "web", name: "Web engineer" });
    expect(data?.markers).toEqual(["top"]);
    expect(data?.rank).toBe(2);
    const expectation = data?.areas[0]?.expectations[0];
    expect(expectation?.replacedBy).toBe("web");
    expect(data?.areas[0]?.documents).toEqual([
      { title: "Release process", url: "https://example.com/release" },
    ]);
    expect(levelData(index, "ic1")?.areas[0]?.expectations[0]?.criteria).toHaveLength(2);
  });

  it("overview: guidance keeps its sub-sections and placement; beyond and the points rule are there", () => {
    const data = overviewData(index);
    expect(data.guidance[0]?.placement).toBe("before");
    expect(data.guidance[0]?.sections?.[0]?.title).toBe("Picking a level");
    expect(data.beyond).toBe("Past the top, roles are shaped one by one.");
    expect(data.points?.levels.map((l) => [l.id, l.points])).toEqual([
      ["ic1", 0],
      ["ic2", 4],
      ["m2", 100],
    ]);
    expect(data.levels[0]?.markers).toEqual(["fork"]);
  });

  it("ladder: levels of equal rank on two tracks sit side by side", () => {
    const layout = layoutLadder(index);
    const y = (id: string) => layout.nodes.find((n) => n.id === id)?.y;
    const x = (id: string) => layout.nodes.find((n) => n.id === id)?.x;
    expect(y("ic2")).toBe(y("m2"));
    expect(x("ic2")).not.toBe(x("m2"));
    expect(y("ic1")).toBeGreaterThan(y("ic2") as number);
  });

  it("role: calibration bars are marked, and the role's own cells are listed per level", () => {
    const data = roleData(index, "mobile");
    expect(data?.dimensions.map((d) => [d.id, d.calibration])).toEqual([
      ["scope", true],
      ["years", false],
    ]);
    const ic2 = data?.levels.find((l) => l.id === "ic2");
    expect(ic2?.expectations?.map((e) => [e.competency.id, e.owner])).toEqual([["testing", "mobile"]]);
  });

  it("compare: criteria are diffed one by one, steps side by side", () => {
    const data = compareLevelsData(index, "ic1", "ic2");
    if ("unknown" in data) throw new Error("unknown level");
    const row = data.areas[0]?.competencies[0];
    // ic2 carries ic1's criteria forward (the same ones) and adds its own first criterion
    expect(row?.criteria?.map((c) => [c.id, c.status])).toEqual([
      ["1", "same"],
      ["flaky", "same"],
      ["1", "added"],
    ]);
    // two criteria with the id "1": named by their numbers in each level's list, as the level pages show them
    expect(row?.criteria?.map((c) => criterionLabel([c.at.a, c.at.b], c.id))).toEqual([
      "criterion 1",
      "criterion 2",
      "criterion 3",
    ]);
    expect(row?.steps?.a?.name).toBe("Aware");
    expect(row?.steps?.b?.name).toBe("Fluent");
  });

  it("search: each criterion is a result of its own, linked to its place on the level page", () => {
    const docs = [...buildSearchDocuments([{ id: "v2", index }])];
    const criteria = docs.filter((d) => d.type === "criterion");
    expect(criteria.map((d) => d.url)).toContain("/frameworks/v2/levels/ic1/#crit-testing--flaky");
    expect(criteria.find((d) => d.url.endsWith("crit-testing--flaky"))?.body).toContain("failed at random");
  });

  it("mirror: a step pick or ticked criteria place the reader at a level", () => {
    const data = mirrorData(index);
    const competency = data.competencies.find((c) => c.id === "testing");
    if (!competency) throw new Error("no testing");
    expect(competency.expectations.m2).toBe("Makes room for testing in plans.");
    expect(levelForStep(data, competency, "expert")).toBe("ic2");
    expect(levelForStep(data, competency, "aware")).toBe("ic1");
    expect(levelForCriteria(data, competency, new Set(["testing/ic1/ic1-1", "testing/ic1/flaky"]))).toBe(
      "ic1",
    );
    expect(levelForCriteria(data, competency, new Set(["testing/ic1/ic1-1"]))).toBeUndefined();
  });

  it("points: the step points add up to the level they reach", () => {
    expect(placeByPoints(index, new Map([["testing", "fluent"]]))).toEqual({
      total: 3,
      level: "ic1",
      next: { level: "ic2", missing: 1 },
    });
    expect(placeByPoints(index, new Map([["testing", "expert"]])).level).toBe("ic2");
  });

  it("goals: rating-only cells are quoted, criteria and steps resolve, labels read as people say them", () => {
    const doc = goalsForLevel(index, "m2");
    expect(doc.subject).toMatchObject({ levelCode: "M2" });
    expect(JSON.stringify(doc.sections)).toContain("Makes room for testing in plans.");
    const ref = { kind: "criterion", competency: "testing", level: "ic1", criterion: "flaky" } as const;
    expect(resolveSource(index, ref)).toBe("Reports flaky tests.");
    expect(resolveSource(index, { kind: "step", competency: "testing", level: "ic2" })).toBe("Depth: Fluent");
    // the second criterion of its cell, by its number as the page shows it, not by its id
    expect(humanSourceLabel(index, ref)).toBe("Testing criterion 2 (P1)");
    expect(humanSourceLabel(index, { kind: "level-dimension", level: "ic2", dimension: "scope" })).toBe(
      "level dimension (Scope)",
    );
    expect(
      humanSourceLabel(index, { kind: "role-responsibility", role: "web", level: "ic2", index: 0 }),
    ).toBe("responsibility (P2)");
  });
});
