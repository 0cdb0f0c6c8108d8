/**
 * Format 2 shape fixtures (test/fixtures/shapes/), one per shape the published frameworks take: each loads
 * without a single diagnostic, and what the shape is about comes out of loading and the view models.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { resolveCell } from "../src/core/cells.js";
import { layoutLadder } from "../src/core/ladder-layout.js";
import { type FrameworkIndex, indexFramework } from "../src/core/model.js";
import { placeByPoints } from "../src/core/points.js";
import { compareLevelsData } from "../src/core/views/compare.js";
import { levelData } from "../src/core/views/level.js";
import { overviewData } from "../src/core/views/overview.js";
import { roleData } from "../src/core/views/role.js";
import { nodeFileSystem } from "../src/load/fs-port.js";
import { type CheckResult, checkFramework } from "../src/load/load-framework.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/shapes/${name}`, import.meta.url));

async function load(name: string): Promise<{ result: CheckResult; index: FrameworkIndex }> {
  const result = await checkFramework(fixture(name), nodeFileSystem);
  if (!result.framework) throw new Error(`${name} did not load`);
  return { result, index: indexFramework(result.framework) };
}

function ref(index: FrameworkIndex, id: string) {
  const found = index.competencies.get(id);
  if (!found) throw new Error(`no competency ${id}`);
  return found;
}

describe("shape: criteria lists with examples", async () => {
  const { result, index } = await load("criteria-lists");
  it("loads clean", () => expect(result.diagnostics).toEqual([]));

  it("each criterion keeps its id and examples; 3a carries 2's criteria forward and adds its own", () => {
    const code = ref(index, "code-quality");
    const span = ["l1", "l2", "l3a", "l3b"];
    expect(resolveCell(index, code, span, "l1", undefined)?.criteria[0]).toMatchObject({
      id: "readable",
      examples: ["Split a large change into three reviewable steps."],
    });
    const l3a = resolveCell(index, code, span, "l3a");
    expect(l3a?.unchangedFrom).toBe("l2");
    expect(l3a?.criteria.map((c) => c.id)).toEqual(["readable", "tested", "standards"]);
  });

  it("sub-levels share a band; compare diffs the criteria one by one", () => {
    expect(levelData(index, "l3b")?.band).toBe("3");
    const data = compareLevelsData(index, "l3a", "l3b");
    if ("unknown" in data) throw new Error("unknown level");
    const row = data.areas[0]?.competencies[0];
    expect(row?.criteria?.map((c) => [c.id, c.status])).toEqual([
      ["readable", "removed"],
      ["tested", "removed"],
      ["standards", "changed"],
      ["mentoring", "added"],
    ]);
  });
});

describe("shape: per-competency steps placed per role", async () => {
  const { result, index } = await load("stepped-roles");
  it("loads clean", () => expect(result.diagnostics).toEqual([]));

  it("levels ask for a step of the competency's scale", () => {
    const cell = levelData(index, "e2")?.areas[0]?.expectations.find((e) => e.competency.id === "operations");
    expect(cell?.step).toMatchObject({
      id: "doing",
      name: "Doing",
      scale: "Proficiency",
      position: 2,
      of: 4,
    });
    expect(cell?.text).toBe("Doing: Does it alone.");
  });

  it("a discipline adds to the shared expectation or replaces it", () => {
    const mobile = levelData(index, "e2", { role: "mobile" })?.areas[0]?.expectations[0];
    expect(mobile?.statement).toBe(
      "Traces a request end to end before changing its path.\n\nAccounts for releases that users install days later.",
    );
    expect(
      resolveCell(index, ref(index, "systems"), ["e1", "e2", "e3"], "e2", "mobile")?.statement,
    ).toContain("install days later");
    const web = roleData(index, "web")?.levels.find((l) => l.id === "e3")?.expectations?.[0];
    expect(web).toMatchObject({
      owner: "web",
      replacedBy: "web",
      statement: "Designs how the site degrades when a service is down.",
    });
    expect(roleData(index, "backend")?.levels.every((l) => l.expectations === undefined)).toBe(true);
  });
});

describe("shape: rank-aligned dual track", async () => {
  const { result, index } = await load("dual-track");
  it("loads clean", () => expect(result.diagnostics).toEqual([]));

  it("IC4 sits beside M4 and IC5 beside M5, on their own columns", () => {
    const layout = layoutLadder(index);
    const node = (id: string) => layout.nodes.find((n) => n.id === id);
    expect(node("ic4")?.y).toBe(node("m4")?.y);
    expect(node("ic5")?.y).toBe(node("m5")?.y);
    expect(node("ic4")?.x).not.toBe(node("m4")?.x);
  });

  it("markers, calibration bars and the text beyond the ladder are there", () => {
    const overview = overviewData(index);
    expect(overview.beyond).toMatch(/^Above IC6/);
    expect(overview.levels.filter((l) => l.markers?.includes("top")).map((l) => l.id)).toEqual(["ic5", "m5"]);
    expect(overview.levels.find((l) => l.id === "ic3")?.markers).toEqual(["fork"]);
    const dims = index.framework.dimensions ?? [];
    expect(dims.filter((d) => d.calibration).map((d) => d.id)).toEqual(["scope", "impact"]);
  });
});

describe("shape: a discipline framework extending a base", async () => {
  const base = await load("discipline-base");
  const { result, index } = await load("discipline-mobile");
  it("both load clean", () => {
    expect(base.result.diagnostics).toEqual([]);
    expect(result.diagnostics).toEqual([]);
  });

  it("inherits the levels, extends one competency, replaces one, removes one, adds an area", () => {
    expect([...index.levels.keys()]).toEqual(["junior", "mid", "senior"]);
    const code = ref(index, "code").competency;
    expect(code.name).toBe("Writing code");
    expect(code.expectations.junior).toBe("Writes working code for well-described tasks.");
    expect(code.expectations.senior).toBe("Sets the patterns the app's code follows, on both platforms.");
    expect(ref(index, "debugging").competency.name).toBe("Debugging on devices");
    expect(index.competencies.has("estimation")).toBe(false);
    expect([...index.areas.keys()]).toEqual(["fundamentals", "platform"]);
  });
});

describe("shape: a points-based ladder", async () => {
  const { result, index } = await load("points-ladder");
  it("loads clean", () => expect(result.diagnostics).toEqual([]));

  it("unnamed categories get names made from their ids", () => {
    expect(overviewData(index).areas.map((a) => a.name)).toEqual(["Building", "Supporting"]);
    expect(ref(index, "web-client").competency.name).toBe("Web client");
  });

  it("the milestones' points add up to a title", () => {
    const picks = new Map([
      ["web-client", "3"],
      ["data-storage", "3"],
      ["mentoring", "2"],
    ]);
    expect(placeByPoints(index, picks)).toEqual({
      total: 15,
      level: "eng2",
      next: { level: "eng3", missing: 5 },
    });
    expect(overviewData(index).points?.levels.map((l) => l.points)).toEqual([0, 10, 20, 32]);
  });
});
