/**
 * Two levels or two roles side by side: what the compare pages show and /api/frameworks/:fw/compare/:a/:b and
 * /api/frameworks/:fw/compare-roles/:a/:b return. Texts present on both sides carry a word-level diff.
 */

import {
  type CriterionView,
  cellExtras,
  cellText,
  criteriaOf,
  resolveCell,
  roleCellOwner,
  roleOrFamilyName,
  type StepView,
  scaleSteps,
  stepView,
} from "../cells.js";
import { type DiffPart, diffWords } from "../diff.js";
import {
  areaSpan,
  competencySpan,
  displayName,
  entryOf,
  expectationDetail,
  type FrameworkIndex,
  indexFramework,
} from "../model.js";
import type { Competency, ExpectationDetail, Framework, Level, Role } from "../schema.js";
import { type LevelRef, levelRef } from "./level.js";
import { type ClassificationView, classificationViews, type OccupationTitles } from "./role.js";

/** One side of a compared text. `spans` is false where the level (or role) does not have the item at all. */
export interface CompareCell {
  spans: boolean;
  text?: string;
  notApplicable?: boolean;
  note?: string;
  /** For a role's own row: the level has no cell of the role's own, so the role reads the shared one alone. */
  shared?: boolean;
}

export interface CompareRow {
  id: string;
  name: string;
  a: CompareCell;
  b: CompareCell;
  /** The word-level diff from a to b, when both sides have text. */
  diff?: DiffPart[];
  /** Format 2: the cells' criteria side by side, matched by id, each diffed on its own. */
  criteria?: CriterionDiff[];
  /** Format 2: the step of the competency's scale each side asks for. */
  steps?: { a?: StepView; b?: StepView };
  /** Format 2: what each role (or role family) has of its own in the cells, compared the same way. */
  roles?: RoleCompareRow[];
}

/** A role's (or family's) own cells at two levels: `replace` where, on a side, it stands in place of the shared one. */
export interface RoleCompareRow extends CompareRow {
  role: { id: string; name: string };
  replace: { a: boolean; b: boolean };
}

/** A role's (or family's) own cell at one level, as a half carries it. */
export interface RoleCellHalf {
  id: string;
  name: string;
  replace: boolean;
  cell: CompareCell;
  criteria?: CriterionView[];
  step?: StepView;
}

/** One criterion compared: on both sides (same or changed), or only on one (added at b, or removed). */
export interface CriterionDiff {
  id: string;
  /** Its number (1, 2, …) in each side's list, as the level pages show it; absent on a side without it. */
  at: { a?: number; b?: number };
  status: "same" | "changed" | "added" | "removed";
  a?: string;
  b?: string;
  diff?: DiffPart[];
}

/** The criteria of two cells matched by key (see `CriterionView.key`), in a's order then b's new ones. */
export function diffCriteria(a: readonly CriterionView[], b: readonly CriterionView[]): CriterionDiff[] {
  const out: CriterionDiff[] = [];
  a.forEach((ca, i) => {
    const j = b.findIndex((c) => c.key === ca.key);
    const cb = b[j];
    if (!cb) out.push({ id: ca.id, at: { a: i + 1 }, status: "removed", a: ca.text });
    else {
      const both = { id: ca.id, at: { a: i + 1, b: j + 1 }, a: ca.text, b: cb.text };
      if (cb.text === ca.text) out.push({ ...both, status: "same" });
      else out.push({ ...both, status: "changed", diff: diffWords(ca.text, cb.text) });
    }
  });
  b.forEach((cb, j) => {
    if (!a.some((c) => c.key === cb.key))
      out.push({ id: cb.id, at: { b: j + 1 }, status: "added", b: cb.text });
  });
  return out;
}

export interface LevelSide extends LevelRef {
  trackName: string;
  codes: Record<string, string>;
  leverage?: string;
  summary?: string;
  responsibilities: string[];
}

export interface CompareLevelsData {
  framework: { id: string; name: string };
  a: LevelSide;
  b: LevelSide;
  /** True when both sides are the same level. */
  same: boolean;
  /** True when b is directly after a on the ladder (a next level). */
  adjacent: boolean;
  dimensions: (CompareRow & { kind: "dimension" | "rubric" })[];
  areas: { id: string; name: string; takeaway?: CompareRow; competencies: CompareRow[] }[];
}

function row(id: string, name: string, a: CompareCell, b: CompareCell): CompareRow {
  return {
    id,
    name,
    a,
    b,
    ...(a.text !== undefined && b.text !== undefined ? { diff: diffWords(a.text, b.text) } : {}),
  };
}

function side(index: FrameworkIndex, id: string): LevelSide | undefined {
  const level = index.levels.get(id);
  const ref = levelRef(index, id);
  if (!level || !ref) return undefined;
  return {
    ...ref,
    trackName: index.tracks.get(level.track)?.name ?? level.track,
    codes: level.codes ?? {},
    ...(level.leverage ? { leverage: level.leverage } : {}),
    ...(level.summary ? { summary: level.summary } : {}),
    responsibilities: level.responsibilities ?? [],
  };
}

/**
 * The text compared for an expectation: its statement, else its rating bands' texts (named), so an
 * expectation written only as ratings still has something to compare.
 */
function expectationCell(index: FrameworkIndex, detail: ExpectationDetail | undefined): CompareCell {
  if (!detail) return { spans: true };
  if (detail.notApplicable)
    return { spans: true, notApplicable: true, ...(detail.note ? { note: detail.note } : {}) };
  if (detail.statement) return { spans: true, text: detail.statement };
  const bands = (index.framework.ratingScale ?? []).filter((b) => entryOf(detail.ratings, b.id));
  if (bands.length)
    return { spans: true, text: bands.map((b) => `${b.name}: ${entryOf(detail.ratings, b.id)}`).join("\n") };
  return { spans: true };
}

/**
 * Everything a level comparison reads about one level, in the framework's order: enough to compare it with
 * any other level's half by `compareLevelHalves` alone. The server compares two halves it makes on the spot;
 * a static site writes one half per level and its compare form compares any two in the browser, with the
 * same function, so both show the same thing.
 */
export interface LevelCompareHalf {
  framework: { id: string; name: string };
  side: LevelSide;
  /** The framework's tracks and levels (names, codes, order): what a level chooser beside the comparison needs. */
  ladder: Pick<Framework, "rungs" | "tracks"> & { levels: LadderLevel[] };
  /** The levels directly after this one on the ladder, and directly before it. */
  successors: string[];
  predecessors: string[];
  /** Every dimension of the framework, with this level's text where it has one. */
  dimensions: { id: string; name: string; kind: "dimension" | "rubric"; text?: string }[];
  areas: {
    id: string;
    name: string;
    /** Present when the level is in the area's span (`text` then where it has a takeaway). */
    takeaway?: { text?: string };
    /** Each competency of the area; `cell` only where the level is in its span. */
    competencies: {
      id: string;
      name: string;
      cell?: CompareCell;
      criteria?: CriterionView[];
      step?: StepView;
      /** Format 2: the own cells of the roles and families the level's cell names. */
      roles?: RoleCellHalf[];
    }[];
  }[];
}

type LadderLevel = Pick<Level, "id" | "name" | "title" | "track" | "follows" | "codes">;

/** One level's half of a comparison, or undefined for an unknown level. */
export function levelCompareHalf(index: FrameworkIndex, id: string): LevelCompareHalf | undefined {
  const level = index.levels.get(id);
  const ownSide = side(index, id);
  if (!level || !ownSide) return undefined;
  const fw = index.framework;
  const dimensions = (fw.dimensions ?? []).map((d) => {
    const text = entryOf(level.dimensions, d.id);
    return { id: d.id, name: d.name, kind: d.kind ?? "dimension", ...(text ? { text } : {}) };
  });
  const areas = (fw.areas ?? []).map((area) => {
    const competencies = area.competencies.map((c) => {
      const named = { id: c.id, name: displayName(c) };
      if (!competencySpan(index, c, area).includes(id)) return named;
      const detail = expectationDetail(entryOf(c.expectations, id));
      const cell = expectationCell(index, detail);
      const roles = cell.notApplicable ? [] : roleCellHalves(index, c, id, detail);
      const extras = cellExtras(index, c.id, id);
      // a cell of criteria or a step alone is compared by the text that stands for it
      if (cell.text === undefined && !cell.notApplicable && extras.text !== undefined)
        cell.text = extras.text;
      return {
        ...named,
        cell,
        ...(extras.criteria ? { criteria: extras.criteria } : {}),
        ...(extras.step ? { step: extras.step } : {}),
        ...(roles.length ? { roles } : {}),
      };
    });
    const inSpan = areaSpan(index, area).includes(id);
    const text = inSpan ? entryOf(area.takeaways, id) : undefined;
    return {
      id: area.id,
      name: displayName(area),
      ...(inSpan ? { takeaway: text ? { text } : {} } : {}),
      competencies,
    };
  });
  return {
    framework: { id: fw.id, name: fw.name },
    side: ownSide,
    ladder: {
      rungs: fw.rungs,
      tracks: fw.tracks,
      levels: (fw.levels ?? []).map(({ id, name, title, track, follows, codes }) => ({
        id,
        name,
        track,
        ...(title ? { title } : {}),
        ...(follows ? { follows } : {}),
        ...(codes ? { codes } : {}),
      })),
    },
    successors: index.successors.get(id) ?? [],
    predecessors: index.predecessors.get(id) ?? [],
    dimensions,
    areas,
  };
}

/** The own cells of the roles and families a cell names (`roles:`), each by what it writes itself. */
function roleCellHalves(
  index: FrameworkIndex,
  competency: Competency,
  level: string,
  detail: ExpectationDetail | undefined,
): RoleCellHalf[] {
  return Object.entries(detail?.roles ?? {}).map(([owner, own]) => {
    const criteria = criteriaOf(own.criteria, level, owner);
    const step = stepView(scaleSteps(index, competency), own.step);
    const text = cellText(index, {
      ...(own.statement !== undefined ? { statement: own.statement } : {}),
      criteria,
      ...(step ? { step } : {}),
      examples: [],
      ratings: own.ratings ?? {},
    });
    return {
      id: owner,
      name: roleOrFamilyName(index, owner),
      replace: own.replace === true,
      cell: { spans: true, ...(text !== undefined ? { text } : {}) },
      ...(criteria.length ? { criteria } : {}),
      ...(step ? { step } : {}),
    };
  });
}

/** Levels a and b side by side, or the ids that are unknown. */
export function compareLevelsData(
  index: FrameworkIndex,
  a: string,
  b: string,
): CompareLevelsData | { unknown: string[] } {
  const ha = levelCompareHalf(index, a);
  const hb = levelCompareHalf(index, b);
  if (!ha || !hb) return { unknown: [...new Set([a, b].filter((id) => !index.levels.has(id)))] };
  return compareLevelHalves(ha, hb);
}

/** The ladder of a half as an index of the framework without its content: enough for a level chooser. */
export function ladderIndex(half: LevelCompareHalf): FrameworkIndex {
  const { id, name } = half.framework;
  return indexFramework({ ...half.ladder, id, name });
}

const NOT_SPANNED: CompareCell = { spans: false };

type HalfCell = { cell?: CompareCell; criteria?: CriterionView[]; step?: StepView };

/** A cell at two levels: its text diffed, its criteria one by one, its step. */
function cellRow(id: string, name: string, a: HalfCell | undefined, b: HalfCell | undefined): CompareRow {
  const criteria =
    a?.criteria || b?.criteria ? diffCriteria(a?.criteria ?? [], b?.criteria ?? []) : undefined;
  return {
    ...row(id, name, { ...(a?.cell ?? NOT_SPANNED) }, { ...(b?.cell ?? NOT_SPANNED) }),
    ...(criteria ? { criteria } : {}),
    ...(a?.step || b?.step
      ? { steps: { ...(a?.step ? { a: a.step } : {}), ...(b?.step ? { b: b.step } : {}) } }
      : {}),
  };
}

type HalfCompetency = LevelCompareHalf["areas"][number]["competencies"][number];

/**
 * Each role's (or family's) own cells of a competency at the two levels, in a's order then b's new ones; a
 * side where the level's cell has none of the role's own reads the shared one alone.
 */
function roleRows(ca: HalfCompetency, cb: HalfCompetency | undefined): RoleCompareRow[] {
  const ra = ca.roles ?? [];
  const rb = cb?.roles ?? [];
  const owners = [...ra, ...rb.filter((r) => !ra.some((x) => x.id === r.id))];
  const side = (own: RoleCellHalf | undefined, at: HalfCompetency | undefined): HalfCell =>
    own ?? { cell: at?.cell ? { spans: true, shared: true } : NOT_SPANNED };
  return owners.map(({ id, name }) => {
    const a = ra.find((r) => r.id === id);
    const b = rb.find((r) => r.id === id);
    return {
      ...cellRow(`${ca.id}--role-${id}`, `For ${name}`, side(a, ca), side(b, cb)),
      role: { id, name },
      replace: { a: a?.replace === true, b: b?.replace === true },
    };
  });
}

/** Two halves of the same framework side by side (see `LevelCompareHalf`). */
export function compareLevelHalves(ha: LevelCompareHalf, hb: LevelCompareHalf): CompareLevelsData {
  const dimensions: CompareLevelsData["dimensions"] = [];
  ha.dimensions.forEach((d, i) => {
    const vb = hb.dimensions[i]?.text;
    if (!d.text && !vb) return;
    const cell = (text: string | undefined): CompareCell => (text ? { spans: true, text } : NOT_SPANNED);
    dimensions.push({ ...row(d.id, d.name, cell(d.text), cell(vb)), kind: d.kind });
  });

  const areas: CompareLevelsData["areas"] = [];
  ha.areas.forEach((area, i) => {
    const other = hb.areas[i];
    const competencies: CompareRow[] = [];
    area.competencies.forEach((ca, j) => {
      const cb = other?.competencies[j];
      if (!ca.cell && !cb?.cell) return;
      const roles = roleRows(ca, cb);
      competencies.push({
        ...cellRow(ca.id, ca.name, ca, cb),
        ...(roles.length ? { roles } : {}),
      });
    });
    const ta = area.takeaway?.text;
    const tb = other?.takeaway?.text;
    if (competencies.length === 0 && !ta && !tb) return;
    const takeawayCell = (text: string | undefined): CompareCell =>
      text ? { spans: true, text } : NOT_SPANNED;
    areas.push({
      id: area.id,
      name: area.name,
      ...(ta || tb
        ? { takeaway: row(`${area.id}-takeaway`, "At a glance", takeawayCell(ta), takeawayCell(tb)) }
        : {}),
      competencies,
    });
  });

  return {
    framework: ha.framework,
    a: ha.side,
    b: hb.side,
    same: ha.side.id === hb.side.id,
    adjacent: ha.successors.includes(hb.side.id),
    dimensions,
    areas,
  };
}

/** A role as one side of a role comparison. */
export interface RoleSide {
  id: string;
  name: string;
  family: string;
  familyName: string;
  code?: string;
  summary?: string;
  levels: LevelRef[];
  aliases: string[];
}

export interface CompareRolesData {
  framework: { id: string; name: string };
  a: RoleSide;
  b: RoleSide;
  same: boolean;
  /** Every level either role spans, in ladder order, with each role's responsibilities there. */
  levels: {
    level: LevelRef;
    a: { spans: boolean; items: string[] };
    b: { spans: boolean; items: string[] };
    /**
     * Format 2: each competency where either role has a cell of its own at the level (`roles:`), as each
     * role reads it (the shared expectation with the role's own added, or the role's in its place).
     */
    own?: CompareRow[];
  }[];
  skills: {
    /** Skills both roles list (matched by name, ignoring case), with each role's description. */
    shared: { name: string; a?: string; b?: string }[];
    onlyA: { name: string; description?: string }[];
    onlyB: { name: string; description?: string }[];
  };
  aliases: { shared: string[]; onlyA: string[]; onlyB: string[] };
  classifications: {
    shared: (ClassificationView & { matchB: string })[];
    onlyA: ClassificationView[];
    onlyB: ClassificationView[];
  };
}

function roleSide(index: FrameworkIndex, role: Role): RoleSide {
  const family = index.framework.families?.find((f) => f.id === role.family);
  return {
    id: role.id,
    name: role.name,
    family: role.family,
    familyName: family?.name ?? role.family,
    ...(role.code ? { code: role.code } : {}),
    ...(role.summary ? { summary: role.summary } : {}),
    levels: role.levels.map((id) => levelRef(index, id) ?? { id, name: id, label: id, track: "" }),
    aliases: role.aliases ?? [],
  };
}

const key = (s: string) => s.trim().toLowerCase();

/** The cells at a level where role a or role b has one of its own, each side as that role reads it. */
function ownCellRows(index: FrameworkIndex, ra: Role, rb: Role, level: string): CompareRow[] {
  const rows: CompareRow[] = [];
  for (const ref of index.competencies.values()) {
    const detail = expectationDetail(entryOf(ref.competency.expectations, level));
    if (!detail?.roles || detail.notApplicable) continue;
    if (!roleCellOwner(index, detail, ra.id) && !roleCellOwner(index, detail, rb.id)) continue;
    const span = competencySpan(index, ref.competency, ref.area);
    const side = (role: Role): HalfCell | undefined => {
      const cell = role.levels.includes(level) ? resolveCell(index, ref, span, level, role.id) : undefined;
      if (!cell) return undefined;
      return {
        cell: { spans: true, ...(cell.text !== undefined ? { text: cell.text } : {}) },
        ...(cell.criteria.length ? { criteria: cell.criteria } : {}),
        ...(cell.step ? { step: cell.step } : {}),
      };
    };
    rows.push(cellRow(ref.competency.id, displayName(ref.competency), side(ra), side(rb)));
  }
  return rows;
}

/** Roles a and b side by side, or the ids that are unknown. */
export function compareRolesData(
  index: FrameworkIndex,
  a: string,
  b: string,
  titles?: OccupationTitles,
): CompareRolesData | { unknown: string[] } {
  const ra = index.roles.get(a);
  const rb = index.roles.get(b);
  if (!ra || !rb) return { unknown: [...new Set([a, b].filter((id) => !index.roles.has(id)))] };

  const spanned = new Set([...ra.levels, ...rb.levels]);
  const ordered = [
    ...index.levelOrder.filter((id) => spanned.has(id)),
    ...[...spanned].filter((id) => !index.levels.has(id)),
  ];
  const levels = ordered.map((id) => {
    const own = ownCellRows(index, ra, rb, id);
    return {
      level: levelRef(index, id) ?? { id, name: id, label: id, track: "" },
      a: { spans: ra.levels.includes(id), items: entryOf(ra.responsibilities, id) ?? [] },
      b: { spans: rb.levels.includes(id), items: entryOf(rb.responsibilities, id) ?? [] },
      ...(own.length ? { own } : {}),
    };
  });

  const skillsA = ra.skills ?? [];
  const skillsB = rb.skills ?? [];
  const namesB = new Map(skillsB.map((s) => [key(s.name), s]));
  const namesA = new Set(skillsA.map((s) => key(s.name)));
  const skill = (s: { name: string; description?: string }) => ({
    name: s.name,
    ...(s.description ? { description: s.description } : {}),
  });

  const aliasesA = ra.aliases ?? [];
  const aliasesB = rb.aliases ?? [];
  const aliasKeysA = new Set(aliasesA.map(key));
  const aliasKeysB = new Set(aliasesB.map(key));

  const ca = classificationViews(ra, titles);
  const cb = classificationViews(rb, titles);
  const codeKey = (c: ClassificationView) => `${c.scheme} ${c.code}`;
  const codesB = new Map(cb.map((c) => [codeKey(c), c]));
  const codesA = new Set(ca.map(codeKey));

  return {
    framework: { id: index.framework.id, name: index.framework.name },
    a: roleSide(index, ra),
    b: roleSide(index, rb),
    same: a === b,
    levels,
    skills: {
      shared: skillsA
        .filter((s) => namesB.has(key(s.name)))
        .map((s) => {
          const other = namesB.get(key(s.name));
          return {
            name: s.name,
            ...(s.description ? { a: s.description } : {}),
            ...(other?.description ? { b: other.description } : {}),
          };
        }),
      onlyA: skillsA.filter((s) => !namesB.has(key(s.name))).map(skill),
      onlyB: skillsB.filter((s) => !namesA.has(key(s.name))).map(skill),
    },
    aliases: {
      shared: aliasesA.filter((x) => aliasKeysB.has(key(x))),
      onlyA: aliasesA.filter((x) => !aliasKeysB.has(key(x))),
      onlyB: aliasesB.filter((x) => !aliasKeysA.has(key(x))),
    },
    classifications: {
      shared: ca
        .filter((c) => codesB.has(codeKey(c)))
        .map((c) => ({ ...c, matchB: codesB.get(codeKey(c))?.match ?? "unknown" })),
      onlyA: ca.filter((c) => !codesB.has(codeKey(c))),
      onlyB: cb.filter((c) => !codesA.has(codeKey(c))),
    },
  };
}
