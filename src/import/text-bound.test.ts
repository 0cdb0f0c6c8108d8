/**
 * One bound on a text for every import and the spreadsheet exports (text-bound.ts): a CASE statement of
 * 30,000 characters goes CASE → framework → csv and xlsx → framework unchanged; past the bound the import
 * refuses it where it was read, and the export refuses to write a cell its own import would refuse.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { expectationDetail, indexFramework } from "../core/model.js";
import type { Framework } from "../core/schema.js";
import { caseExporter } from "../export/exporters.js";
import { ExportError } from "../export/types.js";
import { memoryFileSystem } from "../load/fs-port.js";
import { loadFramework } from "../load/load-framework.js";
import { csvExporter, layoutCsv } from "./csv.js";
import { runImport } from "./run.js";
import { TEXT_LIMIT } from "./text-bound.js";
import { ImportError, type ImportInput } from "./types.js";
import { layoutXlsx, xlsxExporter } from "./xlsx.js";

const PACKAGE = readFileSync(
  new URL("../../test/fixtures/import/case/data-literacy.json", import.meta.url),
  "utf8",
);
const input = (name: string, text: string | Uint8Array): ImportInput => ({
  name,
  bytes: typeof text === "string" ? new TextEncoder().encode(text) : text,
});
/** A statement of `length` characters, in words, so it reads as a (very long) paragraph. */
const long = (length: number) =>
  `${"Reads the numbers aloud. ".repeat(Math.ceil(length / 25)).slice(0, length - 1)}.`;

async function loaded(files: { path: string; text: string }[]): Promise<Framework> {
  const fs = memoryFileSystem(Object.fromEntries(files.map((f) => [`/fw/${f.path}`, f.text])));
  const framework = (await loadFramework("/fw", fs)).framework;
  if (!framework) throw new Error("the import did not load");
  return framework;
}

const statement = (fw: Framework) => {
  const cell = fw.areas?.[0]?.competencies[0]?.expectations?.beginning;
  return expectationDetail(cell)?.statement;
};

it("a CASE statement of 30,000 characters comes back whole through csv and xlsx", async () => {
  const text = long(30_000);
  const pkg = PACKAGE.replace("Finds the dashboard when asked.", text);
  const fromCase = await runImport("case", [input("long.json", pkg)], {});
  const framework = await loaded(fromCase.files);
  expect(statement(framework)).toBe(text);
  const index = indexFramework(framework);
  const csv = layoutCsv(index);
  expect(csv.tooLong).toEqual([]);
  const fromCsv = await runImport("csv", [input("long.csv", csv.text)], {});
  // the areas (every cell) as written from CASE; framework.yaml differs by what the layout does not hold
  const areas = (files: { path: string }[]) => files.filter((f) => f.path.startsWith("areas/"));
  expect(areas(fromCsv.files)).toEqual(areas(fromCase.files));
  expect(statement(await loaded(fromCsv.files))).toBe(text);
  const fromXlsx = await runImport("xlsx", [input("long.xlsx", (await layoutXlsx(index)).bytes)], {});
  expect(fromXlsx.files).toEqual(fromCsv.files);
});

it("past the bound, a CASE text is refused at its line, and a csv cell at its cell", async () => {
  const pkg = PACKAGE.replace("Finds the dashboard when asked.", long(TEXT_LIMIT + 1));
  const error = await runImport("case", [input("long.json", pkg)], {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ImportError);
  expect((error as ImportError).message).toMatch(
    /^long\.json:\d+: package\.CFRubrics\[0\]\.CFRubricCriteria\[0\]\.CFRubricCriterionLevels\[0\]\.description: 32,768 characters, more than the 32,767 one text may hold/,
  );
  const csv = `level,competency,expectation\njunior,testing,${long(TEXT_LIMIT + 1)}\n`;
  const refused = await runImport("csv", [input("wide.csv", csv)], {}).catch((e: unknown) => e);
  expect((refused as ImportError).message).toBe(
    'wide.csv:2:3 (column "expectation"): 32,768 characters, more than the 32,767 one text may hold (a spreadsheet cell\'s limit)',
  );
});

it("every format holds its texts to the bound: an FT summary past it is refused at its line", async () => {
  const ft = `name: Data\nlevels:\n  - id: junior\n    name: Junior\nthemes:\n  - id: craft\n    name: Craft\ncompetencies:\n  - id: c1\n    level: junior\n    theme: craft\n    summary: ${long(TEXT_LIMIT + 10)}\n    proficiency: Awareness\n`;
  const error = await runImport("ft", [input("long.yml", ft)], {}).catch((e: unknown) => e);
  expect((error as ImportError).message).toMatch(
    /^long\.yml:\d+: areas\.craft\.competencies\.craft\.expectations\.junior\.criteria\.c1\.text: 32,777 characters, more than the 32,767/,
  );
});

it("the csv and xlsx exports refuse a cell their import would refuse, naming its row and column", async () => {
  const fromCase = await runImport("case", [input("p.json", PACKAGE)], {});
  const framework = await loaded(fromCase.files);
  const competency = framework.areas?.[0]?.competencies[0];
  // each example fits; the cell that holds them, one per line, does not
  if (competency?.expectations)
    competency.expectations.beginning = { statement: "Finds it.", examples: [long(20_000), long(20_000)] };
  const index = indexFramework(framework);
  for (const exporter of [csvExporter, xlsxExporter]) {
    const error = await exporter.write(index, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as Error).message).toMatch(
      /^row \d+ \(track main, level beginning, area dl-1, competency dl-1-a\), column examples: 40,001 characters, more than the 32,767 .*shorten the text/,
    );
  }
});

it("the CASE export refuses a text its import would refuse, naming where it is", async () => {
  const fromCase = await runImport("case", [input("p.json", PACKAGE)], {});
  const framework = await loaded(fromCase.files);
  const competency = framework.areas?.[0]?.competencies[0];
  if (competency?.expectations) competency.expectations.beginning = long(TEXT_LIMIT + 1);
  const error = await caseExporter.write(indexFramework(framework), {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExportError);
  expect((error as Error).message).toBe(
    "areas.dl-1.competencies.dl-1-a.expectations.beginning: 32,768 characters, more than the 32,767 one text may hold (a spreadsheet cell's limit); shorten the text: an import of the package would refuse it",
  );
});
