/**
 * The people CSV that `rungs user import` and the admin import page read: a header naming the columns, then
 * one person per record. Shaping only (which column is which, how many fields); whether a value is a valid
 * email or a known level is checked by the store and by `checkPlacement`, so every problem of a file can be
 * listed at once, each located as the framework CSV importer locates its problems (`csvLocator`):
 * `people.csv:4:2 (column "email")`.
 */
import { type CsvRecord, csvLocator, parseCsv } from "./csv.js";
import type { SourceLocation } from "./source-location.js";
import { didYouMean } from "./text.js";

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
] as const;
export type PeopleCsvColumn = (typeof PEOPLE_CSV_COLUMNS)[number];

const REQUIRED: readonly PeopleCsvColumn[] = ["name", "email"];

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
}

export interface PeopleCsvProblem {
  line: number;
  /** The line again, with the column and its header where the problem is in one cell. */
  at: SourceLocation;
  code:
    | "csv-syntax"
    | "missing-column"
    | "unknown-column"
    | "duplicate-column"
    | "field-count"
    | "too-many-rows";
  message: string;
}

export interface PeopleCsv {
  rows: PeopleCsvRow[];
  problems: PeopleCsvProblem[];
  /** The columns the header names, in file order (empty when there is no usable header). */
  columns: PeopleCsvColumn[];
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
 * The most people one CSV may list, as a framework import's table may hold 100,000 rows: 5 MiB of the
 * shortest rows is 400,000 people, whose dry run took 4 s of CPU and 800 MB, in the server's own process for
 * a preview. The row past it is refused, and with it the import (all rows or none).
 */
export const PEOPLE_CSV_MAX_ROWS = 100_000;

/** Where a row's cell is: the line, and the column when the file has it (else the line alone). */
export function peopleCsvCell(csv: PeopleCsv, line: number, column?: PeopleCsvColumn): SourceLocation {
  const index = column === undefined ? -1 : csv.columns.indexOf(column);
  return csvLocator(csv.file, csv.header)(line, index === -1 ? undefined : index);
}

/** `Manager Email`, `manager-email` and `manager_email` all name one column. */
function normalizeHeader(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
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
};

/**
 * Reads a people CSV; `file` names it in locations. Never throws; a file whose header is unusable gives no
 * rows, only the header's problems.
 */
export function readPeopleCsv(text: string, file: string, maxRows = PEOPLE_CSV_MAX_ROWS): PeopleCsv {
  const parsed = parseCsv(text);
  const [header, ...records] = parsed.records;
  const locate = csvLocator(file, header);
  const problems: PeopleCsvProblem[] = parsed.problems.map((p) =>
    problem(locate(p.line, p.field - 1), "csv-syntax", p.message),
  );
  const unread = (): PeopleCsv => ({ file, rows: [], problems: problems.sort(byLine), columns: [] });
  const undecodable = text.includes("\ufffd") ? notUtf8(parsed.records, text, file) : undefined;
  if (undecodable) {
    problems.push(undecodable);
    return unread();
  }
  if (!header) {
    if (problems.length === 0) {
      problems.push(
        problem(
          { file, line: 1 },
          "missing-column",
          `the file is empty; the first line must name the columns: ${PEOPLE_CSV_COLUMNS.join(",")}`,
        ),
      );
    }
    return unread();
  }

  const { columns, problems: headerProblems } = readHeader(header, locate);
  if (headerProblems.length > 0) {
    problems.push(...headerProblems);
    return unread();
  }
  const rows: PeopleCsvRow[] = [];
  for (const record of records) {
    const row = readRow(record, columns, locate);
    if (row === undefined) continue;
    if ("code" in row) problems.push(row);
    else if (rows.length === maxRows) {
      const message = `more than ${maxRows.toLocaleString("en")} people in one file: import it in parts`;
      problems.push(problem(locate(record.line), "too-many-rows", message));
      break;
    } else rows.push(row);
  }
  return { file, header, rows, problems: problems.sort(byLine), columns };
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

/** One record below the header: a person, a problem with its shape, or nothing (a blank line). */
function readRow(
  record: CsvRecord,
  columns: readonly PeopleCsvColumn[],
  locate: Locate,
): PeopleCsvRow | PeopleCsvProblem | undefined {
  const fields = record.fields;
  // every cell blank (",,,,"): spreadsheets leave such lines after the data; not a person
  if (fields.every((f) => f.trim() === "")) return undefined;
  const width = columns.length;
  // spreadsheets pad rows with empty cells past the last column; anything else in excess is misaligned
  const excess = fields.slice(width).findIndex((f) => f.trim() !== "");
  if (fields.length < width || excess !== -1) {
    // located at the first column left empty, or the first value past the header's last column
    return problem(
      locate(record.line, fields.length < width ? fields.length : width + excess),
      "field-count",
      `${fields.length} field${fields.length === 1 ? "" : "s"} where the header has ${width} (${columns.join(",")}); a value with a comma must be in double quotes`,
    );
  }
  const row: PeopleCsvRow = { line: record.line, name: "", email: "" };
  columns.forEach((column, index) => {
    row[FIELD_OF[column]] = fields[index] as string;
  });
  return row;
}

/** The columns a people CSV's header names, or what is wrong with it (unknown, repeated or missing columns). */
function readHeader(
  header: CsvRecord,
  locate: Locate,
): {
  columns: PeopleCsvColumn[];
  problems: PeopleCsvProblem[];
} {
  const columns: PeopleCsvColumn[] = [];
  const problems: PeopleCsvProblem[] = [];
  const known = new Set<string>(PEOPLE_CSV_COLUMNS);
  header.fields.forEach((cell, index) => {
    const name = normalizeHeader(cell);
    if (!known.has(name)) {
      const semicolons = index === 0 && header.fields.length === 1 && cell.includes(";");
      const hint = semicolons
        ? "the file seems to use ; between fields; save it as CSV with commas"
        : (didYouMean(name, PEOPLE_CSV_COLUMNS) ?? `the columns are ${PEOPLE_CSV_COLUMNS.join(", ")}`);
      problems.push(
        problem(locate(header.line, index), "unknown-column", `unknown column "${cell.trim()}"; ${hint}`),
      );
      return;
    }
    if (columns.includes(name as PeopleCsvColumn)) {
      problems.push(
        problem(locate(header.line, index), "duplicate-column", `the column "${name}" appears twice`),
      );
      return;
    }
    columns.push(name as PeopleCsvColumn);
  });
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0 && !problems.some((p) => p.message.includes("; between fields"))) {
    problems.push(
      problem(
        locate(header.line),
        "missing-column",
        `the header has no ${missing.map((c) => `"${c}"`).join(" or ")} column; the first line must name the columns, e.g. ${PEOPLE_CSV_COLUMNS.join(",")}`,
      ),
    );
  }
  return { columns, problems };
}
