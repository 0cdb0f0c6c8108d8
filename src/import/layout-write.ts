/**
 * A framework → the canonical long layout (docs/import.md): declaration rows for every track, level, role
 * (with its family), scale step and competency in the framework's order, then one row per expectation cell,
 * per criterion and per role's own cell. Reading the rows back (layout-read.ts) gives the same framework for
 * everything the layout holds; what it cannot hold is listed in `notes` (dimensions, guidance, roles'
 * summaries, …) so an export never drops anything silently. A description is written once, on the first
 * row of its entity; repeating it on the entity's other rows reads the same.
 */
import { expectationDetail, type FrameworkIndex } from "../core/model.js";
import type { Area, Criterion, Framework, Source, Step } from "../core/schema.js";
import { ExportError } from "../export/types.js";
import { COLUMNS, type Column, RATING_PREFIX } from "./table.js";
import { TEXT_LIMIT, tooLong as tooLongText } from "./text-bound.js";

export interface LayoutRows {
  header: string[];
  rows: string[][];
  notes: string[];
  /** Cells longer than an import reads (text-bound.ts), each said with its row and column. */
  tooLong: string[];
}

/** What the layout carries of each kind of entity; any other field is named in the notes. */
const CARRIED = {
  framework: [
    "rungs",
    "id",
    "name",
    "version",
    "tracks",
    "levels",
    "areas",
    "ratingScale",
    "sources",
    "scales",
    "roles",
    "families",
    "points",
    // the layout holds the framework as loaded, its base merged in (`resolvedNotes` says so)
    "extends",
  ],
  tracks: ["id", "name", "description"],
  "rating bands": ["id", "name", "description"],
  levels: ["id", "name", "title", "track", "follows", "rank", "band", "markers", "sources"],
  "points rule": ["levels", "description"],
  scales: ["id", "name", "description", "steps"],
  steps: ["id", "name", "description", "points"],
  families: ["id", "name", "description"],
  roles: ["id", "name", "family", "levels"],
  areas: ["id", "name", "summary", "description", "takeaways", "competencies", "sources"],
  competencies: ["id", "name", "description", "scale", "expectations", "sources"],
  "competencies' own scales": ["name", "description", "steps"],
  expectations: [
    "statement",
    "criteria",
    "step",
    "examples",
    "ratings",
    "unchanged",
    "roles",
    "sources",
    "elaboration",
    "notApplicable",
    "note",
  ],
  "role expectations": ["replace", "statement", "criteria", "step", "examples", "ratings", "note"],
} as const;

/** Names in the notes each field of `entity` the layout does not carry. */
function leftOut(notes: Set<string>, kind: keyof typeof CARRIED, entity: object): void {
  const carried: readonly string[] = CARRIED[kind];
  for (const [key, value] of Object.entries(entity))
    if (value !== undefined && !carried.includes(key))
      notes.add(kind === "framework" ? key : `${kind}${kind.endsWith("s") ? "'" : "'s"} ${key}`);
}

function sourceText(ids: readonly string[] | undefined, sources: Map<string, Source>): string {
  return (ids ?? [])
    .map((id) => {
      const s = sources.get(id);
      return s ? [id, s.title, s.url].filter((x) => x !== undefined).join(" | ") : id;
    })
    .join("\n");
}

type Values = Partial<Record<Column, string>>;

/**
 * `rungs export csv|xlsx` writes no file its import refuses: a cell over the bound is refused with the first
 * of them named (and how many more). The served files are written regardless, as they are read, not imported.
 */
export function refuseLongCells(tooLong: readonly string[]): void {
  if (tooLong.length === 0) return;
  const more = tooLong.length > 1 ? ` (and ${tooLong.length - 1} more such cells)` : "";
  throw new ExportError(`${tooLong[0]}${more}`);
}

/** What the export says of a cell an import would refuse: its row, column and the entities the row names. */
function longCell(column: string, line: number, values: Values, cell: string): string {
  const keys = (["track", "level", "role", "area", "competency", "criterion_id", "step"] as const)
    .flatMap((k) => (values[k] ? [`${k} ${values[k]}`] : []))
    .join(", ");
  return `row ${line} (${keys || "the framework"}), column ${column}: ${tooLongText(cell.length)}; shorten the text: an import of the file would refuse it`;
}
type RowWriter = (values: Values, ratings?: Record<string, string>) => void;

interface Writer {
  index: FrameworkIndex;
  row: RowWriter;
  notes: Set<string>;
}

export function layoutRows(index: FrameworkIndex): LayoutRows {
  const fw: Framework = index.framework;
  const bands = fw.ratingScale ?? [];
  const header = [...COLUMNS, ...bands.map((b) => `${RATING_PREFIX}${b.id} ${b.name}`)];
  const rows: string[][] = [];
  const notes = new Set<string>();
  leftOut(notes, "framework", fw);
  for (const band of bands) leftOut(notes, "rating bands", band);
  const base: Values = {
    framework: fw.id,
    framework_name: fw.name,
    ...(fw.version ? { version: fw.version } : {}),
  };
  const tooLong: string[] = [];
  const row: RowWriter = (values, ratings = {}) => {
    const cells = [
      ...COLUMNS.map((c) => ({ ...base, ...values })[c] ?? ""),
      ...bands.map((b) => (Object.hasOwn(ratings, b.id) ? (ratings[b.id] as string) : "")),
    ];
    for (const [i, cell] of cells.entries())
      if (cell.length > TEXT_LIMIT) tooLong.push(longCell(header[i] ?? "", rows.length + 2, values, cell));
    rows.push(cells);
  };
  const w: Writer = { index, row, notes };
  for (const track of fw.tracks) {
    leftOut(notes, "tracks", track);
    row({ track: track.id, track_name: track.name, track_description: track.description ?? "" });
  }
  // the bands' descriptions: their rating columns on a row of no cell
  const described = Object.fromEntries(bands.flatMap((b) => (b.description ? [[b.id, b.description]] : [])));
  if (Object.keys(described).length) row({}, described);
  const levelColumns = levelRows(w);
  roleRows(w);
  for (const scale of fw.scales ?? []) {
    leftOut(notes, "scales", scale);
    stepRows(w, { scale: scale.id, scale_name: scale.name ?? "" }, scale.steps, scale.description);
  }
  for (const area of fw.areas ?? []) areaRows(w, area, levelColumns);
  return {
    header,
    rows,
    notes: notes.size ? [`the layout leaves out ${[...notes].join(", ")}`] : [],
    tooLong,
  };
}

/** An area's rows: its own (with its descriptions once), then each competency's, its scale's and its cells'. */
function areaRows(w: Writer, area: Area, levelColumns: Map<string, Values>): void {
  const { index, row, notes } = w;
  leftOut(notes, "areas", area);
  const areaColumns = { area: area.id, area_name: area.name ?? "" };
  // written once, on the area's first row
  const areaDescription = {
    area_description: area.description ?? "",
    area_summary: area.summary ?? "",
    area_sources: sourceText(area.sources, index.sources),
  };
  if (area.competencies.length === 0) row({ ...areaColumns, ...areaDescription });
  for (const [i, competency] of area.competencies.entries()) {
    leftOut(notes, "competencies", competency);
    const compColumns = {
      ...areaColumns,
      competency: competency.id,
      competency_name: competency.name ?? "",
      ...(typeof competency.scale === "string" ? { scale: competency.scale } : {}),
    };
    row({
      ...compColumns,
      ...(i === 0 ? areaDescription : {}),
      competency_description: competency.description ?? "",
      competency_sources: sourceText(competency.sources, index.sources),
    });
    if (typeof competency.scale === "object") {
      const own = competency.scale;
      leftOut(notes, "competencies' own scales", own);
      stepRows(w, { ...compColumns, scale_name: own.name ?? "" }, own.steps, own.description);
    }
    for (const levelId of index.levelOrder)
      if (Object.hasOwn(competency.expectations, levelId))
        cellRows(w, competency.expectations[levelId], { ...compColumns, ...levelColumns.get(levelId) });
  }
  for (const levelId of index.levelOrder)
    if (area.takeaways && Object.hasOwn(area.takeaways, levelId))
      row({ ...areaColumns, level: levelId, takeaway: area.takeaways[levelId] });
}

/** A row per level; returns each level's columns, which its cells' rows repeat. */
function levelRows({ index, row, notes }: Writer): Map<string, Values> {
  const levelColumns = new Map<string, Values>();
  if (index.framework.points) leftOut(notes, "points rule", index.framework.points);
  const points = index.framework.points?.levels;
  // the points rule's description goes on the first level's row, next to the totals
  let pointsDescription = index.framework.points?.description ?? "";
  for (const level of index.framework.levels ?? []) {
    const values: Values = {
      track: level.track,
      track_name: index.tracks.get(level.track)?.name ?? "",
      level: level.id,
      level_name: level.name,
      ...(level.title ? { level_title: level.title } : {}),
      ...(level.rank !== undefined ? { rank: String(level.rank) } : {}),
      follows: (level.follows ?? []).join("\n"),
      band: level.band ?? "",
      markers: (level.markers ?? []).join("\n"),
      level_points: points?.[level.id] === undefined ? "" : String(points[level.id]),
    };
    levelColumns.set(level.id, values);
    row({
      ...values,
      points_description: pointsDescription,
      level_sources: sourceText(level.sources, index.sources),
    });
    pointsDescription = "";
    leftOut(notes, "levels", level);
  }
  if (pointsDescription) row({ points_description: pointsDescription });
  return levelColumns;
}

/** A row per family, then a row per role and level it spans (a role without levels: one row). */
function roleRows({ index, row, notes }: Writer): void {
  for (const family of index.framework.families ?? []) {
    leftOut(notes, "families", family);
    row({ family: family.id, family_name: family.name, family_description: family.description ?? "" });
  }
  for (const role of index.framework.roles ?? []) {
    leftOut(notes, "roles", role);
    const columns = { role: role.id, role_name: role.name, family: role.family };
    if (role.levels.length === 0) row(columns);
    for (const level of role.levels) row({ ...columns, level });
  }
}

/**
 * A row per step of a scale, lowest first: the scale's columns (shared, or its competency's), then the
 * step; the scale's description on the first.
 */
function stepRows({ row, notes }: Writer, scale: Values, steps: readonly Step[], description = ""): void {
  for (const [i, step] of steps.entries()) {
    leftOut(notes, "steps", step);
    row({
      ...scale,
      ...(i === 0 ? { scale_description: description } : {}),
      step: step.id,
      step_name: step.name ?? "",
      step_description: step.description ?? "",
      step_points: step.points === undefined ? "" : String(step.points),
    });
  }
}

/**
 * One cell (a competency at a level): its own row where it has more than criteria, then a row per
 * criterion; then the same for each role's or family's own cell.
 */
function cellRows(w: Writer, expectation: Parameters<typeof expectationDetail>[0], at: Values): void {
  const detail = expectationDetail(expectation);
  if (!detail) return;
  leftOut(w.notes, "expectations", detail);
  const yes = (flag: boolean | undefined) => (flag ? "yes" : "");
  const plain =
    detail.statement !== undefined ||
    detail.examples ||
    detail.ratings ||
    detail.sources ||
    detail.step !== undefined ||
    detail.unchanged ||
    detail.notApplicable ||
    detail.note !== undefined ||
    detail.elaboration !== undefined;
  if (plain || !detail.criteria?.length)
    w.row(
      {
        ...at,
        expectation: detail.statement ?? "",
        elaboration: detail.elaboration ?? "",
        step: detail.step ?? "",
        unchanged: yes(detail.unchanged),
        not_applicable: yes(detail.notApplicable),
        note: detail.note ?? "",
        examples: (detail.examples ?? []).join("\n"),
        sources: sourceText(detail.sources, w.index.sources),
      },
      detail.ratings,
    );
  for (const criterion of detail.criteria ?? [])
    criterionRow(criterion, at, w.row, w.index.sources, detail.statement);
  for (const [role, own] of Object.entries(detail.roles ?? {})) {
    leftOut(w.notes, "role expectations", own);
    const roleAt = { ...at, role };
    if (
      own.statement !== undefined ||
      own.examples ||
      own.ratings ||
      own.step !== undefined ||
      own.replace ||
      own.note !== undefined ||
      !own.criteria?.length
    )
      w.row(
        {
          ...roleAt,
          replace: yes(own.replace),
          expectation: own.statement ?? "",
          step: own.step ?? "",
          note: own.note ?? "",
          examples: (own.examples ?? []).join("\n"),
        },
        own.ratings,
      );
    for (const criterion of own.criteria ?? [])
      criterionRow(criterion, roleAt, w.row, w.index.sources, own.statement);
  }
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
