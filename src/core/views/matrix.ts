/**
 * The competency matrix (areas × competencies × levels) and the area matrix (levels × one area's
 * competencies): what their pages show and what /api/frameworks/:fw/matrix and /api/frameworks/:fw/areas/:area
 * return. Also the matrix filter (?track=&from=&to=), validated here so the page, the API and the client-side
 * filter agree on what a filter means.
 */

import { type CellExtras, cellExtras, roleCellOwner, scaleName, scaleSteps } from "../cells.js";
import { levelRanks } from "../ladder-layout.js";
import {
  areaSpan,
  competencySpan,
  displayName,
  entryOf,
  expectationDetail,
  type FrameworkIndex,
  hasContent,
  labelFromId,
} from "../model.js";
import type { Area, Competency, ExpectationDetail, Level } from "../schema.js";
import { trackKind, trackLevels } from "../tracks.js";
import { type RoleCellView, roleCells } from "./level.js";
import { type SourceView, sourceViews } from "./sources.js";

export interface MatrixLevel {
  id: string;
  name: string;
  title?: string;
  /** The level's code in the framework's first code scheme (or its first code); absent when it has none. */
  code?: string;
  track: string;
  trackName: string;
  trackKind: string;
  /** Position in the framework's level order (0 = first). */
  order: number;
  /** Length of the longest path from a root: levels on parallel tracks compare by rank. */
  rank: number;
  /** Ids of the levels that follow this one. */
  next: string[];
  /** Ids of the tracks whose filter shows this level (see `trackLevels`). */
  tracks: string[];
}

/**
 * expectation: the competency has a statement (or elaboration) here; not-applicable: deliberately none;
 * missing: inside the competency's span but nothing written; outside: not a level the competency spans.
 */
export type CellState = "expectation" | "not-applicable" | "missing" | "outside";

export interface MatrixCell {
  /** The cell's HTML id: `cell-<competency>--<level>` on the matrix, `acell-…` on an area matrix. */
  id: string;
  competency: string;
  level: string;
  state: CellState;
  statement?: string;
  elaboration?: string;
  examples?: string[];
  ratings?: { band: string; name: string; text: string }[];
  note?: string;
  /** Where the cell has no statement: the text that stands for it (criteria, step or the meets band's text). */
  text?: string;
  /** Format 2: the cell's criteria, its step on the competency's scale, the level it carries forward. */
  criteria?: CellExtras["criteria"];
  step?: CellExtras["step"];
  unchangedFrom?: string;
  /** The role (or family) whose own cell stands in place of the shared one, when the matrix is for a role. */
  replacedBy?: string;
  /**
   * What roles or role families write of their own here (format 2 `roles:`): every one, or only the chosen
   * role's where the matrix is for a role (none when its own cell replaces the shared one: it is the cell).
   */
  roles?: RoleCellView[];
}

/** A competency's own scale of steps (format 2), lowest first: the mirror offers them to pick from. */
export interface MatrixScale {
  name?: string;
  steps: { id: string; name: string }[];
}

export interface MatrixCompetency {
  id: string;
  name: string;
  description?: string;
  /** The levels the competency spans, in level order. */
  span: string[];
  scale?: MatrixScale;
  cells: MatrixCell[];
}

export interface MatrixArea {
  id: string;
  name: string;
  kind: string;
  summary?: string;
  competencies: MatrixCompetency[];
}

export interface MatrixFilter {
  track?: string;
  from?: string;
  to?: string;
  /** The role whose cells the matrix shows: the shared text with that role's own, or its own in place. */
  role?: string;
}

export interface MatrixTrack {
  id: string;
  name: string;
  kind: string;
}

/** A role the matrix can be shown for, with the id of its family (the filter groups roles by family). */
export interface MatrixRole {
  id: string;
  name: string;
  family: string;
}

export interface MatrixData {
  framework: { id: string; name: string; version?: string };
  /** The filter applied (empty when every level is shown). */
  filter: MatrixFilter;
  /** Every track that has levels, for the filter. */
  tracks: MatrixTrack[];
  /** Every role, for the filter. */
  roles: MatrixRole[];
  /** Every role family (a family's own cell may replace the shared one: the page names it). */
  families: { id: string; name: string }[];
  ratingScale: { id: string; name: string }[];
  /** The columns: the levels the filter keeps, in level order. */
  levels: MatrixLevel[];
  /** Areas that have competencies, each competency with one cell per column. */
  areas: MatrixArea[];
}

export interface AreaMatrixData {
  framework: { id: string; name: string; version?: string };
  area: {
    id: string;
    name: string;
    kind: string;
    summary?: string;
    description?: string;
    note?: string;
    /** A stage's process documents (format 2 `documents`). */
    documents?: { title: string; url?: string; note?: string }[];
    sources?: SourceView[];
  };
  ratingScale: { id: string; name: string }[];
  /** The columns. */
  competencies: {
    id: string;
    name: string;
    description?: string;
    span: string[];
    scale?: MatrixScale;
    sources?: SourceView[];
  }[];
  /** The rows: the levels the area describes, in level order. */
  levels: MatrixLevel[];
  rows: { level: string; takeaway?: string; cells: MatrixCell[] }[];
  /** True when the area has a takeaway for at least one of its levels (the page adds a Takeaway column). */
  hasTakeaways: boolean;
  /** The levels the area does not describe; the area's note speaks for them. */
  notDescribed: { id: string; name: string; code?: string }[];
}

export type FilterParam = keyof MatrixFilter;

export interface FilterProblem {
  param: FilterParam;
  message: string;
}

/** Tracks that have at least one level, in declaration order. */
function tracksInUse(index: FrameworkIndex): MatrixTrack[] {
  const used = new Set([...index.levels.values()].map((l) => l.track));
  return index.framework.tracks
    .filter((t) => used.has(t.id))
    .map((t) => ({ id: t.id, name: t.name, kind: t.kind ?? "other" }));
}

function levelName(index: FrameworkIndex, id: string): string {
  return index.levels.get(id)?.name ?? id;
}

/**
 * Validates a filter from a query string. Empty values mean "no filter"; unknown ids, a `from` after `to`,
 * or a combination that leaves no level are problems (the page answers them with 400 and the form).
 */
export function parseMatrixFilter(
  index: FrameworkIndex,
  query: {
    track?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    role?: string | undefined;
  },
): { filter: MatrixFilter; problems: FilterProblem[] } {
  const filter: MatrixFilter = {};
  const problems: FilterProblem[] = [];
  const role = query.role?.trim();
  if (role) {
    if (index.roles.has(role)) filter.role = role;
    else problems.push({ param: "role", message: `There is no role "${role}" in this framework.` });
  }
  const track = query.track?.trim();
  const from = query.from?.trim();
  const to = query.to?.trim();
  if (track) {
    if (tracksInUse(index).some((t) => t.id === track)) filter.track = track;
    else problems.push({ param: "track", message: `There is no track "${track}" in this framework.` });
  }
  for (const [param, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (!value) continue;
    if (index.levels.has(value)) filter[param] = value;
    else problems.push({ param, message: `There is no level "${value}" in this framework.` });
  }
  if (filter.from && filter.to) {
    const a = index.levelOrder.indexOf(filter.from);
    const b = index.levelOrder.indexOf(filter.to);
    if (a > b) {
      problems.push({
        param: "from",
        message: `"From" (${levelName(index, filter.from)}) comes after "to" (${levelName(index, filter.to)}) in the level order.`,
      });
    }
  }
  // a framework without levels yet has none for any filter to leave out
  if (problems.length === 0 && index.levelOrder.length > 0 && filterLevels(index, filter).length === 0) {
    const trackName = index.tracks.get(filter.track ?? "")?.name ?? filter.track;
    problems.push({
      param: "track",
      message: `No level on the track "${trackName}" lies between ${levelName(index, filter.from ?? index.levelOrder[0] ?? "")} and ${levelName(index, filter.to ?? index.levelOrder.at(-1) ?? "")}.`,
    });
  }
  return { filter: problems.length ? {} : filter, problems };
}

/** The level ids a (valid) filter keeps, in level order. */
export function filterLevels(index: FrameworkIndex, filter: MatrixFilter): string[] {
  const order = index.levelOrder;
  const start = filter.from ? order.indexOf(filter.from) : 0;
  const end = filter.to ? order.indexOf(filter.to) : order.length - 1;
  const onTrack = filter.track ? trackLevels(index, filter.track) : undefined;
  return order.filter((id, i) => i >= start && i <= end && (!onTrack || onTrack.has(id)));
}

/** Every level of the framework, described for headers, filters and the mirror, in level order. */
export function matrixLevels(index: FrameworkIndex): MatrixLevel[] {
  const ranks = levelRanks(index);
  const scheme = index.framework.codeSchemes?.[0]?.id;
  const members = tracksInUse(index).map((t) => ({ id: t.id, levels: trackLevels(index, t.id) }));
  return index.levelOrder.flatMap((id, order) => {
    const level = index.levels.get(id);
    if (!level) return [];
    const code = levelCode(level, scheme);
    return [
      {
        id,
        name: level.name,
        ...(level.title ? { title: level.title } : {}),
        ...(code ? { code } : {}),
        track: level.track,
        trackName: index.tracks.get(level.track)?.name ?? level.track,
        trackKind: trackKind(index, level.track),
        order,
        rank: ranks.get(id) ?? 0,
        next: index.successors.get(id) ?? [],
        tracks: members.filter((m) => m.levels.has(id)).map((m) => m.id),
      },
    ];
  });
}

function levelCode(level: Level, scheme: string | undefined): string | undefined {
  const codes = level.codes ?? {};
  return (scheme ? entryOf(codes, scheme) : undefined) ?? Object.values(codes)[0];
}

function ratingScale(index: FrameworkIndex): { id: string; name: string }[] {
  return (index.framework.ratingScale ?? []).map((b) => ({ id: b.id, name: b.name }));
}

function frameworkHead(index: FrameworkIndex): MatrixData["framework"] {
  const fw = index.framework;
  return { id: fw.id, name: fw.name, ...(fw.version ? { version: fw.version } : {}) };
}

/** A competency's span in level order, unknown ids dropped. */
function matrixScale(index: FrameworkIndex, competency: Competency): { scale?: MatrixScale } {
  const steps = scaleSteps(index, competency);
  if (!steps?.length) return {};
  const name = scaleName(index, competency);
  return {
    scale: {
      ...(name ? { name } : {}),
      steps: steps.map((s) => ({ id: s.id, name: s.name ?? labelFromId(s.id) })),
    },
  };
}

function orderedSpan(index: FrameworkIndex, ids: readonly string[]): string[] {
  const wanted = new Set(ids);
  return index.levelOrder.filter((id) => wanted.has(id));
}

function cell(
  index: FrameworkIndex,
  competency: Competency,
  span: Set<string>,
  level: string,
  id: string,
  role?: string,
): MatrixCell {
  // built field by field in the order the answer lists them (no spreads: each made an object of its own to
  // copy from, and a large matrix makes 30,000 cells after every change)
  const out: MatrixCell = { id, competency: competency.id, level, state: "outside" };
  if (!span.has(level)) return out;
  out.state = "missing";
  const detail = expectationDetail(entryOf(competency.expectations, level));
  if (!detail) return out;
  if (detail.notApplicable) out.state = "not-applicable";
  else if (detail.statement || detail.elaboration || hasContent(detail)) out.state = "expectation";
  if (out.state !== "expectation") {
    if (detail.note) out.note = detail.note;
    return out;
  }
  const own = roleShare(index, competency.id, level, detail, role);
  if (own.replacedBy) {
    Object.assign(out, own);
    if (detail.note) out.note = detail.note;
    return out;
  }
  if (detail.statement) out.statement = detail.statement;
  if (detail.elaboration) out.elaboration = detail.elaboration;
  if (detail.examples?.length) out.examples = detail.examples;
  const extras = cellExtras(index, competency.id, level);
  if (extras.statement !== undefined) out.statement = extras.statement;
  if (extras.text !== undefined) out.text = extras.text;
  if (extras.criteria !== undefined) out.criteria = extras.criteria;
  if (extras.step !== undefined) out.step = extras.step;
  if (extras.unchangedFrom !== undefined) out.unchangedFrom = extras.unchangedFrom;
  if (detail.ratings) {
    const ratings = ratingsOf(index, detail.ratings);
    if (ratings.length) out.ratings = ratings;
  }
  if (detail.note) out.note = detail.note;
  return Object.assign(out, own);
}

/** A cell's rating-band texts: the framework's bands in its order, then any other the cell names. */
function ratingsOf(index: FrameworkIndex, written: NonNullable<ExpectationDetail["ratings"]>) {
  const scale = index.framework.ratingScale ?? [];
  return [
    ...scale.filter((b) => entryOf(written, b.id)).map((b) => b.id),
    ...Object.keys(written).filter((k) => !scale.some((b) => b.id === k)),
  ].map((band) => ({
    band,
    name: scale.find((b) => b.id === band)?.name ?? band,
    text: entryOf(written, band) ?? "",
  }));
}

/**
 * A cell's role texts: every role's own (no role chosen), the chosen role's own beside the shared text, or,
 * where the chosen role's own cell replaces the shared one, that cell resolved for the role (`replacedBy`).
 */
function roleShare(
  index: FrameworkIndex,
  competency: string,
  level: string,
  detail: ExpectationDetail,
  role: string | undefined,
): Pick<MatrixCell, "roles" | "replacedBy" | "examples"> & CellExtras {
  if (role === undefined) return roleCells(index, competency, level, detail.roles);
  const owner = roleCellOwner(index, detail, role);
  if (owner === undefined) return {};
  const own = entryOf(detail.roles, owner);
  if (!own?.replace) return roleCells(index, competency, level, detail.roles, owner);
  const extras = cellExtras(index, competency, level, role);
  return {
    ...extras,
    replacedBy: owner,
    ...(own.examples?.length ? { examples: own.examples } : {}),
  };
}

/** The competency matrix, with the columns a (valid) filter keeps. */
export function matrixData(index: FrameworkIndex, filter: MatrixFilter = {}): MatrixData {
  const keep = new Set(filterLevels(index, filter));
  const levels = matrixLevels(index).filter((l) => keep.has(l.id));
  const areas = (index.framework.areas ?? [])
    .filter((a) => a.competencies.length > 0)
    .map((area) => ({
      id: area.id,
      name: displayName(area),
      kind: area.kind ?? "theme",
      ...(area.summary ? { summary: area.summary } : {}),
      competencies: area.competencies.map((competency) => {
        const span = orderedSpan(index, competencySpan(index, competency, area));
        const spanned = new Set(span);
        return {
          id: competency.id,
          name: displayName(competency),
          ...(competency.description ? { description: competency.description } : {}),
          span,
          ...matrixScale(index, competency),
          cells: levels.map((l) =>
            cell(index, competency, spanned, l.id, `cell-${competency.id}--${l.id}`, filter.role),
          ),
        };
      }),
    }));
  const applied: MatrixFilter = {};
  if (filter.track) applied.track = filter.track;
  if (filter.from) applied.from = filter.from;
  if (filter.to) applied.to = filter.to;
  if (filter.role) applied.role = filter.role;
  return {
    framework: frameworkHead(index),
    filter: applied,
    tracks: tracksInUse(index),
    roles: [...index.roles.values()].map((r) => ({ id: r.id, name: r.name, family: r.family })),
    families: (index.framework.families ?? []).map((f) => ({ id: f.id, name: f.name })),
    ratingScale: ratingScale(index),
    levels,
    areas,
  };
}

/** One area as a matrix: the levels it describes as rows, its competencies as columns. */
export function areaMatrixData(index: FrameworkIndex, areaId: string): AreaMatrixData | undefined {
  const area: Area | undefined = index.areas.get(areaId);
  if (!area) return undefined;
  const described = new Set(orderedSpan(index, areaSpan(index, area)));
  const all = matrixLevels(index);
  const levels = all.filter((l) => described.has(l.id));
  const competencies = area.competencies.map((competency) => ({
    competency,
    span: orderedSpan(index, competencySpan(index, competency, area)),
  }));
  const takeaways = area.takeaways ?? {};
  return {
    framework: frameworkHead(index),
    area: {
      id: area.id,
      name: displayName(area),
      kind: area.kind ?? "theme",
      ...(area.summary ? { summary: area.summary } : {}),
      ...(area.description ? { description: area.description } : {}),
      ...(area.note ? { note: area.note } : {}),
      ...(area.documents?.length ? { documents: area.documents } : {}),
      ...(area.sources?.length ? { sources: sourceViews(index, area.sources) } : {}),
    },
    ratingScale: ratingScale(index),
    competencies: competencies.map(({ competency, span }) => ({
      id: competency.id,
      name: displayName(competency),
      ...(competency.description ? { description: competency.description } : {}),
      span,
      ...matrixScale(index, competency),
      ...(competency.sources?.length ? { sources: sourceViews(index, competency.sources) } : {}),
    })),
    levels,
    rows: levels.map((l) => ({
      level: l.id,
      ...(entryOf(takeaways, l.id) ? { takeaway: entryOf(takeaways, l.id) } : {}),
      cells: competencies.map(({ competency, span }) =>
        cell(index, competency, new Set(span), l.id, `acell-${competency.id}--${l.id}`),
      ),
    })),
    hasTakeaways: levels.some((l) => entryOf(takeaways, l.id)),
    notDescribed: all
      .filter((l) => !described.has(l.id))
      .map((l) => ({ id: l.id, name: l.name, ...(l.code ? { code: l.code } : {}) })),
  };
}
