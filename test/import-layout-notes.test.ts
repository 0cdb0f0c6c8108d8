/**
 * The layout's columns for what sits beside the expectations (docs/import.md): descriptions of areas,
 * competencies, scales and role families, the points rule's description, and on cells `not_applicable`,
 * `note` and `elaboration`. A framework using each comes back equal through csv and xlsx; a sheet without
 * these columns reads as before; misplaced ones are located errors.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { indexFramework } from "../src/core/model.js";
import type { Framework } from "../src/core/schema.js";
import { csvImporter, layoutCsv } from "../src/import/csv.js";
import { ImportError } from "../src/import/types.js";
import { checkFrameworkFiles, frameworkFiles } from "../src/import/write.js";
import { layoutXlsx, xlsxImporter } from "../src/import/xlsx.js";
import { memoryFileSystem } from "../src/load/fs-port.js";
import { loadFramework } from "../src/load/load-framework.js";
import { layoutProjection } from "./support/layout-projection.js";

const FRAMEWORK = `rungs: 2
id: notes
name: Notes and descriptions
points:
  description: Add the points of each competency's step.
  levels: { junior: 0, senior: 4 }
tracks:
  - { id: ic, name: Individual contributor }
levels:
  - { id: junior, name: Junior, track: ic }
  - { id: senior, name: Senior, track: ic, follows: [junior] }
scales:
  - id: proficiency
    name: Proficiency
    description: How far someone has come in a skill.
    steps:
      - { id: learning, points: 1 }
      - { id: doing, points: 4 }
families:
  - { id: engineering, name: Engineering, description: People who build and run the product. }
roles:
  - { id: web, name: Web engineer, family: engineering, levels: [junior, senior] }
areas:
  - id: craft
    description: How the work itself is done.
    competencies:
      - id: testing
        description: Making sure a change does what it should, and keeps doing it.
        scale: proficiency
        expectations:
          junior: { step: learning, statement: Tests their change., note: Pairing counts. }
          senior:
            step: doing
            statement: Decides what the team tests.
            elaboration: Where a junior follows a test plan, a senior writes it.
            roles:
              web: { statement: Tests pages on slow networks., note: Browsers differ. }
      - id: mentoring
        scale:
          name: Milestone
          description: Each milestone adds to the one before.
          steps: [{ id: m1 }, { id: m2 }]
        expectations:
          junior: { notApplicable: true, note: Mentoring starts at senior. }
          senior:
            step: m1
            criteria: [Mentors one person., Reviews a newcomer's first change.]
            note: Counted over a year.
  - id: quiet
    description: An area with nothing in it yet.
    competencies: []
`;

async function load(files: Record<string, string>): Promise<Framework> {
  const loaded = await loadFramework("/fw", memoryFileSystem(files));
  if (!loaded.framework) throw new Error("did not load");
  return loaded.framework;
}

/** Imports, checks the files like `rungs check`, and loads them back. */
async function importBack(read: Promise<{ framework: Framework; bends: unknown[] }>) {
  const imported = await read;
  const files = frameworkFiles(imported.framework);
  await checkFrameworkFiles(files);
  const framework = await load(Object.fromEntries(files.map((f) => [`/fw/${f.path}`, f.text])));
  return { framework, bends: imported.bends };
}

const csv = (name: string, text: string) => [{ name, bytes: new TextEncoder().encode(text) }];

async function refused(lines: string[]): Promise<string> {
  const error = await csvImporter.read(csv("bad.csv", `${lines.join("\n")}\n`), {}).catch((e) => e);
  expect(error).toBeInstanceOf(ImportError);
  return (error as ImportError).message;
}

describe("descriptions, notes, elaborations and not-applicable cells in the layout", () => {
  it("come back equal through csv and xlsx, and the export no longer lists them as left out", async () => {
    const original = await load({ "/fw/framework.yaml": FRAMEWORK });
    const index = indexFramework(original);
    const { text, notes } = layoutCsv(index);
    expect(notes.join()).not.toMatch(/description|note|elaboration|notApplicable/);
    const back = await importBack(csvImporter.read(csv("export.csv", text), {}));
    expect(back.bends).toEqual([]);
    expect(layoutProjection(back.framework)).toEqual(layoutProjection(original));
    // the projection compares them: spelled out so this cannot pass by leaving them out of both sides
    const [craft, quiet] = back.framework.areas ?? [];
    expect(quiet?.description).toBe("An area with nothing in it yet.");
    expect(craft?.competencies[1]?.expectations.junior).toEqual({
      notApplicable: true,
      note: "Mentoring starts at senior.",
    });
    expect(back.framework.points?.description).toBe("Add the points of each competency's step.");
    const fromXlsx = await importBack(
      xlsxImporter.read([{ name: "export.xlsx", bytes: (await layoutXlsx(index)).bytes }], {}),
    );
    expect(layoutProjection(fromXlsx.framework)).toEqual(layoutProjection(original));
  });

  it("writes each description once, on its entity's first row", async () => {
    const { text } = layoutCsv(indexFramework(await load({ "/fw/framework.yaml": FRAMEWORK })));
    for (const description of ["How the work itself is done.", "Each milestone adds to the one before."])
      expect(text.split(description).length - 1).toBe(1);
  });

  it("shows a cell that does not apply, and its note, on the readable sheet", async () => {
    const { bytes } = await layoutXlsx(indexFramework(await load({ "/fw/framework.yaml": FRAMEWORK })));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as never);
    const sheet = workbook.getWorksheet("Individual contributor");
    expect(sheet?.getRow(3).getCell(3).text).toBe("Not applicable\nNote: Mentoring starts at senior.");
  });

  it("reads the columns from a sheet filled by hand", async () => {
    const sheet = [
      "level,follows,area,area_description,competency,competency_description,step,scale_description,not_applicable,note,elaboration,expectation",
      "junior,,,,,,,,,,,",
      "senior,junior,,,,,,,,,,",
      ",,craft,Doing the work.,testing,Checking changes.,learning,Growth in a skill.,,,,",
      ",,craft,,testing,,doing,,,,,",
      "junior,,,,testing,,,,yes,Starts at senior.,,",
      "senior,,,,testing,,doing,,,,Owns the plan.,Plans tests.",
    ];
    const { framework } = await importBack(csvImporter.read(csv("hand.csv", `${sheet.join("\n")}\n`), {}));
    const [area] = framework.areas ?? [];
    expect(area?.description).toBe("Doing the work.");
    const testing = area?.competencies[0];
    expect(testing?.description).toBe("Checking changes.");
    expect(typeof testing?.scale === "object" && testing.scale.description).toBe("Growth in a skill.");
    expect(testing?.expectations).toEqual({
      junior: { notApplicable: true, note: "Starts at senior." },
      senior: { step: "doing", statement: "Plans tests.", elaboration: "Owns the plan." },
    });
  });

  it("locates misplaced or contradictory columns", async () => {
    const message = await refused([
      "level,role,role_name,family,family_description,area_description,competency,scale_description,not_applicable,note,elaboration,points_description,expectation",
      "junior,,,,,,,,,,,Add points.,",
      "senior,,,,,,,,,,,Add them up.,",
      "junior,web,Web engineer,eng,,,,,,,,,",
      ",,,,Builders.,Craft.,,Steps.,,,,,",
      "junior,,,,,,testing,,perhaps,,,,Tests.",
      "junior,,,,,,testing,,,First.,,,",
      "junior,,,,,,testing,,,Second.,,,",
      "junior,web,,,,,testing,,yes,,,,",
      "junior,web,,,,,testing,,,,Longer.,,",
      ",,,,,,,,,A stray note.,,,",
    ]);
    expect(message).toContain(
      'bad.csv:3:12 (column "points_description"): points_description "Add them up." differs from "Add points." at line 2, column 12',
    );
    expect(message).toContain(
      'bad.csv:5:5 (column "family_description"): family description on a row without a family',
    );
    expect(message).toContain(
      'bad.csv:5:6 (column "area_description"): area description on a row without an area',
    );
    expect(message).toContain(
      'bad.csv:5:8 (column "scale_description"): scale description on a row without a scale',
    );
    expect(message).toContain(
      'bad.csv:6:9 (column "not_applicable"): not_applicable "perhaps" is neither yes nor no',
    );
    expect(message).toContain(
      'bad.csv:8:10 (column "note"): a second note for testing at junior (the first is at line 7, column 10)',
    );
    expect(message).toContain(
      'bad.csv:9:9 (column "not_applicable"): not_applicable belongs to the shared cell',
    );
    expect(message).toContain('bad.csv:10:11 (column "elaboration"): elaboration belongs to the shared cell');
    expect(message).toContain('bad.csv:11:7 (column "competency"): an expectation without a competency');
  });

  it("locates them by sheet and cell in a workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Rows");
    sheet.addRow(["level", "competency", "not_applicable", "competency_description"]);
    sheet.addRow(["junior", "testing", "maybe", ""]);
    sheet.addRow(["", "", "", "Orphan."]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const error = await xlsxImporter.read([{ name: "team.xlsx", bytes }], {}).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error.message).toContain(
      'team.xlsx#Rows!C2 (column "not_applicable"): not_applicable "maybe" is neither yes nor no',
    );
    expect(error.message).toContain(
      'team.xlsx#Rows!D3 (column "competency_description"): competency description on a row without a competency',
    );
  });
});

describe("sources, summaries, takeaways and track and rating band descriptions in the layout", () => {
  it("reads them from a sheet filled by hand, and locates misplaced or contradictory ones", async () => {
    const sheet = [
      "track,track_description,level,level_sources,area,area_summary,takeaway,area_sources,competency,competency_sources,rating:meets Meets,expectation",
      "ic,Grows through the work.,junior,ladder | The ladder,,,,,,,,",
      ",,,,,,,,,,Does what the level asks.,",
      ",,junior,,craft,How work is done.,Learns the tools.,ladder,testing,guide | Test guide,Tests.,Writes tests.",
    ];
    const { framework } = await importBack(csvImporter.read(csv("hand.csv", `${sheet.join("\n")}\n`), {}));
    expect(framework.tracks[0]?.description).toBe("Grows through the work.");
    expect(framework.ratingScale).toEqual([
      { id: "meets", name: "Meets", description: "Does what the level asks." },
    ]);
    expect(framework.levels?.[0]?.sources).toEqual(["ladder"]);
    const [area] = framework.areas ?? [];
    expect(area).toMatchObject({ summary: "How work is done.", takeaways: { junior: "Learns the tools." } });
    expect(area?.sources).toEqual(["ladder"]);
    expect(area?.competencies[0]?.sources).toEqual(["guide"]);
    expect(area?.competencies[0]?.expectations.junior).toEqual({
      statement: "Writes tests.",
      ratings: { meets: "Tests." },
    });
    const message = await refused([
      sheet[0] as string,
      ",Orphan.,,,,,Alone.,,,,,",
      ",,,,,,,,,,First.,",
      ",,,,,,,,,,Second.,",
      ",,junior,,craft,,One.,,,,,",
      ",,junior,,craft,,Two.,,,,,",
    ]);
    expect(message).toContain(
      'bad.csv:2:2 (column "track_description"): track description on a row without a track',
    );
    expect(message).toContain(
      'bad.csv:2:7 (column "takeaway"): takeaway on a row without an area and a level',
    );
    expect(message).toContain(
      'bad.csv:4:11 (column "rating:meets Meets"): rating band meets has the description "Second." here but "First." at line 3, column 11',
    );
    expect(message).toContain(
      'bad.csv:6:7 (column "takeaway"): a second takeaway for area craft at junior (the first is at line 5, column 7)',
    );
  });
});
