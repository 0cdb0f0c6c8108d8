/**
 * The job architecture across every loaded framework: a role-level's adjacent roles, two levels or two
 * role-levels of (possibly) different frameworks side by side, the level equivalence table, the occupation
 * codes roles are mapped to (views/occupations.ts), and roles found by title (there too). What the
 * architecture pages show and their JSON under /api/ return (src/web/features/architecture/).
 */
import {
  type AdjacencySettings,
  type Adjacent,
  type AdjacentRole,
  adjacencySettings,
  adjacentByRole,
  adjacentRoles,
  type Band,
  band,
  type Distance,
  distance,
  levelDistance,
  normalizeSkill,
  referenceRange,
  roleLevelCode,
} from "../adjacency.js";
import { diffWords } from "../diff.js";
import {
  type EquivalenceCell,
  type EquivalenceTable,
  equivalenceTable,
  equivalents,
  REFERENCE_SCALE,
} from "../equivalence.js";
import { entryOf, type FrameworkIndex } from "../model.js";
import type { Dimension, Level, Role } from "../schema.js";
import { type CompareCell, type CompareLevelsData, type CompareRow, compareLevelsData } from "./compare.js";
import { type AreaAtLevel, type LevelRef, levelData, levelRef } from "./level.js";
import { type ClassificationView, classificationViews, type OccupationTitles } from "./role.js";

/** Every framework that can be shown, by its framework id (the key `adjacentRoles` and `distance` look up). */
export type Indexes = Map<string, FrameworkIndex>;

export interface FrameworkName {
  id: string;
  name: string;
}

export function frameworkName(id: string, index: FrameworkIndex): FrameworkName {
  return { id, name: index.framework.name };
}

/** What the reference scale says about a level: its steps (named) and how well it matches them. */
export interface ReferencePlacement {
  from: number;
  to: number;
  match: "exact" | "close" | "broad" | "narrow";
  steps: { rank: number; name: string }[];
  note?: string;
}

function placement(index: FrameworkIndex, level: Level): ReferencePlacement | undefined {
  const range = referenceRange(index, level);
  if (!range) return undefined;
  const steps = REFERENCE_SCALE.filter((s) => s.rank >= range.from && s.rank <= range.to).map((s) => ({
    rank: s.rank,
    name: s.name,
  }));
  return {
    from: range.from,
    to: range.to,
    match: level.reference?.match ?? "exact",
    steps,
    ...(level.reference?.note ? { note: level.reference.note } : {}),
  };
}

/** How two placements relate: overlapping steps, or the steps between them (positive when b is higher). */
export interface ReferenceComparison {
  /** False when either level is not placed on the reference scale. */
  comparable: boolean;
  overlap: boolean;
  /** Steps from a's range to b's: 0 when they overlap, positive when b sits higher, negative when lower. */
  gap: number;
  /** The level part of the distance (0 when the ranges overlap). */
  distance?: number;
}

function compareReferences(
  a: ReferencePlacement | undefined,
  b: ReferencePlacement | undefined,
): ReferenceComparison {
  if (!a || !b) return { comparable: false, overlap: false, gap: 0 };
  const overlap = a.from <= b.to && b.from <= a.to;
  const gap = overlap ? 0 : b.from > a.to ? b.from - a.to : -(a.from - b.to);
  return { comparable: true, overlap, gap, distance: levelDistance(a, b) };
}

// ---------------------------------------------------------------------------------------------------------
// Adjacent roles

/** How many adjacent role-levels a role page lists; the API takes up to MAX_ADJACENT_LIMIT. */
export const ADJACENT_LIMIT = 10;
export const MAX_ADJACENT_LIMIT = 100;

export interface AdjacentData {
  framework: FrameworkName;
  role: { id: string; name: string };
  level: LevelRef & { code: string; reference?: ReferencePlacement };
  /** True when no level was asked for and the role's first level was taken. */
  defaulted: boolean;
  settings: AdjacencySettings;
  /** How many other role-levels were compared; `adjacent` holds the nearest `limit` of them. */
  compared: number;
  adjacent: Adjacent[];
  /** The same role at its other levels, nearest first. */
  sameRole: Adjacent[];
  /** The nearest `limit` other roles, each with every level compared: what the role page lists. */
  roles: AdjacentRole[];
}

export type AdjacentProblem =
  | { problem: "framework"; framework: string }
  | { problem: "role"; role: string }
  | { problem: "level"; level: string; levels: string[] };

/** The levels of a role that the framework knows, in the role's order. */
export function spannedLevels(index: FrameworkIndex, role: Role): string[] {
  return role.levels.filter((id) => index.levels.has(id));
}

/** The nearest role-levels to a role at a level (default its first level), across every framework. */
export function adjacentData(
  indexes: Indexes,
  fw: string,
  roleId: string,
  levelId: string | undefined,
  limit = ADJACENT_LIMIT,
): AdjacentData | AdjacentProblem {
  const index = indexes.get(fw);
  if (!index) return { problem: "framework", framework: fw };
  const role = index.roles.get(roleId);
  if (!role) return { problem: "role", role: roleId };
  const spanned = spannedLevels(index, role);
  const chosen = levelId ?? spanned[0];
  const level = chosen === undefined ? undefined : index.levels.get(chosen);
  if (!level || !spanned.includes(level.id))
    return { problem: "level", level: chosen ?? "", levels: spanned };
  const from = { framework: fw, role: role.id, level: level.id };
  const all = adjacentRoles(indexes, from);
  const ref = levelRef(index, level.id) as LevelRef;
  const where = placement(index, level);
  return {
    framework: frameworkName(fw, index),
    role: { id: role.id, name: role.name },
    level: { ...ref, code: roleLevelCode(index, from), ...(where ? { reference: where } : {}) },
    defaulted: levelId === undefined,
    settings: adjacencySettings(index),
    compared: all.length,
    adjacent: all.slice(0, limit),
    sameRole: all.filter((a) => a.target.framework === fw && a.target.role === role.id),
    roles: adjacentByRole(all.filter((a) => a.target.framework !== fw || a.target.role !== role.id)).slice(
      0,
      limit,
    ),
  };
}

/** The band's words as pages show them. */
export const BAND_LABELS: Record<Band, string> = { close: "close", review: "needs review", far: "far" };

/** What each band means for a person looking at a move, in a line. */
export const BAND_MEANINGS: Record<Band, string> = {
  close: "a natural next move: near in level, in the job architecture and in skills",
  review: "possible, with a gap: see which part of the distance is large",
  far: "a different job: level, role family or skills differ a lot",
};

// ---------------------------------------------------------------------------------------------------------
// Two levels across frameworks

export interface CrossLevelSide {
  framework: FrameworkName;
  level: LevelRef;
  trackName: string;
  /** The level's codes, with the names of their schemes. */
  codes: { scheme: string; schemeName: string; code: string }[];
  summary?: string;
  leverage?: string;
  responsibilities: string[];
  reference?: ReferencePlacement;
}

/** A dimension of each side measuring the same thing (same aspect, or the same name), compared. */
export interface DimensionPair extends CompareRow {
  /** The shared aspect, when the pair was made by aspect. */
  aspect?: string;
  dimensionA: { id: string; name: string };
  dimensionB: { id: string; name: string };
}

export interface CompareAcrossLevelsData {
  a: CrossLevelSide;
  b: CrossLevelSide;
  sameFramework: boolean;
  reference: ReferenceComparison;
  /** Dimensions both frameworks declare for the same aspect (or by the same name), where either level has a value. */
  dimensions: DimensionPair[];
  /** Dimension values with no counterpart on the other side. */
  unpaired: {
    a: { id: string; name: string; value: string }[];
    b: { id: string; name: string; value: string }[];
  };
  /** Within one framework: expectations competency by competency, with word diffs. */
  competencies?: CompareLevelsData["areas"];
  /** Across frameworks: each level's expectations, grouped by its own framework's areas. */
  expectations?: { a: AreaAtLevel[]; b: AreaAtLevel[] };
}

export type CrossProblem = { unknown: string[] };

function crossSide(fw: string, index: FrameworkIndex, level: Level): CrossLevelSide {
  const schemes = new Map((index.framework.codeSchemes ?? []).map((s) => [s.id, s.name]));
  const where = placement(index, level);
  return {
    framework: frameworkName(fw, index),
    level: levelRef(index, level.id) as LevelRef,
    trackName: index.tracks.get(level.track)?.name ?? level.track,
    codes: Object.entries(level.codes ?? {}).map(([scheme, code]) => ({
      scheme,
      schemeName: schemes.get(scheme) ?? scheme,
      code,
    })),
    ...(level.summary ? { summary: level.summary } : {}),
    ...(level.leverage ? { leverage: level.leverage } : {}),
    responsibilities: level.responsibilities ?? [],
    ...(where ? { reference: where } : {}),
  };
}

const textCell = (value: string | undefined): CompareCell =>
  value ? { spans: true, text: value } : { spans: false };

function diffRow(id: string, name: string, a: CompareCell, b: CompareCell): CompareRow {
  return {
    id,
    name,
    a,
    b,
    ...(a.text !== undefined && b.text !== undefined ? { diff: diffWords(a.text, b.text) } : {}),
  };
}

const nameKey = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();

/**
 * Pairs the dimensions of two frameworks: first by aspect (in a's declared order, the n-th of an aspect with
 * the n-th of the same aspect), then the rest by name. "other" is no common aspect, so it pairs by name only.
 */
function pairDimensions(a: Dimension[], b: Dimension[]): { a: Dimension; b: Dimension; aspect?: string }[] {
  const pairs: { a: Dimension; b: Dimension; aspect?: string }[] = [];
  const used = new Set<Dimension>();
  const paired = new Set<Dimension>();
  for (const da of a) {
    if (!da.aspect || da.aspect === "other") continue;
    const db = b.find((d) => !used.has(d) && d.aspect === da.aspect);
    if (!db) continue;
    used.add(db);
    paired.add(da);
    pairs.push({ a: da, b: db, aspect: da.aspect });
  }
  for (const da of a) {
    if (paired.has(da)) continue;
    const db = b.find((d) => !used.has(d) && nameKey(d.name) === nameKey(da.name));
    if (!db) continue;
    used.add(db);
    paired.add(da);
    pairs.push({ a: da, b: db });
  }
  return pairs;
}

/** Two levels of (possibly) different frameworks side by side, or what is unknown ("fw" or "fw/level"). */
export function compareAcrossLevelsData(
  indexes: Indexes,
  fwA: string,
  a: string,
  fwB: string,
  b: string,
): CompareAcrossLevelsData | CrossProblem {
  const ia = indexes.get(fwA);
  const ib = indexes.get(fwB);
  const la = ia?.levels.get(a);
  const lb = ib?.levels.get(b);
  if (!ia || !ib || !la || !lb) {
    const unknown: string[] = [];
    if (!ia) unknown.push(fwA);
    else if (!la) unknown.push(`${fwA}/${a}`);
    if (!ib) unknown.push(fwB);
    else if (!lb) unknown.push(`${fwB}/${b}`);
    return { unknown: [...new Set(unknown)] };
  }
  const sa = crossSide(fwA, ia, la);
  const sb = crossSide(fwB, ib, lb);
  const same = fwA === fwB;
  const dimsA = ia.framework.dimensions ?? [];
  const dimsB = ib.framework.dimensions ?? [];
  const pairs = same
    ? dimsA.map((d) => ({ a: d, b: d, ...(d.aspect && d.aspect !== "other" ? { aspect: d.aspect } : {}) }))
    : pairDimensions(dimsA, dimsB);
  const dimensions: DimensionPair[] = [];
  for (const p of pairs) {
    const va = entryOf(la.dimensions, p.a.id);
    const vb = entryOf(lb.dimensions, p.b.id);
    if (!va && !vb) continue;
    const name = nameKey(p.a.name) === nameKey(p.b.name) ? p.a.name : `${p.a.name} / ${p.b.name}`;
    dimensions.push({
      ...diffRow(same ? p.a.id : `${p.a.id}--${p.b.id}`, name, textCell(va), textCell(vb)),
      ...(p.aspect ? { aspect: p.aspect } : {}),
      dimensionA: { id: p.a.id, name: p.a.name },
      dimensionB: { id: p.b.id, name: p.b.name },
    });
  }
  const pairedA = new Set(pairs.map((p) => p.a.id));
  const pairedB = new Set(pairs.map((p) => p.b.id));
  const leftovers = (dims: Dimension[], level: Level, paired: Set<string>) =>
    dims.flatMap((d) => {
      const value = entryOf(level.dimensions, d.id);
      return !paired.has(d.id) && value ? [{ id: d.id, name: d.name, value }] : [];
    });

  const result: CompareAcrossLevelsData = {
    a: sa,
    b: sb,
    sameFramework: same,
    reference: compareReferences(sa.reference, sb.reference),
    dimensions,
    unpaired: { a: leftovers(dimsA, la, pairedA), b: leftovers(dimsB, lb, pairedB) },
  };
  if (same) {
    const within = compareLevelsData(ia, a, b);
    if (!("unknown" in within)) result.competencies = within.areas;
  } else {
    const said = (areas: AreaAtLevel[] | undefined) =>
      (areas ?? []).filter((area) => area.expectations.length > 0 || area.takeaway);
    result.expectations = { a: said(levelData(ia, a)?.areas), b: said(levelData(ib, b)?.areas) };
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Two role-levels across frameworks

export interface RoleLevelSide {
  framework: FrameworkName;
  role: { id: string; name: string; code?: string; summary?: string };
  family: { id: string; name: string; parent?: { id: string; name: string } };
  level: LevelRef;
  /** `family.role.level` */
  code: string;
  responsibilities: string[];
  skills: { name: string; description?: string }[];
  classifications: ClassificationView[];
  reference?: ReferencePlacement;
}

export interface CompareRoleLevelsData {
  a: RoleLevelSide;
  b: RoleLevelSide;
  sameFramework: boolean;
  sameRole: boolean;
  /** Same family of the same framework (families of different frameworks are never the same). */
  sameFamily: boolean;
  reference: ReferenceComparison;
  skills: {
    /** Skills both list (by name as the content distance compares them), with each side's description. */
    shared: { name: string; a?: string; b?: string }[];
    onlyA: { name: string; description?: string }[];
    onlyB: { name: string; description?: string }[];
  };
  classifications: {
    shared: (ClassificationView & { matchB: string })[];
    onlyA: ClassificationView[];
    onlyB: ClassificationView[];
  };
  /** Absent when the two levels cannot be compared (neither placed on the reference scale, across frameworks). */
  distance?: Distance;
  band?: Band;
  /** The settings of a's framework, which the distance and band use. */
  settings: AdjacencySettings;
}

function roleLevelSide(
  fw: string,
  index: FrameworkIndex,
  role: Role,
  level: Level,
  titles: OccupationTitles | undefined,
): RoleLevelSide {
  const families = new Map((index.framework.families ?? []).map((f) => [f.id, f]));
  const family = families.get(role.family);
  const parent = family?.parent ? families.get(family.parent) : undefined;
  const where = placement(index, level);
  return {
    framework: frameworkName(fw, index),
    role: {
      id: role.id,
      name: role.name,
      ...(role.code ? { code: role.code } : {}),
      ...(role.summary ? { summary: role.summary } : {}),
    },
    family: {
      id: role.family,
      name: family?.name ?? role.family,
      ...(family?.parent ? { parent: { id: family.parent, name: parent?.name ?? family.parent } } : {}),
    },
    level: levelRef(index, level.id) as LevelRef,
    code: roleLevelCode(index, { framework: fw, role: role.id, level: level.id }),
    responsibilities: entryOf(role.responsibilities, level.id) ?? [],
    skills: (role.skills ?? []).map((s) => ({
      name: s.name,
      ...(s.description ? { description: s.description } : {}),
    })),
    classifications: classificationViews(role, titles),
    ...(where ? { reference: where } : {}),
  };
}

/** Two role-levels side by side with their distance, or what is unknown ("fw", "fw/role", "fw/role/level"). */
export function compareRoleLevelsData(
  indexes: Indexes,
  a: { framework: string; role: string; level: string },
  b: { framework: string; role: string; level: string },
  titles?: OccupationTitles,
): CompareRoleLevelsData | CrossProblem {
  const unknown: string[] = [];
  const resolve = (x: { framework: string; role: string; level: string }) => {
    const index = indexes.get(x.framework);
    if (!index) return void unknown.push(x.framework);
    const role = index.roles.get(x.role);
    if (!role) return void unknown.push(`${x.framework}/${x.role}`);
    const level = index.levels.get(x.level);
    if (!level || !role.levels.includes(x.level))
      return void unknown.push(`${x.framework}/${x.role}/${x.level}`);
    return { index, role, level };
  };
  const ra = resolve(a);
  const rb = resolve(b);
  if (!ra || !rb) return { unknown: [...new Set(unknown)] };
  const sa = roleLevelSide(a.framework, ra.index, ra.role, ra.level, titles);
  const sb = roleLevelSide(b.framework, rb.index, rb.role, rb.level, titles);
  const settings = adjacencySettings(ra.index);
  const d = distance(indexes, a, b, settings);

  // skills match as the content distance matches them, so "shared" here is what the distance counted
  const skillsB = new Map(sb.skills.map((s) => [normalizeSkill(s.name), s]));
  const skillsA = new Set(sa.skills.map((s) => normalizeSkill(s.name)));
  const codeKey = (c: ClassificationView) => `${c.scheme} ${c.code}`;
  const codesB = new Map(sb.classifications.map((c) => [codeKey(c), c]));
  const codesA = new Set(sa.classifications.map(codeKey));
  const sameFramework = a.framework === b.framework;
  return {
    a: sa,
    b: sb,
    sameFramework,
    sameRole: sameFramework && a.role === b.role,
    sameFamily: sameFramework && ra.role.family === rb.role.family,
    reference: compareReferences(sa.reference, sb.reference),
    skills: {
      shared: sa.skills
        .filter((s) => skillsB.has(normalizeSkill(s.name)))
        .map((s) => {
          const other = skillsB.get(normalizeSkill(s.name));
          return {
            name: s.name,
            ...(s.description ? { a: s.description } : {}),
            ...(other?.description ? { b: other.description } : {}),
          };
        }),
      onlyA: sa.skills.filter((s) => !skillsB.has(normalizeSkill(s.name))),
      onlyB: sb.skills.filter((s) => !skillsA.has(normalizeSkill(s.name))),
    },
    classifications: {
      shared: sa.classifications
        .filter((c) => codesB.has(codeKey(c)))
        .map((c) => ({ ...c, matchB: codesB.get(codeKey(c))?.match ?? "unknown" })),
      onlyA: sa.classifications.filter((c) => !codesB.has(codeKey(c))),
      onlyB: sb.classifications.filter((c) => !codesA.has(codeKey(c))),
    },
    ...(d ? { distance: d, band: band(d.total, settings) } : {}),
    settings,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Level equivalence

export interface EquivalenceData {
  frameworks: (FrameworkName & { levels: LevelRef[] })[];
  rows: EquivalenceTable["rows"];
  /** Per framework with any, the levels placed on no step. */
  unplaced: { framework: FrameworkName; levels: LevelRef[] }[];
}

/** The equivalence table of every framework, with each framework's levels (ladder order) for choosers. */
export function equivalenceData(indexes: Indexes): EquivalenceData {
  const list = [...indexes.values()];
  const table = equivalenceTable(list);
  const byFramework = new Map([...indexes].map(([id, index]) => [index.framework.id, { id, index }]));
  const refs = (index: FrameworkIndex, ids: readonly string[]) =>
    ids.map((id) => levelRef(index, id)).filter((r): r is LevelRef => r !== undefined);
  return {
    frameworks: [...indexes].map(([id, index]) => ({
      ...frameworkName(id, index),
      levels: refs(index, index.levelOrder),
    })),
    rows: table.rows,
    unplaced: Object.entries(table.unplaced).flatMap(([fw, ids]) => {
      const found = byFramework.get(fw);
      if (!found || ids.length === 0) return [];
      return [{ framework: frameworkName(found.id, found.index), levels: refs(found.index, ids) }];
    }),
  };
}

/** The levels of other frameworks that share a step with this one, nearest first (the level page's list). */
export function equivalentLevels(indexes: Indexes, fw: string, level: string): EquivalenceCell[] {
  const index = indexes.get(fw);
  if (!index) return [];
  return equivalents([...indexes.values()], index.framework.id, level);
}
