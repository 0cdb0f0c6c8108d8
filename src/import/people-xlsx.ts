/**
 * The people import's workbook: the first sheet of an .xlsx (an HRIS export saved from a spreadsheet) read
 * as the people CSV is, its rows numbered as the sheet numbers them, so `people.xlsx:4:2 (column "Email
 * Address")` is row 4, column B. The zip is checked before anything is inflated and formulas are refused,
 * never evaluated, as the framework importer does (xlsx.ts).
 */
import type { CsvRecord } from "../core/csv.js";
import {
  type PeopleCsv,
  type PeopleCsvProblem,
  readPeopleCsv,
  readPeopleRecords,
} from "../core/people-csv.js";
import { TABLE_LIMITS } from "./table.js";
import { ImportError } from "./types.js";
import { cellValue, workbookOf } from "./xlsx.js";

/** Whether bytes are a zip archive (what an .xlsx is) rather than text: its local header's signature. */
export function isWorkbook(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** People from a file's bytes: a workbook when they are a zip archive, else a CSV in UTF-8. */
export async function readPeopleFile(bytes: Uint8Array, file: string): Promise<PeopleCsv> {
  if (isWorkbook(bytes)) return readPeopleXlsx(bytes, file);
  return readPeopleCsv(new TextDecoder().decode(bytes), file);
}

/** People from a workbook's first sheet; `file` names it in locations. Never throws. */
export async function readPeopleXlsx(bytes: Uint8Array, file: string): Promise<PeopleCsv> {
  const refused = (line: number, message: string, column?: number): PeopleCsv =>
    readPeopleRecords([], file, [
      { line, at: { file, line, ...(column ? { column } : {}) }, code: "csv-syntax", message },
    ]);
  let sheet: Awaited<ReturnType<typeof workbookOf>>["worksheets"][number] | undefined;
  try {
    sheet = (await workbookOf({ name: file, bytes })).worksheets[0];
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return refused(1, error.problems.map((p) => p.message).join("; "));
  }
  if (!sheet) return refused(1, "the workbook holds no sheet");
  if (sheet.rowCount > TABLE_LIMITS.rows + 1)
    return refused(TABLE_LIMITS.rows + 2, `more than ${TABLE_LIMITS.rows} people`);
  if (sheet.columnCount > TABLE_LIMITS.columns)
    return refused(1, `more than ${TABLE_LIMITS.columns} columns`, TABLE_LIMITS.columns + 1);
  const records: CsvRecord[] = [];
  const problems: PeopleCsvProblem[] = [];
  for (let line = 1; line <= sheet.rowCount; line++) {
    const row = sheet.getRow(line);
    const fields: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column++) {
      const value = cellValue(row.getCell(column));
      if ("problem" in value) {
        const at = { file, line, column };
        problems.push({ line, at, code: "csv-syntax", message: `the cell ${value.problem}` });
        fields.push("");
      } else fields.push(value.text);
    }
    // a row with no cells at all is a blank line; the header is the first row that has any
    if (fields.some((f) => f.trim() !== "") || records.length > 0) records.push({ line, fields });
  }
  return readPeopleRecords(records, file, problems);
}
