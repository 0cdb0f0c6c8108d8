/**
 * `rungs user import` on an HRIS export as it comes (test/fixtures/people/hris-export.csv): its own column
 * names, columns rungs has no use for, managers named by employee id, titles and levels named as people
 * write them, and a manager who has left. The same rows saved as an .xlsx workbook import the same way.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, expect, it } from "vitest";
import { parseCsv } from "../src/core/csv.js";
import { runInWith } from "./support/run-cli.js";

const root = new URL("../", import.meta.url).pathname;
const fixture = join(root, "test/fixtures/people/hris-export.csv");
const dir = mkdtempSync(join(tmpdir(), "rungs-hris-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function userImport(file: string, db: string, ...more: string[]) {
  const args = [
    "user",
    "import",
    file,
    ...more,
    "--db",
    join(dir, db),
    "--frameworks",
    join(root, "examples/engineering"),
  ];
  const run = await runInWith({ cwd: dir, env: {} }, args);
  return { ...run, lines: run.out.split("\n").filter(Boolean) };
}

/** The fixture's rows as a workbook's first sheet (with an empty sheet after it, which is not read). */
async function asWorkbook(edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Export");
  for (const record of parseCsv(readFileSync(fixture, "utf8")).records) sheet.addRow(record.fields);
  edit?.(sheet);
  workbook.addWorksheet("Notes");
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const EXPECTED = (file: string) => [
  `${file}  ignored  3 columns: Location, Start Date, Cost Centre`,
  `${file}:4:5 (column "Manager Employee ID")  warning  inactive-manager  This person reports to tomas.berg@northwind.example, who has left (active: no); give the team a new manager`,
  `${file}:5:5 (column "Manager Employee ID")  warning  inactive-manager  This person reports to tomas.berg@northwind.example (through lena.okafor@northwind.example), who has left (active: no); give the team a new manager`,
];

it("imports an HRIS export CSV as it comes, listing the columns it ignores and managers who left", async () => {
  copyFileSync(fixture, join(dir, "hris.csv"));
  const dry = await userImport("hris.csv", "csv.db", "--dry-run");
  expect(dry.status).toBe(0);
  expect(dry.lines.slice(0, 3)).toEqual(EXPECTED("hris.csv"));
  expect(dry.lines.at(-1)).toBe(
    "ok  hris.csv: 4 people · 4 to create, 0 to update, 0 unchanged; nothing was written (dry run)",
  );

  const run = await userImport("hris.csv", "csv.db");
  expect(run.lines).toEqual([
    ...EXPECTED("hris.csv"),
    "imported  hris.csv: 4 created, 0 updated, 0 unchanged",
  ]);
  const list = await runInWith({ cwd: dir, env: {} }, [
    "user",
    "list",
    "--format",
    "json",
    "--db",
    join(dir, "csv.db"),
  ]);
  const { people } = JSON.parse(list.out) as { people: Array<Record<string, unknown>> };
  const iris = people.find((p) => p.email === "iris.vance@northwind.example");
  expect(iris).toMatchObject({
    name: "Iris Vance, Jr",
    framework: "engineering",
    level: "mid",
    role: "backend-engineer",
  });
});

it("imports the same rows from an .xlsx workbook, located by row and column", async () => {
  writeFileSync(join(dir, "hris.xlsx"), await asWorkbook());
  const run = await userImport("hris.xlsx", "xlsx.db");
  expect([run.status, run.lines]).toEqual([
    0,
    [...EXPECTED("hris.xlsx"), "imported  hris.xlsx: 4 created, 0 updated, 0 unchanged"],
  ]);
});

it("refuses a workbook cell holding a formula, at its row and column, and writes nothing", async () => {
  const bytes = await asWorkbook((sheet) => {
    sheet.getCell("D3").value = { formula: 'LOWER("TOMAS.BERG@NORTHWIND.EXAMPLE")' };
  });
  writeFileSync(join(dir, "formula.xlsx"), bytes);
  const run = await userImport("formula.xlsx", "formula.db");
  expect(run.status).toBe(1);
  expect(run.lines[0]).toBe(
    "formula.xlsx:3:4  error  csv-syntax  the cell holds a formula; rungs never evaluates formulas: paste the values instead",
  );
});
