/**
 * The canonical long layout shared by the csv and xlsx importers and exporters (docs/import.md): its
 * columns, the header aliases people write instead, and the `--map` file for sheets laid out differently.
 * A table is rows of text cells, each cell knowing where it was (file:line or sheet!cell).
 */
import * as z from "zod";
import type { SourceLocation } from "../core/source-location.js";
import { ImportError } from "./types.js";

/** The canonical columns, in the order exports write them. */
export const COLUMNS = [
  "framework",
  "framework_name",
  "version",
  "track",
  "track_name",
  "track_description",
  "level",
  "level_name",
  "level_title",
  "rank",
  "follows",
  "band",
  "markers",
  "level_points",
  "points_description",
  "level_sources",
  "area",
  "area_name",
  "area_description",
  "area_summary",
  "takeaway",
  "area_sources",
  "competency",
  "competency_name",
  "competency_description",
  "competency_sources",
  "scale",
  "scale_name",
  "scale_description",
  "step",
  "step_name",
  "step_description",
  "step_points",
  "role",
  "role_name",
  "family",
  "family_name",
  "family_description",
  "replace",
  "criterion_id",
  "criterion",
  "expectation",
  "elaboration",
  "unchanged",
  "not_applicable",
  "note",
  "examples",
  "sources",
] as const;
export type Column = (typeof COLUMNS)[number];

/** Other headers read as each column (compared ignoring case, spaces, `-` and `_`). */
const ALIASES: Record<Column, string[]> = {
  framework: ["framework id"],
  framework_name: [],
  version: ["framework version"],
  track: ["track id", "ladder"],
  track_name: ["ladder name"],
  track_description: ["ladder description"],
  level: ["level id", "grade"],
  level_name: ["grade name"],
  level_title: ["title", "job title"],
  rank: ["level rank", "height"],
  follows: ["previous level", "after"],
  band: ["level band", "sub-level of"],
  markers: ["level markers"],
  level_points: ["points to reach"],
  points_description: ["points rule"],
  level_sources: ["level source", "grade sources"],
  area: ["area id", "theme", "category", "pillar"],
  area_name: ["theme name", "category name", "pillar name"],
  area_description: ["theme description", "category description", "pillar description"],
  area_summary: ["theme summary", "category summary", "pillar summary"],
  takeaway: ["area takeaway", "at a glance"],
  area_sources: ["area source", "theme sources"],
  competency: ["competency id", "skill", "topic"],
  competency_name: ["skill name", "topic name"],
  competency_description: ["skill description", "topic description"],
  competency_sources: ["competency source", "skill sources"],
  scale: ["scale id"],
  scale_name: [],
  scale_description: [],
  step: ["step id", "proficiency", "milestone"],
  step_name: ["proficiency name", "milestone name"],
  step_description: ["proficiency description", "milestone description"],
  step_points: [],
  // not "discipline" or "job family": sheets that had such a column imported without it, and would now fail
  role: ["role id"],
  role_name: [],
  family: ["family id", "role family"],
  family_name: ["role family name"],
  family_description: ["role family description"],
  replace: ["replaces"],
  criterion_id: [],
  criterion: ["criteria", "behaviour", "behavior", "signal"],
  expectation: ["statement", "expectations", "description"],
  // not "notes" or "comments": sheets that had such a column imported without it, and would now fail
  elaboration: [],
  unchanged: ["as before", "as previous level"],
  not_applicable: ["n/a"],
  note: [],
  examples: ["example", "evidence"],
  sources: ["source", "references"],
};

/** The prefix of a rating-band column: `rating:<band id>` then, optionally, a space and the band's name. */
export const RATING_PREFIX = "rating:";

export function normalizeHeader(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
}

const BY_HEADER = new Map<string, Column>();
for (const column of COLUMNS) {
  BY_HEADER.set(normalizeHeader(column), column);
  for (const alias of ALIASES[column]) BY_HEADER.set(normalizeHeader(alias), column);
}

/** The canonical column a header means, if any. */
export function columnFor(header: string): Column | undefined {
  return BY_HEADER.get(normalizeHeader(header));
}

export interface TableRow {
  cells: string[];
  /** Where cell `col` (0-based) is, with its column's header; without `col`, where the row is. */
  at(col?: number): SourceLocation;
}

export interface Table {
  /** The header row's cells and where each is. */
  header: TableRow;
  rows: TableRow[];
}

/** The `--map` file (docs/import.md, "Other layouts"). */
export const ImportMap = z.strictObject({
  sheets: z.array(z.string().max(200)).max(100).optional(),
  header: z.number().int().min(1).max(1000).optional(),
  columns: z.record(z.string().max(200), z.enum(COLUMNS)).optional(),
  levels: z.record(z.string().max(200), z.string().max(200)).optional(),
  fill: z.array(z.enum(COLUMNS)).max(COLUMNS.length).optional(),
  values: z.partialRecord(z.enum(COLUMNS), z.string().max(1000)).optional(),
});
export type ImportMap = z.infer<typeof ImportMap>;

/** The map, checked: a located error for anything it does not understand. */
export function readImportMap(value: unknown, name = "map"): ImportMap {
  if (value === undefined) return {};
  const parsed = ImportMap.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ImportError(
    parsed.error.issues.map((issue) => ({
      at: { file: name },
      message: `${issue.path.join(".") || "(top)"}: ${issue.message}`,
    })),
  );
}

/** A header's entry in one of the map's tables: the exact text first, then ignoring case and spacing. */
function lookUp<T>(table: Record<string, T> | undefined, header: string): T | undefined {
  if (!table) return undefined;
  if (Object.hasOwn(table, header)) return table[header];
  const wanted = normalizeHeader(header);
  for (const [from, to] of Object.entries(table)) if (normalizeHeader(from) === wanted) return to;
  return undefined;
}

/** The canonical column the map names for a header. */
export function mappedColumn(map: ImportMap, header: string): Column | undefined {
  return lookUp(map.columns, header);
}

/** The level a wide layout's header stands for, when the map lists it under `levels`. */
export function mappedLevel(map: ImportMap, header: string): string | undefined {
  return lookUp(map.levels, header);
}

/** A yes/no cell (`replace`, `unchanged`): undefined when it is neither. */
export function yesNo(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (["", "no", "n", "false", "0"].includes(word)) return false;
  if (["yes", "y", "true", "x", "1"].includes(word)) return true;
  return undefined;
}

/** Bounds on one table, whatever file it came from (docs/import.md, "Limits"). */
export const TABLE_LIMITS = { rows: 100_000, columns: 300 } as const;

/**
 * A cell's text as the layout reads it: a leading `'` that an export put before text a spreadsheet would
 * take for a formula (`'=…`, `'-…`) is taken off again.
 */
export function cellText(raw: string): string {
  return /^'[=+\-@\t\r]/.test(raw) ? raw.slice(1) : raw;
}
