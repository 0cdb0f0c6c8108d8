/**
 * A framework → the canonical long layout (docs/import.md): declaration rows for every track, level and
 * competency in the framework's order, then one row per expectation cell and one per criterion. Reading
 * the rows back (layout-read.ts) gives the same framework for everything the layout holds; what it cannot
 * hold is listed in `notes` (roles, dimensions, guidance, …) so an export never drops anything silently.
 */
import { expectationDetail, type FrameworkIndex } from "../core/model.js";
import type { Criterion, Framework, Source } from "../core/schema.js";
import { COLUMNS, type Column, RATING_PREFIX } from "./table.js";

export interface LayoutRows {
  header: string[];
  rows: string[][];
  notes: string[];
}

/** The top-level parts of a framework the layout carries; anything else is named in the notes. */
const CARRIED = new Set([
  "rungs",
  "id",
  "name",
  "version",
  "tracks",
  "levels",
  "areas",
  "ratingScale",
  "sources",
]);

function sourceText(ids: readonly string[] | undefined, sources: Map<string, Source>): string {
  return (ids ?? [])
    .map((id) => {
      const s = sources.get(id);
      return s ? [id, s.title, s.url].filter((x) => x !== undefined).join(" | ") : id;
    })
    .join("\n");
}

type Values = Partial<Record<Column, string>>;
type RowWriter = (values: Values, ratings?: Record<string, string>) => void;

export function layoutRows(index: FrameworkIndex): LayoutRows {
  const fw: Framework = index.framework;
  const bands = fw.ratingScale ?? [];
  const header = [...COLUMNS, ...bands.map((b) => `${RATING_PREFIX}${b.id} ${b.name}`)];
  const rows: string[][] = [];
  const notes = new Set<string>();
  for (const key of Object.keys(fw)) if (!CARRIED.has(key)) notes.add(key);
  const base: Values = {
    framework: fw.id,
    framework_name: fw.name,
    ...(fw.version ? { version: fw.version } : {}),
  };
  const row: RowWriter = (values, ratings = {}) =>
    rows.push([
      ...COLUMNS.map((c) => ({ ...base, ...values })[c] ?? ""),
      ...bands.map((b) => (Object.hasOwn(ratings, b.id) ? (ratings[b.id] as string) : "")),
    ]);
  for (const track of fw.tracks) row({ track: track.id, track_name: track.name });
  const levelColumns = levelRows(index, row, notes);
  for (const area of fw.areas ?? []) {
    const areaColumns = { area: area.id, area_name: area.name ?? "" };
    if (area.competencies.length === 0) row(areaColumns);
    for (const competency of area.competencies) {
      const compColumns = {
        ...areaColumns,
        competency: competency.id,
        competency_name: competency.name ?? "",
      };
      row(compColumns);
      if (competency.scale) notes.add("competency scales");
      for (const levelId of index.levelOrder)
        if (Object.hasOwn(competency.expectations, levelId))
          cellRows(
            index,
            competency.expectations[levelId],
            { ...compColumns, ...levelColumns.get(levelId) },
            row,
            notes,
          );
    }
  }
  return { header, rows, notes: notes.size ? [`the layout leaves out ${[...notes].join(", ")}`] : [] };
}

/** A row per level; returns each level's columns, which its cells' rows repeat. */
function levelRows(index: FrameworkIndex, row: RowWriter, notes: Set<string>): Map<string, Values> {
  const levelColumns = new Map<string, Values>();
  for (const level of index.framework.levels ?? []) {
    const values: Values = {
      track: level.track,
      track_name: index.tracks.get(level.track)?.name ?? "",
      level: level.id,
      level_name: level.name,
      ...(level.title ? { level_title: level.title } : {}),
      ...(level.rank !== undefined ? { rank: String(level.rank) } : {}),
      follows: (level.follows ?? []).join("\n"),
    };
    levelColumns.set(level.id, values);
    row(values);
    for (const key of [
      "codes",
      "summary",
      "dimensions",
      "responsibilities",
      "narrative",
      "guidance",
      "reference",
    ])
      if (Object.hasOwn(level, key) && level[key as keyof typeof level] !== undefined)
        notes.add(`levels' ${key}`);
  }
  return levelColumns;
}

/** One cell (a competency at a level): its own row where it has text of its own, then a row per criterion. */
function cellRows(
  index: FrameworkIndex,
  expectation: Parameters<typeof expectationDetail>[0],
  at: Values,
  row: RowWriter,
  notes: Set<string>,
): void {
  const detail = expectationDetail(expectation);
  if (!detail) return;
  if (
    detail.step ||
    detail.unchanged ||
    detail.notApplicable ||
    detail.roles ||
    detail.note ||
    detail.elaboration
  )
    notes.add(
      "the layout does not hold expectations' step, unchanged, notApplicable, roles, note or elaboration",
    );
  const plain = detail.statement !== undefined || detail.examples || detail.ratings || detail.sources;
  if (plain || !detail.criteria?.length)
    row(
      {
        ...at,
        expectation: detail.statement ?? "",
        examples: (detail.examples ?? []).join("\n"),
        sources: sourceText(detail.sources, index.sources),
      },
      detail.ratings,
    );
  for (const criterion of detail.criteria ?? [])
    criterionRow(criterion, at, row, index.sources, detail.statement);
}

function criterionRow(
  criterion: Criterion,
  at: Values,
  row: RowWriter,
  sources: Map<string, Source>,
  statement: string | undefined,
): void {
  const c = typeof criterion === "string" ? { text: criterion } : criterion;
  row(
    {
      ...at,
      ...(statement ? { expectation: statement } : {}),
      ...("id" in c && c.id ? { criterion_id: c.id } : {}),
      criterion: c.text,
      examples: ("examples" in c ? (c.examples ?? []) : []).join("\n"),
      sources: sourceText("sources" in c ? c.sources : undefined, sources),
    },
    "ratings" in c ? c.ratings : undefined,
  );
}
