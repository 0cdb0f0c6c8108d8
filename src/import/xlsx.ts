/**
 * The xlsx format both ways, through exceljs. Reading: the zip is checked first (zip-guard.ts), then the
 * sheet named `Rows` (or the first sheet, or the sheets the map lists) is read as a table in the canonical
 * layout; merged cells read as their top-left cell's value. Formulas are never evaluated: a formula cell is
 * a located error asking for values (docs/import.md). Writing: the canonical `Rows` sheet, then a readable
 * matrix sheet per track (competencies down, levels across, frozen headers, wrapped text).
 */
import { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import { roleOrFamilyName, stepText } from "../core/cells.js";
import type { FrameworkIndex } from "../core/model.js";
import { expectationDetail } from "../core/model.js";
import type { Competency, ExpectationDetail } from "../core/schema.js";
import type { SourceLocation } from "../core/source-location.js";
import type { Exporter } from "../export/types.js";
import { readLayout } from "./layout-read.js";
import { layoutRows, refuseLongCells } from "./layout-write.js";
import { cellText, readImportMap, TABLE_LIMITS, type Table, type TableRow } from "./table.js";
import { ImportError, type Importer, type ImportInput, ImportLog } from "./types.js";
import { zipProblem } from "./zip-guard.js";

type Cell = ExcelJS.Cell;

/** exceljs (and its zip libraries, most of a megabyte) is imported when a workbook is first read or written. */
async function emptyWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import("exceljs");
  return new excel.Workbook();
}

/** A cell's text, or a problem: formulas and error values are refused, never evaluated. */
export function cellValue(cell: Cell): { text: string } | { problem: string } {
  const value = cell.value;
  if (value === null || value === undefined) return { text: "" };
  if (typeof value === "string") return { text: value };
  if (typeof value === "number" || typeof value === "boolean") return { text: String(value) };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if ("formula" in value || "sharedFormula" in value)
    return { problem: "holds a formula; rungs never evaluates formulas: paste the values instead" };
  if ("error" in value) return { problem: `holds the error value ${String(value.error)}` };
  if ("richText" in value) return { text: value.richText.map((r) => r.text).join("") };
  if ("hyperlink" in value) return { text: String(value.text) };
  return { problem: "holds a value rungs cannot read" };
}

function sheetTable(
  file: string,
  sheet: ExcelJS.Worksheet,
  headerRow: number,
  log: ImportLog,
): Table | undefined {
  let headers: string[] = [];
  // a cell's place: sheet!cell, and the header of its column below the header row; a whole row is n:n
  const at = (row: number, col?: number): SourceLocation => {
    if (col === undefined) return { file, sheet: sheet.name, cell: `${row}:${row}` };
    const header = row > headerRow ? headers[col - 1]?.trim() : undefined;
    return { file, sheet: sheet.name, cell: `${columnLetter(col)}${row}`, ...(header ? { header } : {}) };
  };
  if (sheet.rowCount > TABLE_LIMITS.rows + headerRow) {
    log.error(at(TABLE_LIMITS.rows + headerRow + 1, 1), `more than ${TABLE_LIMITS.rows} rows`);
    return undefined;
  }
  if (sheet.columnCount > TABLE_LIMITS.columns) {
    log.error(at(headerRow, TABLE_LIMITS.columns + 1), `more than ${TABLE_LIMITS.columns} columns`);
    return undefined;
  }
  const width = sheet.columnCount;
  const readRow = (n: number): TableRow => {
    const row = sheet.getRow(n);
    const cells: string[] = [];
    for (let col = 1; col <= width; col++) {
      const value = cellValue(row.getCell(col));
      if ("problem" in value) {
        log.error(at(n, col), value.problem);
        cells.push("");
      } else cells.push(cellText(value.text));
    }
    return { cells, at: (col) => at(n, col === undefined ? undefined : col + 1) };
  };
  const header = readRow(headerRow);
  headers = header.cells;
  const rows: TableRow[] = [];
  for (let n = headerRow + 1; n <= sheet.rowCount; n++) rows.push(readRow(n));
  return { header, rows };
}

/** 1 → A, 27 → AA. */
function columnLetter(col: number): string {
  let n = col;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export async function workbookOf(input: ImportInput): Promise<ExcelJS.Workbook> {
  const problem = zipProblem(input.bytes);
  if (problem) {
    const { entry, message } = problem;
    const at = entry
      ? { file: `${input.name}/${entry.name}`, line: entry.line, column: entry.column }
      : { file: input.name };
    throw new ImportError([{ at, message }]);
  }
  const workbook = await emptyWorkbook();
  try {
    await workbook.xlsx.load(
      Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength) as never,
    );
  } catch (error) {
    throw new ImportError([
      {
        at: { file: input.name },
        message: `is not a readable .xlsx workbook (${(error as Error).message.split("\n")[0]})`,
      },
    ]);
  }
  return workbook;
}

export const xlsxImporter: Importer = {
  async read(inputs, options) {
    const map = readImportMap(options.map, options.mapName);
    const log = new ImportLog();
    const tables: Table[] = [];
    for (const input of inputs) {
      const workbook = await workbookOf(input);
      const sheets = map.sheets
        ? map.sheets.flatMap((name) => {
            const sheet = workbook.getWorksheet(name);
            if (!sheet)
              log.error({ file: input.name, sheet: name }, `no sheet named "${name}" (the map lists it)`);
            return sheet ? [sheet] : [];
          })
        : [workbook.getWorksheet("Rows") ?? workbook.worksheets[0]].filter((s) => s !== undefined);
      if (sheets.length === 0) log.error({ file: input.name }, "holds no sheet");
      for (const sheet of sheets) {
        const table = sheetTable(input.name, sheet, map.header ?? 1, log);
        if (table) tables.push(table);
      }
    }
    log.check();
    return readLayout(tables, map, log);
  },
  async template() {
    const { TEMPLATE_ROWS } = await import("./csv.js");
    const bytes = await writeWorkbook(async (workbook) => {
      await addRowsSheet(workbook, TEMPLATE_ROWS[0] as string[], TEMPLATE_ROWS.slice(1));
    });
    return { name: "rungs-template.xlsx", bytes };
  },
};

type WorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * A workbook written as `fill` adds its rows, with metadata that does not change from run to run. exceljs's
 * streaming writer turns each row into XML as it is committed: a workbook of a large framework (30,000
 * expectations) held as cell objects took half a gigabyte and most of a static build's time.
 */
async function writeWorkbook(fill: (workbook: WorkbookWriter) => Promise<void>): Promise<Uint8Array> {
  const { default: excel } = await import("exceljs");
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  workbook.creator = "rungs";
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  await fill(workbook);
  await workbook.commit();
  return fixedTimes(new Uint8Array(Buffer.concat(chunks)));
}

/**
 * The workbook's bytes with the same stamps whenever it is written: the zip library stamps every entry with
 * the time of writing, so the stamps are set to the zip format's first day (a static build compares files
 * by hash, and `rungs build --jobs` must equal a build on one thread).
 */
function fixedTimes(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // the end-of-directory record: the last 22 bytes, unless a comment follows it (this writer adds none)
  const end = bytes.byteLength - 22;
  if (end < 0 || view.getUint32(end, true) !== 0x06054b50) throw new Error("unexpected workbook zip layout");
  const entries = view.getUint16(end + 10, true);
  const firstDay = (1 << 5) | 1; // 1980-01-01 as an MS-DOS date; 00:00 is time 0
  for (let at = view.getUint32(end + 16, true), n = 0; n < entries; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("unexpected workbook zip layout");
    const local = view.getUint32(at + 42, true);
    for (const [time, date] of [
      [at + 12, at + 14],
      [local + 10, local + 12],
    ] as const) {
      view.setUint16(time, 0, true);
      view.setUint16(date, firstDay, true);
    }
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return bytes;
}

async function addRowsSheet(workbook: WorkbookWriter, header: string[], rows: string[][]): Promise<void> {
  const sheet = workbook.addWorksheet("Rows", { views: [{ state: "frozen", ySplit: 1 }] });
  // a streamed sheet's columns are set before its rows
  sheet.columns = header.map((name) => ({ width: Math.min(60, Math.max(10, name.length + 2)) }));
  const head = sheet.addRow(header);
  head.font = { bold: true };
  head.commit();
  for (const row of rows) sheet.addRow(row).commit();
  await sheet.commit();
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique ignoring case. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, " ").slice(0, 28) || "Sheet";
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** A cell's lines on the readable sheets: its step ("Proficiency: Doing"), statement and criteria. */
function cellLines(
  index: FrameworkIndex,
  competency: Competency,
  cell: Pick<ExpectationDetail, "step" | "statement" | "criteria">,
): (string | undefined)[] {
  const criteria = (cell.criteria ?? []).map((c) => `• ${typeof c === "string" ? c : c.text}`);
  return [stepText(index, competency, cell.step), cell.statement, ...criteria];
}

/** One readable sheet per track: competencies down, the track's levels across, each cell's text wrapped. */
async function addMatrixSheets(workbook: WorkbookWriter, index: FrameworkIndex): Promise<void> {
  const taken = new Set(["rows"]);
  for (const track of index.framework.tracks) {
    const levels = index.levelOrder.flatMap((id) => {
      const level = index.levels.get(id);
      return level && level.track === track.id ? [level] : [];
    });
    if (levels.length === 0) continue;
    const sheet = workbook.addWorksheet(sheetName(track.name, taken), {
      views: [{ state: "frozen", xSplit: 2, ySplit: 1 }],
    });
    // each cell's text wrapped: the columns' style, which the cells take as they are added
    const alignment: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: "top" };
    sheet.columns = [0, 1, ...levels.map((_, i) => i + 2)].map((i) => ({
      width: i < 2 ? 24 : 40,
      style: { alignment },
    }));
    const head = sheet.addRow(["Area", "Competency", ...levels.map((l) => l.name)]);
    head.font = { bold: true };
    head.commit();
    for (const area of index.framework.areas ?? [])
      for (const competency of area.competencies) {
        const texts = levels.map((level) => {
          const detail = expectationDetail(competency.expectations[level.id]);
          if (!detail || !Object.hasOwn(competency.expectations, level.id)) return "";
          const roles = Object.entries(detail.roles ?? {}).flatMap(([owner, own]) => [
            `${roleOrFamilyName(index, owner)}${own.replace ? ", instead" : ", also"}:`,
            ...cellLines(index, competency, own),
          ]);
          return [
            detail.notApplicable ? "Not applicable" : undefined,
            detail.unchanged ? "As the previous level, and:" : undefined,
            ...cellLines(index, competency, detail),
            detail.note ? `Note: ${detail.note}` : undefined,
            ...roles,
          ]
            .filter(Boolean)
            .join("\n");
        });
        sheet.addRow([area.name ?? area.id, competency.name ?? competency.id, ...texts]).commit();
      }
    await sheet.commit();
  }
}

export async function layoutXlsx(
  index: FrameworkIndex,
): Promise<{ bytes: Uint8Array; notes: string[]; tooLong: string[] }> {
  const { header, rows, notes, tooLong } = layoutRows(index);
  const bytes = await writeWorkbook(async (workbook) => {
    await addRowsSheet(workbook, header, rows);
    await addMatrixSheets(workbook, index);
  });
  return { bytes, notes, tooLong };
}

export const xlsxExporter: Exporter = {
  async write(index) {
    const { bytes, notes, tooLong } = await layoutXlsx(index);
    refuseLongCells(tooLong);
    return { files: [{ name: `${index.framework.id}.xlsx`, data: bytes }], notes };
  },
};
