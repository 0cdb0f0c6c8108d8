/**
 * Adjacent roles by structural distance (docs/job-architecture.md). A role-level is a role at one level of
 * its span, coded `family.role.level`. The distance between two role-levels is in [0, 1]: a weighted mean of
 * the level distance on the rungs reference scale, the taxonomy distance (same role, same family, other
 * family) and, where both have skills, the content distance (1 − Jaccard of their skills). Each result gets
 * a band: close, needs review or far, by thresholds a framework may set.
 *
 * CONTRACT (shared by the core implementation, the CLI and the web pages).
 */
import { levelRanks } from "./ladder-layout.js";
import type { FrameworkIndex } from "./model.js";
import type { Level, Role } from "./schema.js";

export type Band = "close" | "review" | "far";

/** A role at a level, in one framework. */
export interface RoleLevel {
  framework: string;
  role: string;
  level: string;
}

export interface AdjacencySettings {
  close: number;
  review: number;
  weights: { level: number; taxonomy: number; content: number };
}

export const DEFAULT_ADJACENCY: AdjacencySettings = {
  close: 0.25,
  review: 0.5,
  weights: { level: 0.5, taxonomy: 0.35, content: 0.15 },
};

export interface Distance {
  /** Weighted mean of the parts used, in [0, 1]. */
  total: number;
  level: number;
  taxonomy: number;
  /** Absent when either side has no skills (the weight is then left out of the mean). */
  content?: number;
}

export interface Adjacent {
  target: RoleLevel;
  /** `family.role.level` */
  code: string;
  roleName: string;
  levelName: string;
  frameworkName: string;
  distance: Distance;
  band: Band;
}

/** A span of steps, on the reference scale or (within one framework) of graph ranks. */
export interface StepRange {
  from: number;
  to: number;
}

/** Steps of level gap that make the level distance 1: four steps apart is as far as levels get. */
export const LEVEL_GAP_SCALE = 4;

/**
 * Taxonomy distances (docs/job-architecture.md#taxonomy-distance). Families match by id, also across
 * frameworks; the family tree comes from each framework's own `parent` fields.
 */
export const TAXONOMY_DISTANCE = {
  /** The same role of the same framework. */
  sameRole: 0,
  /** Two roles of one family. */
  sameFamily: 0.4,
  /** A family and its sub-family, or two sub-families of one parent. */
  nearFamily: 0.6,
  /** Families that share an ancestor further up (cousins, grandparent and grandchild). */
  distantFamily: 0.8,
  /** Families with no common ancestor. */
  otherFamily: 1,
} as const;

/** `family.role.level` of a role-level (the role's family id; `unknown` when the role is not found). */
export function roleLevelCode(index: FrameworkIndex, roleLevel: RoleLevel): string {
  const family = index.roles.get(roleLevel.role)?.family ?? "unknown";
  return `${family}.${roleLevel.role}.${roleLevel.level}`;
}

/**
 * The level's span on the reference scale (its `reference`, read in order), or undefined when the level is
 * unknown or has none: then only same-framework comparisons by graph rank are possible.
 */
export function referenceRange(index: FrameworkIndex, level: string | Level): StepRange | undefined {
  const found = typeof level === "string" ? index.levels.get(level) : level;
  const reference = found?.reference;
  if (!reference) return undefined;
  const to = reference.to ?? reference.rank;
  return { from: Math.min(reference.rank, to), to: Math.max(reference.rank, to) };
}

/** 0 when the ranges overlap, else the gap between their nearest ends in steps / 4, capped at 1. */
export function levelDistance(a: StepRange, b: StepRange): number {
  const gap = Math.max(a.from, b.from) - Math.min(a.to, b.to);
  if (gap <= 0) return 0;
  return Math.min(1, gap / LEVEL_GAP_SCALE);
}

/** The family and its ancestors, nearest first (stops at a cycle or an unknown parent). */
function familyLine(index: FrameworkIndex, family: string): string[] {
  const line = [family];
  const parents = new Map((index.framework.families ?? []).map((f) => [f.id, f.parent]));
  let parent = parents.get(family);
  while (parent !== undefined && !line.includes(parent)) {
    line.push(parent);
    parent = parents.get(parent);
  }
  return line;
}

/**
 * Taxonomy distance between two roles, each in its framework: 0 the same role, 0.4 the same family, 0.6 a
 * family and its sub-family or two sub-families of one parent, 0.8 a further common ancestor, 1 otherwise.
 */
export function taxonomyDistance(
  a: { index: FrameworkIndex; role: Role },
  b: { index: FrameworkIndex; role: Role },
): number {
  if (a.index.framework.id === b.index.framework.id && a.role.id === b.role.id)
    return TAXONOMY_DISTANCE.sameRole;
  if (a.role.family === b.role.family) return TAXONOMY_DISTANCE.sameFamily;
  const lineA = familyLine(a.index, a.role.family);
  const lineB = familyLine(b.index, b.role.family);
  // For each common ancestor, how many generations the farther side is below it: a parent and its child,
  // or two siblings, are one generation from their nearest common ancestor.
  let generations = Number.POSITIVE_INFINITY;
  lineA.forEach((family, upA) => {
    const upB = lineB.indexOf(family);
    if (upB >= 0) generations = Math.min(generations, Math.max(upA, upB));
  });
  if (generations === Number.POSITIVE_INFINITY) return TAXONOMY_DISTANCE.otherFamily;
  return generations <= 1 ? TAXONOMY_DISTANCE.nearFamily : TAXONOMY_DISTANCE.distantFamily;
}

/** A skill name reduced for comparison: lowercase, `&` read as `and`, punctuation and extra spaces dropped. */
export function normalizeSkill(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** 1 − Jaccard index of the two sets of normalized skill names; undefined when either has none. */
export function contentDistance(
  a: readonly { name: string }[],
  b: readonly { name: string }[],
): number | undefined {
  const setA = new Set(a.map((s) => normalizeSkill(s.name)).filter(Boolean));
  const setB = new Set(b.map((s) => normalizeSkill(s.name)).filter(Boolean));
  if (setA.size === 0 || setB.size === 0) return undefined;
  let shared = 0;
  for (const name of setA) if (setB.has(name)) shared++;
  return 1 - shared / (setA.size + setB.size - shared);
}

/** Rounded to 1e-9 so sums like 0.1 + 0.15 land on the threshold they are meant to meet. */
function tidy(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/**
 * The level distance of two levels: on the reference scale when both are placed; by graph rank
 * (`levelRanks`) when they are of one framework and either is not; undefined otherwise.
 */
function levelPart(ia: FrameworkIndex, la: Level, ib: FrameworkIndex, lb: Level): number | undefined {
  const ra = referenceRange(ia, la);
  const rb = referenceRange(ib, lb);
  if (ra && rb) return levelDistance(ra, rb);
  if (ia.framework.id !== ib.framework.id) return undefined;
  const ranks = levelRanks(ia);
  const a = ranks.get(la.id);
  const b = ranks.get(lb.id);
  if (a === undefined || b === undefined) return undefined;
  return levelDistance({ from: a, to: a }, { from: b, to: b });
}

/**
 * The distance between two role-levels, with the settings of the first one's framework unless given;
 * undefined when a framework, role or level is unknown, or the levels cannot be compared.
 */
export function distance(
  indexes: Map<string, FrameworkIndex>,
  a: RoleLevel,
  b: RoleLevel,
  settings?: AdjacencySettings,
): Distance | undefined {
  const ia = indexes.get(a.framework);
  const ib = indexes.get(b.framework);
  if (!ia || !ib) return undefined;
  const roleA = ia.roles.get(a.role);
  const roleB = ib.roles.get(b.role);
  const levelA = ia.levels.get(a.level);
  const levelB = ib.levels.get(b.level);
  if (!roleA || !roleB || !levelA || !levelB) return undefined;
  const level = levelPart(ia, levelA, ib, levelB);
  if (level === undefined) return undefined;
  const taxonomy = taxonomyDistance({ index: ia, role: roleA }, { index: ib, role: roleB });
  const content = contentDistance(roleA.skills ?? [], roleB.skills ?? []);
  const { weights } = settings ?? adjacencySettings(ia);
  const parts: [number, number][] = [
    [level, weights.level],
    [taxonomy, weights.taxonomy],
  ];
  if (content !== undefined) parts.push([content, weights.content]);
  let weightSum = parts.reduce((sum, [, w]) => sum + w, 0);
  // All weights zero: nothing to prefer, so every part counts the same.
  if (weightSum === 0) for (const part of parts) part[1] = 1;
  weightSum = parts.reduce((sum, [, w]) => sum + w, 0);
  const total = tidy(parts.reduce((sum, [d, w]) => sum + d * w, 0) / weightSum);
  return {
    total: Math.min(1, Math.max(0, total)),
    level: tidy(level),
    taxonomy,
    ...(content !== undefined ? { content: tidy(content) } : {}),
  };
}

/** close up to `settings.close` (inclusive), review up to `settings.review` (inclusive), else far. */
export function band(total: number, settings: AdjacencySettings): Band {
  if (total <= settings.close) return "close";
  if (total <= settings.review) return "review";
  return "far";
}

/** The framework's `adjacency:` thresholds and weights merged over `DEFAULT_ADJACENCY`. */
export function adjacencySettings(index: FrameworkIndex): AdjacencySettings {
  const own = index.framework.adjacency;
  return {
    close: own?.close ?? DEFAULT_ADJACENCY.close,
    review: own?.review ?? DEFAULT_ADJACENCY.review,
    weights: {
      level: own?.weights?.level ?? DEFAULT_ADJACENCY.weights.level,
      taxonomy: own?.weights?.taxonomy ?? DEFAULT_ADJACENCY.weights.taxonomy,
      content: own?.weights?.content ?? DEFAULT_ADJACENCY.weights.content,
    },
  };
}

/** Every role-level of a framework: each role at each level of its span that is a level of the framework. */
export function roleLevels(index: FrameworkIndex): RoleLevel[] {
  const out: RoleLevel[] = [];
  for (const role of index.roles.values()) {
    const spanned = new Set(role.levels);
    for (const level of index.levelOrder) {
      if (spanned.has(level)) out.push({ framework: index.framework.id, role: role.id, level });
    }
  }
  return out;
}

/**
 * Every other role-level of every framework, nearest first (ties: framework, role, level order), with the
 * settings of `from`'s framework. Role-levels whose level cannot be compared with `from`'s are left out;
 * an unknown `from` gives an empty list.
 */
export function adjacentRoles(
  indexes: Map<string, FrameworkIndex>,
  from: RoleLevel,
  options: { limit?: number } = {},
): Adjacent[] {
  const own = indexes.get(from.framework);
  if (!own?.roles.has(from.role) || !own.levels.has(from.level)) return [];
  const settings = adjacencySettings(own);
  const found: Adjacent[] = [];
  for (const index of indexes.values()) {
    for (const target of roleLevels(index)) {
      if (target.framework === from.framework && target.role === from.role && target.level === from.level)
        continue;
      const d = distance(indexes, from, target, settings);
      if (!d) continue;
      found.push({
        target,
        code: roleLevelCode(index, target),
        roleName: index.roles.get(target.role)?.name ?? target.role,
        levelName: index.levels.get(target.level)?.name ?? target.level,
        frameworkName: index.framework.name,
        distance: d,
        band: band(d.total, settings),
      });
    }
  }
  // roleLevels already lists framework, role and level order; a stable sort keeps it for ties.
  found.sort((x, y) => x.distance.total - y.distance.total);
  return options.limit === undefined ? found : found.slice(0, Math.max(0, options.limit));
}

export type { FrameworkIndex };

/** One role among the adjacent role-levels: its levels that were compared, nearest first. */
export interface AdjacentRole {
  framework: string;
  role: string;
  roleName: string;
  frameworkName: string;
  /** Nearest first; the first is the level the role is listed by. */
  levels: Adjacent[];
}

/**
 * Groups role-levels (nearest first, as adjacentRoles gives them) by role, each role in the order of its
 * nearest level: a list of neighbours is then not five levels of one role before any other role shows.
 */
export function adjacentByRole(adjacent: readonly Adjacent[]): AdjacentRole[] {
  const groups = new Map<string, AdjacentRole>();
  for (const a of adjacent) {
    const key = `${a.target.framework}\u0000${a.target.role}`;
    const group = groups.get(key);
    if (group) group.levels.push(a);
    else
      groups.set(key, {
        framework: a.target.framework,
        role: a.target.role,
        roleName: a.roleName,
        frameworkName: a.frameworkName,
        levels: [a],
      });
  }
  return [...groups.values()];
}
