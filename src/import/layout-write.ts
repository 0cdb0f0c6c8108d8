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

export function layoutRows(index: FrameworkIndex): LayoutRows {
  const fw: Framework = index.framework;
  const bands = fw.ratingScale ?? [];
  const header = [...COLUMNS, ...bands.map((b) => `${RATING_PREFIX}${b.id} ${b.name}`)];
  const rows: string[][] = [];
  const notes = new Set<string>();
  for (const key of Object.keys(fw)) if (!CARRIED.has(key)) notes.add(key);
  const base: Partial<Record<Column, string>> = {
    framework: fw.id,
    framework_name: fw.name,
    ...(fw.version ? { version: fw.version } : {}),
  };
  const row = (values: Partial<Record<Column, string>>, ratings: Record<string, string> = {}) =>
    rows.push([
      ...COLUMNS.map((c) => ({ ...base, ...values })[c] ?? ""),
      ...bands.map((b) => (Object.hasOwn(ratings, b.id) ? (ratings[b.id] as string) : "")),
    ]);
  for (const track of fw.tracks) row({ track: track.id, track_name: track.name });
  const levelColumns = new Map<string, Partial<Record<Column, string>>>();
  for (const level of fw.levels ?? []) {
    const values: Partial<Record<Column, string>> = {
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
      for (const levelId of index.levelOrder) {
        const detail = expectationDetail(competency.expectations[levelId]);
        if (!detail || !Object.hasOwn(competency.expectations, levelId)) continue;
        const at = { ...compColumns, ...levelColumns.get(levelId) };
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
    }
  }
  return { header, rows, notes: notes.size ? [`the layout leaves out ${[...notes].join(", ")}`] : [] };
}

function criterionRow(
  criterion: Criterion,
  at: Partial<Record<Column, string>>,
  row: (values: Partial<Record<Column, string>>, ratings?: Record<string, string>) => void,
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
