/**
 * The five seed-shaped examples (examples/seed-*): each checks clean (the role profile also under
 * --publish), and each section of its seed comes out of the view models the pages render.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { goalsForRoleLevel } from "../src/core/goals.js";
import { layoutLadder } from "../src/core/ladder-layout.js";
import { type FrameworkIndex, indexFramework } from "../src/core/model.js";
import { levelData } from "../src/core/views/level.js";
import { areaMatrixData, matrixData } from "../src/core/views/matrix.js";
import { overviewData } from "../src/core/views/overview.js";
import { roleData } from "../src/core/views/role.js";
import { nodeFileSystem } from "../src/load/fs-port.js";
import { checkFramework } from "../src/load/load-framework.js";
import { loadOccupations } from "../src/load/occupations.js";

async function load(name: string, publish = false): Promise<FrameworkIndex> {
  const path = fileURLToPath(new URL(`../examples/${name}`, import.meta.url));
  const occupations = await loadOccupations(nodeFileSystem);
  const result = await checkFramework(path, nodeFileSystem, { occupations, publish });
  expect(result.diagnostics).toEqual([]);
  if (!result.framework) throw new Error(`${name} did not load`);
  return indexFramework(result.framework);
}

describe("seed-shaped examples", () => {
  it("000 role profile: no aliases recorded, classifications with sources and an unstated match, passing reviews", async () => {
    const index = await load("seed-role-profile", true);
    const role = roleData(index, "platform-engineer");
    expect(role?.aliases).toEqual([]);
    expect(role?.classifications.map((c) => [c.scheme, c.match, c.sources])).toEqual([
      ["soc-2018", "close", ["soc-manual"]],
      ["onet-soc-2019", "unknown", ["soc-manual"]],
    ]);
    expect(role?.sources.every((s) => s.review?.passes && s.review.passMark === 4)).toBe(true);
    expect(role?.dimensions.filter((d) => d.calibration)).toHaveLength(6);
    expect(levelData(index, "p1")?.sources?.[0]?.title).toBe("Kestrel grade guide");
  });

  it("001 goal templates: the header names the level code; data-quality criteria flow into goals", async () => {
    const index = await load("seed-goal-templates");
    const doc = goalsForRoleLevel(index, "clinical-analyst", "a3");
    expect(doc.subject).toMatchObject({ levelName: "Senior analyst", levelCode: "A3" });
    expect(levelData(index, "a3")?.areas[0]?.expectations[0]?.unchangedFrom).toBe("a2");
  });

  it("002 level page: the intro, guidance before and after, and rating-only cells in the matrices", async () => {
    const index = await load("seed-level-page");
    const level = levelData(index, "l4");
    expect(level?.narrative).toMatch(/^Senior engineers set how their team builds/);
    expect(level?.guidanceBefore?.map((g) => g.title)).toEqual(["What a strong performer looks like"]);
    // managing guidance in the seed's parts, each item whole (a comma inside a flow list once split one in two)
    const managing = level?.guidance.find((g) => g.title === "Managing people at this level");
    expect(managing?.sections?.map((g) => g.title)).toEqual([
      "How to work with them",
      "Where to help them grow",
      "Signs of progress",
      "Mistakes to avoid",
    ]);
    expect(managing?.sections?.[0]?.items).toContain("Review their plan, not their code.");
    const cell = matrixData(index).areas[0]?.competencies[0]?.cells.find((c) => c.level === "l4");
    expect(cell).toMatchObject({ state: "expectation", text: expect.stringMatching(/^Leads work across/) });
    const area = areaMatrixData(index, "craft");
    const row = area?.rows.find((r) => r.level === "l4");
    expect(row?.cells.find((c) => c.competency === "technical-expertise")?.text).toMatch(
      /^Leads work across/,
    );
  });

  it("003 forked ladder: fork and top markers, ranks side by side, stage documents, beyond, guidance first", async () => {
    const index = await load("seed-forked-ladder");
    const overview = overviewData(index);
    expect(overview.levels.find((l) => l.id === "lead")?.markers).toEqual(["fork"]);
    expect(overview.beyond).toMatch(/^Past Principal and Director/);
    expect(overview.guidance[0]).toMatchObject({
      placement: "before",
      sections: [{ title: "The trunk" }, { title: "The fork" }],
    });
    const layout = layoutLadder(index);
    const y = (id: string) => layout.nodes.find((n) => n.id === id)?.y;
    expect(y("principal")).toBe(y("director"));
    expect(levelData(index, "mid")?.areas[0]?.documents?.[0]?.title).toBe("Discovery playbook");
    expect(areaMatrixData(index, "build")?.area.documents?.[0]?.note).toBe("Updated every quarter.");
    expect(levelData(index, "principal")?.areas[0]?.note).toMatch(/^Principal, Director and above/);
  });

  it("004 leveled matrix: elaborations, criteria cells and a level carried forward on purpose", async () => {
    const index = await load("seed-leveled-matrix");
    const rows = matrixData(index).areas.flatMap((a) => a.competencies);
    expect(rows.find((r) => r.id === "code")?.cells.find((c) => c.level === "3")?.elaboration).toMatch(
      /next reader/,
    );
    const testing = rows.find((r) => r.id === "testing");
    expect(testing?.cells.find((c) => c.level === "2")).toMatchObject({ unchangedFrom: "1" });
    expect(testing?.cells.find((c) => c.level === "2")?.criteria).toHaveLength(3);
  });
});
