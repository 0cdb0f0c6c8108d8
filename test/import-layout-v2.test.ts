/**
 * The canonical csv/xlsx layout's format-2 columns (docs/import.md): step scales declared by rows without a
 * level, cells asking for a step, roles declared by rows without a competency, a role's own cell adding to
 * or replacing the shared one, and the `unchanged` marker. A sheet filled by hand imports to the framework
 * it means; what it gets wrong is a located error (file:line, or sheet!cell in a workbook).
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { expectationDetail } from "../src/core/model.js";
import { csvImporter } from "../src/import/csv.js";
import { runImport } from "../src/import/run.js";
import { formatBends, ImportError } from "../src/import/types.js";
import { xlsxImporter } from "../src/import/xlsx.js";

const csv = (name: string, lines: string[]) => [
  { name, bytes: new TextEncoder().encode(`${lines.join("\n")}\n`) },
];

const HEAD =
  "framework,track,level,follows,role,role_name,family,competency,scale,step,step_name,replace,unchanged,expectation";

/** A small hand-filled sheet: two levels, a role, a competency with its own steps. */
const GOOD = [
  HEAD,
  "fw,ic,junior,,,,,,,,,,,",
  "fw,ic,senior,junior,,,,,,,,,,",
  "fw,,junior,,web,Web engineer,engineering,,,,,,,",
  "fw,,senior,,web,,,,,,,,,",
  "fw,,,,,,,testing,,learning,Learning,,,",
  "fw,,,,,,,testing,,doing,Doing,,,",
  "fw,,junior,,,,,testing,,learning,,,,Writes tests for their change.",
  "fw,,senior,,,,,testing,,doing,,,yes,",
  "fw,,senior,,web,,,testing,,,,yes,,Tests how pages fail when a service is slow.",
];

async function refused(lines: string[]): Promise<string> {
  const error = await csvImporter.read(csv("bad.csv", lines), {}).catch((e) => e);
  expect(error).toBeInstanceOf(ImportError);
  return (error as ImportError).message;
}

describe("the layout's format-2 columns", () => {
  it("reads steps, roles, a role's replacing cell and the unchanged marker from a hand-filled sheet", async () => {
    const run = await csvImporter.read(csv("team.csv", GOOD), {});
    const fw = run.framework;
    // and `rungs check` has no error on it
    const checked = await runImport("csv", csv("team.csv", GOOD), {});
    expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(fw.roles).toEqual([
      { id: "web", name: "Web engineer", family: "engineering", levels: ["junior", "senior"] },
    ]);
    expect(fw.families).toEqual([{ id: "engineering", name: "Engineering" }]);
    const testing = fw.areas?.[0]?.competencies[0];
    expect(testing?.scale).toEqual({
      steps: [
        { id: "learning", name: "Learning" },
        { id: "doing", name: "Doing" },
      ],
    });
    expect(testing?.expectations.junior).toEqual({
      statement: "Writes tests for their change.",
      step: "learning",
    });
    expect(testing?.expectations.senior).toEqual({
      step: "doing",
      unchanged: true,
      roles: { web: { replace: true, statement: "Tests how pages fail when a service is slow." } },
    });
    // nothing was guessed but the framework's name and the competency's area
    expect(formatBends(run.bends)).toEqual([
      "guessed  team.csv:1: framework name: Fw",
      'guessed  team.csv:6:8 (column "competency"): competency testing has no area; put in area general',
    ]);
  });

  it("shared scales: steps on rows of the scale, competencies naming it, names made into ids", async () => {
    const imported = await csvImporter.read(
      csv("shared.csv", [
        "framework,track,level,competency,scale,scale_name,step,step_points,expectation",
        "fw,ic,one,,,,,,",
        "fw,,,,proficiency,Proficiency,Working knowledge,2,",
        "fw,,,,proficiency,,Expert,5,",
        "fw,,one,testing,proficiency,,Working knowledge,,Writes tests.",
      ]),
      {},
    );
    expect(imported.framework.scales).toEqual([
      {
        id: "proficiency",
        name: "Proficiency",
        steps: [
          { id: "working-knowledge", name: "Working knowledge", points: 2 },
          { id: "expert", name: "Expert", points: 5 },
        ],
      },
    ]);
    const testing = imported.framework.areas?.[0]?.competencies[0];
    expect(testing?.scale).toBe("proficiency");
    expect(expectationDetail(testing?.expectations.one)?.step).toBe("working-knowledge");
  });

  it("without step rows, a competency's steps are those its cells name, in row order (a bend)", async () => {
    const imported = await csvImporter.read(
      csv("guess.csv", [
        "framework,track,level,follows,area,competency,proficiency",
        "fw,ic,one,,craft,testing,aware",
        "fw,ic,two,one,craft,testing,skilled",
      ]),
      {},
    );
    expect(imported.framework.areas?.[0]?.competencies[0]?.scale).toEqual({
      steps: [{ id: "aware" }, { id: "skilled" }],
    });
    expect(formatBends(imported.bends)).toContain(
      'guessed  guess.csv:2:7 (column "proficiency"): competency testing has no step rows (a row with the step and no level): its steps are those its cells name, in row order',
    );
  });

  it("refuses bad flags, steps and roles, each located: a step the scale lacks, an unknown role, a replace without a shared cell", async () => {
    const message = await refused([
      ...GOOD,
      "fw,,junior,,,,,testing,,expert,,,,",
      "fw,,junior,,mobile,,,testing,,,,,,Ships to the app stores.",
      "fw,,junior,,,,,review,,,,,,",
      "fw,,junior,,web,,,review,,,,yes,,Reviews page changes.",
      "fw,,senior,,,,,testing,,,,maybe,,",
      "fw,,junior,,,,,testing,,,,yes,,Reads the code.",
      "fw,,junior,,web,,,testing,,,,,yes,Tests in browsers.",
      "fw,,,,,,,testing,,,Skilled,,,",
      "fw,,,,,,,,,skilled,,,,",
      "fw,,senior,,,,,testing,,learning,,,,",
    ]);
    expect(message.split("\n")).toEqual(
      expect.arrayContaining([
        'bad.csv:11:10 (column "step"): a second step for testing at junior (the first, "learning", is at line 8, column 10)',
        'bad.csv:15:12 (column "replace"): replace "maybe" is neither yes nor no',
        'bad.csv:16:12 (column "replace"): replace needs a role: the role\'s own cell replaces the shared one',
        'bad.csv:17:13 (column "unchanged"): unchanged marks the shared expectation; a role\'s own cell adds to it or replaces it (leave unchanged empty on role rows)',
        'bad.csv:18:11 (column "step_name"): a step name without a step (fill the step column)',
        'bad.csv:19:10 (column "step"): step "skilled" belongs to no scale: fill competency (its own scale) or scale (a shared one)',
        'bad.csv:20:10 (column "step"): a second step for testing at senior (the first, "doing", is at line 9, column 10)',
      ]),
    );
    const lacking = await refused([...GOOD.slice(0, 7), "fw,,junior,,,,,testing,,expert,,,,Writes tests."]);
    expect(lacking).toBe(
      'bad.csv:8:10 (column "step"): the scale of competency testing has no step "expert" (its steps: learning, doing)',
    );
    const unknown = await refused([...GOOD, "fw,,junior,,mobile,,,testing,,,,,,Ships to the app stores."]);
    expect(unknown).toBe(
      'bad.csv:11:5 (column "role"): role "mobile" is not declared: add a row with role mobile, its role_name and family and no competency (one per level it spans); declared: engineering, web',
    );
    const replacing = await refused([...GOOD, "fw,,junior,,web,,,review,,,,yes,,Reviews page changes."]);
    expect(replacing).toBe(
      'bad.csv:11:12 (column "replace"): role web replaces the shared expectation of review at junior, but there is none: leave replace empty to give the role\'s own cell',
    );
    const familyless = await refused([HEAD, "fw,ic,junior,,web,Web engineer,,,,,,,,"]);
    expect(familyless).toBe(
      'bad.csv:2:5 (column "role"): role web has no family: fill the family column on its rows',
    );
    const stepless = await refused([
      "framework,track,level,competency,scale,expectation",
      "fw,ic,one,testing,proficiency,Writes tests.",
    ]);
    expect(stepless).toBe(
      'bad.csv:2:5 (column "scale"): scale proficiency has no steps: add a row per step, with the scale and step columns and no level',
    );
  });

  it("reads sub-levels, markers and the points that reach a level; refuses markers and points it does not know", async () => {
    const head = "framework,track,level,follows,band,markers,level_points";
    const imported = await csvImporter.read(
      csv("ladder.csv", [head, "fw,ic,l3a,,3,,10", "fw,ic,l3b,l3a,3,top,20"]),
      {},
    );
    expect(imported.framework.points).toEqual({ levels: { l3a: 10, l3b: 20 } });
    expect(imported.framework.levels?.map((l) => [l.band, l.markers])).toEqual([
      ["3", undefined],
      ["3", ["top"]],
    ]);
    expect((await refused([head, "fw,ic,one,,,summit,-1"])).split("\n")).toEqual([
      'bad.csv:2:7 (column "level_points"): level points "-1" is not a number from 0 to 1000000',
      'bad.csv:2:6 (column "markers"): marker "summit" is not one of fork, top',
    ]);
  });

  it("holds steps and criteria to the format's bounds, located at the first row past them", async () => {
    const steps = Array.from({ length: 51 }, (_, i) => `fw,,,,,,,testing,,s${i},,,,`);
    const criteria = Array.from({ length: 101 }, (_, i) => `fw,ic,junior,testing,x${i}`);
    expect(await refused([HEAD, "fw,ic,junior,,,,,,,,,,,", ...steps])).toBe(
      'bad.csv:53:10 (column "step"): competency testing has more than 50 steps',
    );
    expect(await refused(["framework,track,level,competency,criterion", ...criteria])).toBe(
      'bad.csv:102:5 (column "criterion"): more than 100 criteria for testing at junior',
    );
  });

  it("locates the same errors by sheet and cell in a workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Rows");
    for (const line of [...GOOD.slice(0, 7), "fw,,junior,,mobile,,,testing,,expert,,,,Writes tests."])
      sheet.addRow(line.split(","));
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const error = await xlsxImporter.read([{ name: "team.xlsx", bytes }], {}).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message.split("\n")).toEqual([
      'team.xlsx#Rows!E8 (column "role"): role "mobile" is not declared: add a row with role mobile, its role_name and family and no competency (one per level it spans); declared: engineering, web',
    ]);
  });
});
