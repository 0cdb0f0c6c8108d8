/**
 * The people CSV that `rungs user import` and the admin import page read: a header naming the columns, then
 * one person per record. HRIS exports read as they are: the common spellings of a column's header name it
 * (`Email Address`, `Manager Employee ID`, `Job Title`), and any other column is ignored and listed as
 * ignored, never refused. Shaping only (which column is which, how many fields); whether a value is a valid
 * email or a known level is checked by the store and by `checkPlacement`, so every problem of a file can be
 * listed at once, each located as the framework CSV importer locates its problems (`csvLocator`):
 * `people.csv:4:2 (column "email")`.
 */
import { type CsvRecord, csvLocator, parseCsv } from "./csv.js";
import type { SourceLocation } from "./source-location.js";
import { didYouMean, quoted } from "./text.js";

/** The columns, in the order a template lists them. `name` and `email` are required; the rest optional. */
export const PEOPLE_CSV_COLUMNS = [
  "name",
  "email",
  "manager_email",
  "framework",
  "track",
  "level",
  "role",
  "active",
  "employee_id",
  "manager_employee_id",
] as const;
export type PeopleCsvColumn = (typeof PEOPLE_CSV_COLUMNS)[number];

const REQUIRED: readonly PeopleCsvColumn[] = ["name", "email"];

/** The columns a file made by hand names, as messages suggest them (the employee ids are for HRIS exports). */
const TEMPLATE = PEOPLE_CSV_COLUMNS.slice(0, 8).join(",");

/**
 * Other spellings of a column's header, as HRIS and spreadsheet exports write them (normalized: lower case,
 * every run of other characters one `_`). `first_name` and `last_name` make the name when there is no name
 * column.
 */
const HEADER_SPELLINGS: Record<PeopleCsvColumn | "first_name" | "last_name", readonly string[]> = {
  name: ["name", "full_name", "employee_name", "display_name"],
  email: ["email", "email_address", "work_email", "work_email_address", "e_mail", "e_mail_address"],
  manager_email: ["manager_email", "manager_email_address", "manager_work_email", "reports_to_email"],
  framework: ["framework", "department"],
  track: ["track"],
  level: ["level", "job_level", "grade"],
  role: ["role", "job_title", "title"],
  active: ["active", "status", "employment_status", "employee_status"],
  employee_id: ["employee_id", "employee_number", "employee_no", "worker_id"],
  manager_employee_id: ["manager_employee_id", "manager_id", "manager_employee_number", "reports_to_id"],
  first_name: ["first_name", "given_name"],
  last_name: ["last_name", "surname", "family_name"],
};
type HeaderColumn = keyof typeof HEADER_SPELLINGS;
const COLUMN_OF_SPELLING = new Map<string, HeaderColumn>(
  Object.entries(HEADER_SPELLINGS).flatMap(([column, spellings]) =>
    spellings.map((spelling) => [spelling, column as HeaderColumn] as const),
  ),
);

/**
 * One person from the file (the shape of the people-import service's `ImportRow`). A column the file does not have is
 * absent (undefined): an existing person keeps that stored value. A blank cell is "" and clears it.
 */
export interface PeopleCsvRow {
  line: number;
  name: string;
  email: string;
  managerEmail?: string;
  framework?: string;
  track?: string;
  level?: string;
  role?: string;
  active?: string;
  /** The HRIS's id of the person, which `managerEmployeeId` of other rows of the same file may name. */
  employeeId?: string;
  managerEmployeeId?: string;
}

export interface PeopleCsvProblem {
  line: number;
  /** The line again, with the column and its header where the problem is in one cell. */
  at: SourceLocation;
  code: "csv-syntax" | "missing-column" | "duplicate-column" | "field-count" | "too-many-rows";
  message: string;
}

export interface PeopleCsv {
  rows: PeopleCsvRow[];
  problems: PeopleCsvProblem[];
  /** The columns the header names, in file order (empty when there is no usable header). */
  columns: PeopleCsvColumn[];
  /** Where each column is among a record's fields (counted from 0). */
  fieldOf: Partial<Record<PeopleCsvColumn, number>>;
  /** The header's other columns, as the file writes them: read past, never refused. */
  ignored: string[];
  /** The file's name, as locations show it. */
  file: string;
  /** The header record, which names the columns in locations; absent when the file has none. */
  header?: CsvRecord;
}

/**
 * The largest people CSV read, pasted, uploaded or named to `rungs user import`, in UTF-8 bytes: far more than
 * any organization's people list (100,000 people take about 6 MB only with every column filled), and small
 * enough to check in one request. Larger is refused whole, never cut: a cut file would import only its first
 * part.
 */
export const PEOPLE_CSV_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The most people one CSV (or workbook sheet) may list, as a framework import's table may hold 100,000 rows: 5 MiB of the
 * shortest rows is 400,000 people, whose dry run took 4 s of CPU and 800 MB, in the server's own process for
 * a preview. The row past it is refused, and with it the import (all rows or none).
 */
export const PEOPLE_CSV_MAX_ROWS = 100_000;

/** Where a row's cell is: the line, and the column when the file has it (else the line alone). */
export function peopleCsvCell(csv: PeopleCsv, line: number, column?: PeopleCsvColumn): SourceLocation {
  return csvLocator(csv.file, csv.header)(line, column === undefined ? undefined : csv.fieldOf[column]);
}

/** Shown of the ignored columns: the first few, each cut, and how many more (a header may have thousands). */
const IGNORED_SHOWN = 20;

/** The ignored columns as one line: `3 columns: Location, Start Date, Cost Centre`. */
export function ignoredColumns(ignored: readonly string[]): string {
  const shown = ignored.slice(0, IGNORED_SHOWN).map((name) => quoted(name, 60).slice(1, -1));
  const more = ignored.length > IGNORED_SHOWN ? `, … (${ignored.length} in all)` : "";
  return `${ignored.length} column${ignored.length === 1 ? "" : "s"}: ${shown.join(", ")}${more}`;
}

/** `Manager Email`, `manager-email`, `Manager E-mail:` and `manager_email` all name one column. */
function normalizeHeader(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "_")
    .replace(/^_|_$/g, "");
}

const FIELD_OF: Record<PeopleCsvColumn, keyof Omit<PeopleCsvRow, "line">> = {
  name: "name",
  email: "email",
  manager_email: "managerEmail",
  framework: "framework",
  track: "track",
  level: "level",
  role: "role",
  active: "active",
  employee_id: "employeeId",
  manager_employee_id: "managerEmployeeId",
};

/**
 * Reads a people CSV; `file` names it in locations. Never throws; a file whose header is unusable gives no
 * rows, only the header's problems.
 */
export function readPeopleCsv(text: string, file: string, maxRows = PEOPLE_CSV_MAX_ROWS): PeopleCsv {
  const parsed = parseCsv(text);
  const locate = csvLocator(file, parsed.records[0]);
  const problems: PeopleCsvProblem[] = parsed.problems.map((p) =>
    problem(locate(p.line, p.field - 1), "csv-syntax", p.message),
  );
  const undecodable = text.includes("\ufffd") ? notUtf8(parsed.records, text, file) : undefined;
  if (undecodable) return unread(file, [...problems, undecodable]);
  return readPeopleRecords(parsed.records, file, problems, maxRows);
}

/**
 * People from records already split into fields (a CSV's, or a workbook sheet's rows numbered as lines):
 * the first record is the header. `problems` are the reader's own, kept in line order with the rest.
 */
export function readPeopleRecords(
  records: readonly CsvRecord[],
  file: string,
  problems: PeopleCsvProblem[] = [],
  maxRows = PEOPLE_CSV_MAX_ROWS,
): PeopleCsv {
  const [header, ...body] = records;
  if (!header) {
    if (problems.length === 0) {
      problems.push(
        problem(
          { file, line: 1 },
          "missing-column",
          `the file is empty; the first line must name the columns: ${TEMPLATE}`,
        ),
      );
    }
    return unread(file, problems);
  }
  const locate = csvLocator(file, header);
  const read = readHeader(header, locate);
  if (read.problems.length > 0) return unread(file, [...problems, ...read.problems]);
  const rows: PeopleCsvRow[] = [];
  for (const record of body) {
    const row = readRow(record, read, header.fields, locate);
    if (row === undefined) continue;
    if ("code" in row) problems.push(row);
    else if (rows.length === maxRows) {
      const message = `more than ${maxRows.toLocaleString("en")} people in one file: import it in parts`;
      problems.push(problem(locate(record.line), "too-many-rows", message));
      break;
    } else rows.push(row);
  }
  const { columns, fieldOf, ignored } = read;
  return { file, header, rows, problems: problems.sort(byLine), columns, fieldOf, ignored };
}

function unread(file: string, problems: PeopleCsvProblem[]): PeopleCsv {
  return { file, rows: [], problems: problems.sort(byLine), columns: [], fieldOf: {}, ignored: [] };
}

const byLine = (a: PeopleCsvProblem, b: PeopleCsvProblem) => a.line - b.line;

/**
 * The first cell holding U+FFFD, what a decoder leaves for bytes that are not UTF-8 (Latin-1, UTF-16): the
 * file is refused there, as `rungs import csv` refuses it, rather than names stored with the character.
 */
function notUtf8(records: readonly CsvRecord[], text: string, file: string): PeopleCsvProblem | undefined {
  const locate = csvLocator(file, records[0]);
  for (const record of records) {
    const field = record.fields.findIndex((f) => f.includes("\ufffd"));
    if (field === -1) continue;
    const message = text.startsWith("\ufffd\ufffd")
      ? "the file is UTF-16, not UTF-8: save it as CSV UTF-8"
      : "the file is not valid UTF-8 here: save it as CSV UTF-8 (bytes that are not UTF-8 read as U+FFFD, the replacement character)";
    return problem(locate(record.line, field), "csv-syntax", message);
  }
  return undefined;
}

function problem(at: SourceLocation, code: PeopleCsvProblem["code"], message: string): PeopleCsvProblem {
  return { line: at.line ?? 1, at, code, message };
}

type Locate = ReturnType<typeof csvLocator>;

/** What the header says: where each column is, and the name's parts when the file splits it. */
interface Header {
  columns: PeopleCsvColumn[];
  fieldOf: Partial<Record<PeopleCsvColumn, number>>;
  ignored: string[];
  /** First and last name's fields, when the name is made of them (no name column). */
  nameParts?: number[];
}

/** One record below the header: a person, a problem with its shape, or nothing (a blank line). */
function readRow(
  record: CsvRecord,
  header: Header,
  names: readonly string[],
  locate: Locate,
): PeopleCsvRow | PeopleCsvProblem | undefined {
  const fields = record.fields;
  const width = names.length;
  // every cell blank (",,,,"): spreadsheets leave such lines after the data; not a person
  if (fields.every((f) => f.trim() === "")) return undefined;
  // spreadsheets pad rows with empty cells past the last column; anything else in excess is misaligned
  const excess = fields.slice(width).findIndex((f) => f.trim() !== "");
  if (fields.length < width || excess !== -1) {
    // located at the first column left empty, or the first value past the header's last column
    return problem(
      locate(record.line, fields.length < width ? fields.length : width + excess),
      "field-count",
      `${fields.length} field${fields.length === 1 ? "" : "s"} where the header has ${width} (${quoted(names.map((n) => n.trim()).join(","), 200).slice(1, -1)}); a value with a comma must be in double quotes`,
    );
  }
  const row: PeopleCsvRow = { line: record.line, name: "", email: "" };
  for (const column of header.columns)
    row[FIELD_OF[column]] = fields[header.fieldOf[column] as number] as string;
  if (header.nameParts) {
    row.name = header.nameParts
      .map((index) => (fields[index] as string).trim())
      .filter((part) => part !== "")
      .join(" ");
  }
  return row;
}

/** The columns a people CSV's header names, or what is wrong with it (repeated or missing columns). */
function readHeader(header: CsvRecord, locate: Locate): Header & { problems: PeopleCsvProblem[] } {
  const fieldOf: Partial<Record<HeaderColumn, number>> = {};
  const ignored: string[] = [];
  const problems: PeopleCsvProblem[] = [];
  header.fields.forEach((cell, index) => {
    const column = COLUMN_OF_SPELLING.get(normalizeHeader(cell));
    if (column === undefined) {
      if (cell.trim() !== "") ignored.push(cell.trim());
      return;
    }
    const first = fieldOf[column];
    if (first !== undefined) {
      const twice = `${quoted(header.fields[first]?.trim() ?? "", 60)} and ${quoted(cell.trim(), 60)} both name the column ${column}`;
      problems.push(problem(locate(header.line, index), "duplicate-column", twice));
      return;
    }
    fieldOf[column] = index;
  });
  const parts = [fieldOf.first_name, fieldOf.last_name].filter((i) => i !== undefined);
  const split = fieldOf.name === undefined && parts.length > 0;
  if (split) fieldOf.name = parts[0];
  const columns = PEOPLE_CSV_COLUMNS.filter((c) => fieldOf[c] !== undefined).sort(
    (a, b) => (fieldOf[a] as number) - (fieldOf[b] as number),
  );
  const missing = REQUIRED.filter((c) => fieldOf[c] === undefined);
  if (missing.length > 0) problems.push(missingColumns(header, missing, ignored, locate));
  return { columns, fieldOf, ignored, problems, ...(split ? { nameParts: parts } : {}) };
}

/** The header lacks a required column: which, and the ignored header it most likely meant. */
function missingColumns(
  header: CsvRecord,
  missing: readonly PeopleCsvColumn[],
  ignored: readonly string[],
  locate: Locate,
): PeopleCsvProblem {
  const semicolons = header.fields.length === 1 && (header.fields[0] ?? "").includes(";");
  const near = ignored
    .map((cell) => didYouMean(cell.toLowerCase(), missing))
    .find((hint) => hint !== undefined);
  const hint = semicolons
    ? "the file seems to use ; between fields; save it as CSV with commas"
    : `${near ? `${near} ` : ""}the first line must name the columns, e.g. ${TEMPLATE} (an HRIS export's "Email Address", "Full Name" or "First Name" and "Last Name" do too)`;
  return problem(
    locate(header.line),
    "missing-column",
    `the header has no ${missing.map((c) => `"${c}"`).join(" or ")} column; ${hint}`,
  );
}
