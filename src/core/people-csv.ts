/**
 * The people CSV that `rungs user import` and the admin import page read: a header naming the columns, then
 * one person per record. Shaping only (which column is which, how many fields); whether a value is a valid
 * email or a known level is checked by the store and by `checkPlacement`, so every problem of a file can be
 * listed at once, by line.
 */
import { parseCsv } from "./csv.js";
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
}

export interface PeopleCsvProblem {
  line: number;
  code: "csv-syntax" | "missing-column" | "unknown-column" | "duplicate-column" | "field-count";
  message: string;
}

export interface PeopleCsv {
  rows: PeopleCsvRow[];
  problems: PeopleCsvProblem[];
  /** The columns the header names, in file order (empty when there is no usable header). */
  columns: PeopleCsvColumn[];
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
};

/** Reads a people CSV. Never throws; a file whose header is unusable gives no rows, only the header's problems. */
export function readPeopleCsv(text: string): PeopleCsv {
  const parsed = parseCsv(text);
  const problems: PeopleCsvProblem[] = parsed.problems.map((p) => ({
    line: p.line,
    code: "csv-syntax",
    message: p.message,
  }));
  const [header, ...records] = parsed.records;
  if (!header) {
    if (problems.length === 0) {
      problems.push({
        line: 1,
        code: "missing-column",
        message: `the file is empty; the first line must name the columns: ${PEOPLE_CSV_COLUMNS.join(",")}`,
      });
    }
    return { rows: [], problems, columns: [] };
  }

  const { columns, problems: headerProblems } = readHeader(header);
  if (headerProblems.length > 0) {
    return {
      rows: [],
      problems: [...problems, ...headerProblems].sort((a, b) => a.line - b.line),
      columns: [],
    };
  }

  const rows: PeopleCsvRow[] = [];
  const width = header.fields.length;
  for (const record of records) {
    const fields = record.fields;
    // every cell blank (",,,,"): spreadsheets leave such lines after the data; not a person
    if (fields.every((f) => f.trim() === "")) continue;
    // spreadsheets pad rows with empty cells past the last column; anything else in excess is misaligned
    const excess = fields.slice(width);
    if (fields.length < width || excess.some((f) => f.trim() !== "")) {
      problems.push({
        line: record.line,
        code: "field-count",
        message: `${fields.length} field${fields.length === 1 ? "" : "s"} where the header has ${width} (${columns.join(",")}); a value with a comma must be in double quotes`,
      });
      continue;
    }
    const row: PeopleCsvRow = { line: record.line, name: "", email: "" };
    columns.forEach((column, index) => {
      row[FIELD_OF[column]] = fields[index] as string;
    });
    rows.push(row);
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems, columns };
}

/** The columns a people CSV's header names, or what is wrong with it (unknown, repeated or missing columns). */
function readHeader(header: { line: number; fields: string[] }): {
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
      problems.push({
        line: header.line,
        code: "unknown-column",
        message: `unknown column "${cell.trim()}" (column ${index + 1}); ${hint}`,
      });
      return;
    }
    if (columns.includes(name as PeopleCsvColumn)) {
      problems.push({
        line: header.line,
        code: "duplicate-column",
        message: `the column "${name}" appears twice`,
      });
      return;
    }
    columns.push(name as PeopleCsvColumn);
  });
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0 && !problems.some((p) => p.message.includes("; between fields"))) {
    problems.push({
      line: header.line,
      code: "missing-column",
      message: `the header has no ${missing.map((c) => `"${c}"`).join(" or ")} column; the first line must name the columns, e.g. ${PEOPLE_CSV_COLUMNS.join(",")}`,
    });
  }
  return { columns, problems };
}
