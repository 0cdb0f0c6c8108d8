/**
 * The csv format both ways: files in the canonical long layout (or mapped onto it with `--map`) → a
 * framework, and a framework → one CSV file of that layout. Each input file is one table; a cell is
 * located by file, line and column (`csvLocator`).
 */
import { csvCell, csvLocator, parseCsv } from "../core/csv.js";
import type { FrameworkIndex } from "../core/model.js";
import type { Exporter } from "../export/types.js";
import { readLayout } from "./layout-read.js";
import { layoutRows, refuseLongCells } from "./layout-write.js";
import { cellText, readImportMap, TABLE_LIMITS, type Table } from "./table.js";
import { type Importer, type ImportInput, ImportLog, utf8 } from "./types.js";

/**
 * The file's text: UTF-8, or UTF-16 where a byte-order mark says so (Excel's "Unicode text", which is
 * separated by tabs).
 */
function csvText(input: ImportInput): string {
  const [a, b] = input.bytes;
  if (a === 0xff && b === 0xfe) return new TextDecoder("utf-16le").decode(input.bytes);
  if (a === 0xfe && b === 0xff) return new TextDecoder("utf-16be").decode(input.bytes);
  return utf8(input);
}

/**
 * The separator of the fields: a comma, unless the header row holds none but semicolons or tabs, as
 * spreadsheets save CSV where the comma is the decimal mark, and as Excel saves "Unicode text" (a bend).
 */
function separatorOf(text: string, headerRow: number, input: ImportInput, log: ImportLog): string {
  const header = text.split(/\r\n|\n|\r/, headerRow)[headerRow - 1] ?? "";
  if (header.includes(",")) return ",";
  const separator = [";", "\t"].find((s) => header.includes(s));
  if (!separator) return ",";
  const name = separator === ";" ? "semicolons" : "tabs";
  log.bend(
    "guessed",
    { file: input.name, line: headerRow },
    `the header row is separated by ${name}, not commas: every row is read so`,
  );
  return separator;
}

function csvTable(input: ImportInput, headerRow: number, log: ImportLog): Table | undefined {
  const text = csvText(input);
  const parsed = parseCsv(text, separatorOf(text, headerRow, input, log));
  const records = parsed.records.slice(headerRow - 1);
  const head = records[0];
  const file = input.name;
  const at = csvLocator(file, head);
  for (const p of parsed.problems) log.error(at(p.line, p.field - 1), p.message);
  const extra = records[TABLE_LIMITS.rows + 1];
  if (extra) log.error(at(extra.line), `more than ${TABLE_LIMITS.rows} rows`);
  if (!head) {
    log.error({ file, line: 1 }, "no header row");
    return undefined;
  }
  const wide = records.find((r) => r.fields.length > TABLE_LIMITS.columns);
  if (wide) log.error(at(wide.line, TABLE_LIMITS.columns), `more than ${TABLE_LIMITS.columns} columns`);
  log.check();
  const row = (record: { line: number; fields: string[] }) => ({
    cells: record.fields.map(cellText),
    at: (col?: number) => at(record.line, col),
  });
  return { header: row(head), rows: records.slice(1).map(row) };
}

export const csvImporter: Importer = {
  async read(inputs, options) {
    const map = readImportMap(options.map, options.mapName);
    const log = new ImportLog();
    const tables = inputs.flatMap((input) => csvTable(input, map.header ?? 1, log) ?? []);
    return readLayout(tables, map, log);
  },
  async template() {
    return { name: "rungs-template.csv", bytes: new TextEncoder().encode(csvTemplate()) };
  },
};

/** The layout as CSV text (CRLF line ends, as RFC 4180 and spreadsheets write them). */
export function layoutCsv(index: FrameworkIndex): { text: string; notes: string[]; tooLong: string[] } {
  const { header, rows, notes, tooLong } = layoutRows(index);
  const text = [header, ...rows].map((cells) => `${cells.map(csvCell).join(",")}\r\n`).join("");
  return { text, notes, tooLong };
}

export const csvExporter: Exporter = {
  async write(index) {
    const { text, notes, tooLong } = layoutCsv(index);
    refuseLongCells(tooLong);
    return { files: [{ name: `${index.framework.id}.csv`, data: text }], notes };
  },
};

const TEMPLATE_HEADER = [
  "framework",
  "framework_name",
  "track",
  "track_name",
  "track_description",
  "level",
  "level_name",
  "follows",
  "role",
  "role_name",
  "family",
  "area",
  "area_name",
  "area_description",
  "area_summary",
  "takeaway",
  "competency",
  "competency_name",
  "competency_description",
  "step",
  "step_name",
  "criterion",
  "expectation",
  "unchanged",
  "replace",
  "not_applicable",
  "note",
  "examples",
  "rating:meets Meets",
] as const;

/** A template row: the columns given, every other one empty; each row is on the one team and track. */
function templateRow(values: Partial<Record<(typeof TEMPLATE_HEADER)[number], string>>): string[] {
  const row = {
    framework: "my-team",
    framework_name: "My team",
    track: "ic",
    track_name: "Individual contributor",
    ...values,
  };
  return TEMPLATE_HEADER.map((column) => (row as Record<string, string | undefined>)[column] ?? "");
}

const TESTING = { area: "craft", area_name: "Craft", competency: "testing", competency_name: "Testing" };
const MENTORING = { area: "craft", competency: "mentoring", competency_name: "Mentoring" };
const BACKEND = { role: "backend", role_name: "Backend engineer", family: "engineering" };

/**
 * A small framework to start from: three levels, a role spanning them, one competency with its own steps,
 * a criterion with a rating band, a level that keeps the one before it, and the role's own expectation;
 * descriptions of the area and the competencies, and a second competency that does not apply at the first
 * level, with a note saying why; a track's description, a rating band's, an area's summary and takeaway. No cell holds a comma or a line break, so the rows read the same split on
 * commas.
 */
export const TEMPLATE_ROWS: string[][] = [
  [...TEMPLATE_HEADER],
  templateRow({
    level: "engineer",
    level_name: "Engineer",
    track_description: "Grows through the work itself.",
  }),
  // a row of no cell: the rating column holds the band's description
  templateRow({ "rating:meets Meets": "Does what the level asks." }),
  templateRow({ level: "senior", level_name: "Senior engineer", follows: "engineer" }),
  templateRow({ level: "staff", level_name: "Staff engineer", follows: "senior" }),
  templateRow({ ...BACKEND, level: "engineer" }),
  templateRow({ ...BACKEND, level: "senior" }),
  templateRow({ ...BACKEND, level: "staff" }),
  templateRow({
    ...TESTING,
    area_description: "How the work itself is done.",
    area_summary: "The craft of building software.",
    competency_description: "Making sure a change does what it should and keeps doing it.",
    step: "learning",
    step_name: "Learning",
  }),
  templateRow({ ...TESTING, step: "owning", step_name: "Owning" }),
  templateRow({ ...TESTING, step: "shaping", step_name: "Shaping" }),
  templateRow({
    level: "engineer",
    ...TESTING,
    step: "learning",
    expectation: "Writes tests for the code they change.",
    examples: "Adds a test with each bug fix",
  }),
  templateRow({
    level: "senior",
    ...TESTING,
    step: "owning",
    criterion: "Shapes how the team tests",
    "rating:meets Meets": "Proposes a test plan for a feature",
  }),
  templateRow({
    level: "senior",
    ...TESTING,
    role: "backend",
    expectation: "Adds contract tests between the services they own.",
  }),
  templateRow({
    level: "staff",
    ...TESTING,
    step: "shaping",
    unchanged: "yes",
    criterion: "Sets how several teams decide what to test",
  }),
  templateRow({
    ...MENTORING,
    competency_description: "Helping others grow.",
    level: "engineer",
    not_applicable: "yes",
    note: "Mentoring is expected from senior engineers on.",
  }),
  templateRow({ ...MENTORING, level: "senior", expectation: "Mentors one newer engineer." }),
  templateRow({ ...MENTORING, level: "staff", expectation: "Grows mentors across teams." }),
  templateRow({ level: "staff", area: "craft", takeaway: "Sets how several teams build." }),
];

function csvTemplate(): string {
  return TEMPLATE_ROWS.map((cells) => `${cells.map(csvCell).join(",")}\r\n`).join("");
}
