/** One level with everything it carries: what the level page shows and /api/frameworks/:fw/levels/:level returns. */

import { type CellExtras, cellExtras } from "../cells.js";
import {
  areaSpan,
  competencySpan,
  displayName,
  entryOf,
  expectationDetail,
  type FrameworkIndex,
  levelLabel,
} from "../model.js";
import type { Competency, ExpectationDetail, GuidanceSection, Level } from "../schema.js";
import { type SourceView, sourceViews } from "./sources.js";

/** A level as other pages mention it: enough to name and link it. */
export interface LevelRef {
  id: string;
  name: string;
  title?: string;
  /** The level's first code, or its name (see `levelLabel`). */
  label: string;
  track: string;
}

export interface DimensionValue {
  id: string;
  name: string;
  kind: "dimension" | "rubric";
  description?: string;
  value: string;
}

export interface ExpectationView extends CellExtras {
  competency: { id: string; name: string; description?: string };
  /** The element id of this expectation on the level page (search links to it). */
  anchor: string;
  statement?: string;
  elaboration?: string;
  examples: string[];
  /** Text per rating band, in the order of the framework's rating scale (bands without text left out). */
  ratings: { band: string; name: string; text: string }[];
  notApplicable: boolean;
  note?: string;
  /** The sources the expectation cites. */
  sources?: SourceView[];
  /** The sources the competency itself cites. */
  competencySources?: SourceView[];
  /** Format 2: the roles (or role families) with their own cell here, each resolved for that role. */
  roles?: RoleCellView[];
}

/** A role's or a family's own cell at a level (format 2 `roles:`), as that role meets the expectation. */
export interface RoleCellView extends CellExtras {
  id: string;
  name: string;
  /** True when the role's cell replaces the shared one; false when it adds to it. */
  replace: boolean;
  /** What the role's own cell says (its statement, before it is joined with the shared one). */
  own?: string;
  note?: string;
}

export interface AreaAtLevel {
  id: string;
  name: string;
  kind: "theme" | "stage";
  summary?: string;
  /** True when the area describes this level (its span includes it). */
  describes: boolean;
  /** The area at a glance for this level. */
  takeaway?: string;
  /** The area's note, given when it does not describe this level and has no expectation for it. */
  note?: string;
  expectations: ExpectationView[];
  /** Documents about the area (a stage's process documents), format 2. */
  documents?: { title: string; url?: string; note?: string }[];
  sources?: SourceView[];
}

export interface ReachNext {
  /** The framework's text when it is one text for every next level. */
  text?: string;
  /** Every next level, with its own text where the framework gives one per next level. */
  next: (LevelRef & { text?: string })[];
}

export interface LevelData {
  framework: { id: string; name: string; version?: string };
  id: string;
  name: string;
  title?: string;
  /** What the page is headed with: the full title, else the name. */
  heading: string;
  label: string;
  track: { id: string; name: string; kind?: string };
  codes: { scheme: string; schemeName: string; code: string }[];
  leverage?: string;
  summary?: string;
  follows: LevelRef[];
  next: LevelRef[];
  /** Values of the framework's declared dimensions, in declared order (those this level gives). */
  dimensions: DimensionValue[];
  responsibilities: string[];
  ratingScale: { id: string; name: string; description?: string }[];
  /** Areas that have something to say about this level: expectations, a takeaway, or a note. */
  areas: AreaAtLevel[];
  guidance: GuidanceSection[];
  /** The guidance sections pages show before the expectations (`placement: before`), in file order. */
  guidanceBefore?: GuidanceSection[];
  /** The level's longer portrait: pages show it at the top, under the summary, as the level's intro. */
  narrative?: string;
  /** Format 2: the level's height on the ladder, its sub-level band (3 for 3a) and its fork/top markers. */
  rank?: number;
  band?: string;
  markers?: ("fork" | "top")[];
  /** The role whose own expectations the page shows, where one was asked for. */
  role?: { id: string; name: string };
  sources?: SourceView[];
  /** Present when the level has a next level or a text on reaching it. */
  reachNext?: ReachNext;
  /** Names of the other levels the expectations mention (carried forward from), by id. */
  levelNames?: Record<string, string>;
}

/** A level as a reference, or undefined for an unknown id. */
export function levelRef(index: FrameworkIndex, id: string): LevelRef | undefined {
  const level = index.levels.get(id);
  return level ? toRef(level) : undefined;
}

function toRef(level: Level): LevelRef {
  return {
    id: level.id,
    name: level.name,
    ...(level.title ? { title: level.title } : {}),
    label: levelLabel(level),
    track: level.track,
  };
}

function refs(index: FrameworkIndex, ids: readonly string[]): LevelRef[] {
  return ids.map((id) => levelRef(index, id)).filter((r): r is LevelRef => r !== undefined);
}

/** The declared dimensions with this level's values, in declared order. */
function dimensionValues(index: FrameworkIndex, level: Level): DimensionValue[] {
  const out: DimensionValue[] = [];
  for (const d of index.framework.dimensions ?? []) {
    const value = entryOf(level.dimensions, d.id);
    if (!value) continue;
    out.push({
      id: d.id,
      name: d.name,
      kind: d.kind ?? "dimension",
      ...(d.description ? { description: d.description } : {}),
      value,
    });
  }
  return out;
}

/**
 * Everything the level page shows, or undefined for an unknown level. With `role`, each expectation is
 * the one that role meets: the shared one with the role's (or its family's) own cell added or put in its
 * place (format 2 `roles:`).
 */
export function levelData(
  index: FrameworkIndex,
  levelId: string,
  options: { role?: string } = {},
): LevelData | undefined {
  const level = index.levels.get(levelId);
  if (!level) return undefined;
  const role = options.role !== undefined ? index.roles.get(options.role) : undefined;
  const fw = index.framework;
  const track = index.tracks.get(level.track);
  const schemes = new Map((fw.codeSchemes ?? []).map((s) => [s.id, s.name]));
  const declared = (fw.codeSchemes ?? []).map((s) => s.id);
  const codes = Object.entries(level.codes ?? {}).sort(
    ([x], [y]) => rank(declared, x) - rank(declared, y) || x.localeCompare(y),
  );
  const bands = fw.ratingScale ?? [];
  const next = refs(index, index.successors.get(level.id) ?? []);

  const areas = areasAtLevel(index, level.id, role?.id);
  const reachNext = reachNextOf(index, level, next);

  const levelNames = mentionedLevels(index, areas);
  return {
    framework: { id: fw.id, name: fw.name, ...(fw.version ? { version: fw.version } : {}) },
    id: level.id,
    name: level.name,
    ...(level.title ? { title: level.title } : {}),
    heading: level.title ?? level.name,
    label: levelLabel(level),
    track: {
      id: level.track,
      name: track?.name ?? level.track,
      ...(track?.kind ? { kind: track.kind } : {}),
    },
    codes: codes.map(([scheme, code]) => ({ scheme, schemeName: schemes.get(scheme) ?? scheme, code })),
    ...(level.leverage ? { leverage: level.leverage } : {}),
    ...(level.summary ? { summary: level.summary } : {}),
    follows: refs(index, index.predecessors.get(level.id) ?? []),
    next,
    dimensions: dimensionValues(index, level),
    responsibilities: level.responsibilities ?? [],
    ratingScale: bands.map((b) => ({
      id: b.id,
      name: b.name,
      ...(b.description ? { description: b.description } : {}),
    })),
    areas,
    guidance: level.guidance ?? [],
    ...(level.guidance?.some((g) => g.placement === "before")
      ? { guidanceBefore: level.guidance.filter((g) => g.placement === "before") }
      : {}),
    ...(level.narrative ? { narrative: level.narrative } : {}),
    ...(level.rank !== undefined ? { rank: level.rank } : {}),
    ...(level.band !== undefined ? { band: level.band } : {}),
    ...(level.markers?.length ? { markers: level.markers } : {}),
    ...(role ? { role: { id: role.id, name: role.name } } : {}),
    ...(level.sources?.length ? { sources: sourceViews(index, level.sources) } : {}),
    ...(reachNext ? { reachNext } : {}),
    ...(Object.keys(levelNames).length ? { levelNames } : {}),
  };
}

/** The areas with something to say at a level: each expectation there (as `role` meets it), takeaway or note. */
function areasAtLevel(index: FrameworkIndex, level: string, role: string | undefined): AreaAtLevel[] {
  const areas: AreaAtLevel[] = [];
  for (const area of index.framework.areas ?? []) {
    const describes = areaSpan(index, area).includes(level);
    const expectations: ExpectationView[] = [];
    for (const competency of area.competencies) {
      if (!competencySpan(index, competency, area).includes(level)) continue;
      const detail = expectationDetail(entryOf(competency.expectations, level));
      if (!detail) continue;
      expectations.push(expectationView(index, competency, detail, level, role));
    }
    const takeaway = describes ? entryOf(area.takeaways, level) : undefined;
    const note = !describes && expectations.length === 0 ? area.note : undefined;
    if (expectations.length === 0 && !takeaway && !note) continue;
    areas.push({
      id: area.id,
      name: displayName(area),
      kind: area.kind ?? "theme",
      ...(area.summary ? { summary: area.summary } : {}),
      describes,
      ...(takeaway ? { takeaway } : {}),
      ...(note ? { note } : {}),
      expectations,
      ...(area.documents?.length ? { documents: area.documents } : {}),
      ...(area.sources?.length ? { sources: sourceViews(index, area.sources) } : {}),
    });
  }

  return areas;
}

/** One competency's cell at a level, with its rating-band texts, extras, sources and role cells. */
function expectationView(
  index: FrameworkIndex,
  competency: Competency,
  detail: ExpectationDetail,
  level: string,
  role: string | undefined,
): ExpectationView {
  return {
    competency: {
      id: competency.id,
      name: displayName(competency),
      ...(competency.description ? { description: competency.description } : {}),
    },
    anchor: `exp-${competency.id}`,
    ...(detail.statement ? { statement: detail.statement } : {}),
    ...(detail.elaboration ? { elaboration: detail.elaboration } : {}),
    examples: detail.examples ?? [],
    ratings: (index.framework.ratingScale ?? [])
      .filter((b) => entryOf(detail.ratings, b.id))
      .map((b) => ({ band: b.id, name: b.name, text: entryOf(detail.ratings, b.id) as string })),
    notApplicable: detail.notApplicable === true,
    ...(detail.note ? { note: detail.note } : {}),
    ...cellExtras(index, competency.id, level, role),
    ...(detail.sources?.length ? { sources: sourceViews(index, detail.sources) } : {}),
    ...(competency.sources?.length ? { competencySources: sourceViews(index, competency.sources) } : {}),
    ...roleCells(index, competency.id, level, detail.roles),
  };
}

/** The level's "reaching the next level": its text and the levels it leads to, each with its own text. */
function reachNextOf(index: FrameworkIndex, level: Level, next: LevelRef[]): ReachNext | undefined {
  if (level.reachNext === undefined && next.length === 0) return undefined;
  const perLevel = typeof level.reachNext === "object" ? level.reachNext : {};
  const extra = refs(
    index,
    Object.keys(perLevel).filter((id) => !next.some((n) => n.id === id)),
  );
  return {
    ...(typeof level.reachNext === "string" ? { text: level.reachNext } : {}),
    next: [...next, ...extra].map((n) => ({ ...n, ...(perLevel[n.id] ? { text: perLevel[n.id] } : {}) })),
  };
}

/**
 * The own cells of the roles and families named in a cell's `roles:`, each as that role meets it; with
 * `only`, the cell of that role or family alone (the matrix narrowed to one role).
 */
export function roleCells(
  index: FrameworkIndex,
  competency: string,
  level: string,
  roles: ExpectationDetail["roles"],
  only?: string,
): { roles?: RoleCellView[] } {
  const out: RoleCellView[] = [];
  for (const [id, own] of Object.entries(roles ?? {})) {
    if (only !== undefined && id !== only) continue;
    const name = index.roles.get(id)?.name ?? index.framework.families?.find((f) => f.id === id)?.name;
    out.push({
      id,
      name: name ?? id,
      replace: own.replace === true,
      ...(own.statement !== undefined ? { own: own.statement } : {}),
      ...(own.note ? { note: own.note } : {}),
      ...cellExtras(index, competency, level, id),
    });
  }
  return out.length ? { roles: out } : {};
}

/** Names of the levels that cells carry forward from (for "As Level 2" and "from Level 2"). */
function mentionedLevels(index: FrameworkIndex, areas: AreaAtLevel[]): Record<string, string> {
  const names: Record<string, string> = {};
  const add = (id: string | undefined) => {
    const found = id !== undefined ? index.levels.get(id) : undefined;
    if (found) names[found.id] = found.title ?? found.name;
  };
  for (const area of areas)
    for (const e of area.expectations) {
      add(e.unchangedFrom);
      for (const c of e.criteria ?? []) add(c.from);
    }
  return names;
}

function rank(order: string[], id: string): number {
  const i = order.indexOf(id);
  return i < 0 ? order.length : i;
}

/** Levels grouped by track, tracks in declared order and levels in ladder order (for pickers). */
export function levelsByTrack(
  index: FrameworkIndex,
): { track: { id: string; name: string }; levels: LevelRef[] }[] {
  const groups: { track: { id: string; name: string }; levels: LevelRef[] }[] = [];
  const tracks = [
    ...index.framework.tracks.map((t) => t.id),
    ...[...index.levels.values()].map((l) => l.track).filter((t) => !index.tracks.has(t)),
  ];
  for (const id of new Set(tracks)) {
    const levels = refs(
      index,
      index.levelOrder.filter((l) => index.levels.get(l)?.track === id),
    );
    if (levels.length) groups.push({ track: { id, name: index.tracks.get(id)?.name ?? id }, levels });
  }
  return groups;
}
