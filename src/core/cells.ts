/**
 * One cell of the matrix (a competency at a level) as format 2 means it: criteria with their generated ids,
 * the step of the competency's scale it asks for, the `unchanged` marker resolved to the level it carries
 * forward, a role's own text added or put in place, and one text that stands for the cell where a page has
 * room for only one (the statement, else the criteria, else the step, else the rating band that meets the
 * bar). Every view model reads cells through here, so they all agree.
 */
import {
  type CompetencyRef,
  competencySpan,
  entryOf,
  expectationDetail,
  type FrameworkIndex,
  labelFromId,
} from "./model.js";
import type { Competency, Criterion, ExpectationDetail, RoleExpectation, Step } from "./schema.js";

export interface CriterionView {
  /** The criterion's id, or its position (1, 2, …) when the file gives none. */
  id: string;
  /**
   * Unique across levels and roles: the id the file gives, else `<level>-<position>` (`<role>-<level>-…`
   * for a role's own). Compare matches criteria by it, anchors and assessments name criteria by it, so a
   * criterion carried forward stays the same one and two unnamed criteria of different levels never are.
   */
  key: string;
  text: string;
  examples: string[];
  /** Text per rating band id, in the order of the file. */
  ratings: Record<string, string>;
  sources: string[];
  /** The level it was written at, when the cell carries it forward from an earlier level (`unchanged`). */
  from?: string;
  /** The role or family whose own cell added it. */
  role?: string;
}

export interface StepView {
  id: string;
  name: string;
  description?: string;
  points?: number;
  /** 1-based position on the scale. */
  position: number;
  /** Steps on the scale. */
  of: number;
}

export interface CellView {
  statement?: string;
  criteria: CriterionView[];
  step?: StepView;
  examples: string[];
  ratings: Record<string, string>;
  /** The level whose expectation this one carries forward (the `unchanged` marker), when there is one. */
  unchangedFrom?: string;
  /** The role or family whose own cell replaced the shared one. */
  replacedBy?: string;
  /** The one text that stands for the cell (see the file comment); undefined for an empty cell. */
  text?: string;
}

/** The steps of a competency's scale: its own, or the shared one it names; undefined without a scale. */
export function scaleSteps(index: FrameworkIndex, competency: Competency): Step[] | undefined {
  const scale = competency.scale;
  if (scale === undefined) return undefined;
  if (typeof scale === "object") return scale.steps;
  return index.framework.scales?.find((s) => s.id === scale)?.steps;
}

/** The scale's name, for labels such as "Proficiency: Fluent". */
export function scaleName(index: FrameworkIndex, competency: Competency): string | undefined {
  const scale = competency.scale;
  if (scale === undefined) return undefined;
  if (typeof scale === "object") return scale.name;
  const shared = index.framework.scales?.find((s) => s.id === scale);
  return shared ? (shared.name ?? labelFromId(shared.id)) : undefined;
}

export function stepView(steps: readonly Step[] | undefined, id: string | undefined): StepView | undefined {
  if (!steps || id === undefined) return undefined;
  const position = steps.findIndex((s) => s.id === id);
  const step = steps[position];
  if (!step) return undefined;
  return {
    id: step.id,
    name: step.name ?? labelFromId(step.id),
    ...(step.description ? { description: step.description } : {}),
    ...(step.points !== undefined ? { points: step.points } : {}),
    position: position + 1,
    of: steps.length,
  };
}

/** Criteria in their long form, as written at level `at` (by `role`), with generated ids where none is given. */
export function criteriaOf(
  list: readonly Criterion[] | undefined,
  at: string,
  role?: string,
): CriterionView[] {
  return (list ?? []).map((c, i) => {
    const long = typeof c === "string" ? { text: c } : c;
    return {
      id: long.id ?? String(i + 1),
      key: long.id ?? `${role ? `${role}-` : ""}${at}-${i + 1}`,
      text: long.text,
      examples: long.examples ?? [],
      ratings: long.ratings ?? {},
      sources: long.sources ?? [],
      ...(role ? { role } : {}),
    };
  });
}

/**
 * The band whose text stands for "meets the bar" where a cell has only rating-band texts: the middle band
 * of the scale (the second of three), as scales are written lowest first.
 */
export function meetsBand(index: FrameworkIndex): string | undefined {
  const bands = index.framework.ratingScale ?? [];
  return bands[Math.floor((bands.length - 1) / 2)]?.id;
}

/** The level a cell at `level` carries forward from: the first level before it that the competency spans. */
export function previousLevel(
  index: FrameworkIndex,
  span: readonly string[],
  level: string,
): string | undefined {
  const inSpan = new Set(span);
  const seen = new Set<string>();
  let frontier = [...(index.predecessors.get(level) ?? [])];
  while (frontier.length > 0) {
    const found = frontier.find((id) => inSpan.has(id));
    if (found) return found;
    const next: string[] = [];
    for (const id of frontier) {
      if (seen.has(id)) continue;
      seen.add(id);
      next.push(...(index.predecessors.get(id) ?? []));
    }
    frontier = next;
  }
  return undefined;
}

/** The own cell of a role (or of its family, or a parent family) at a level, and whose it is. */
function roleCell(
  index: FrameworkIndex,
  detail: ExpectationDetail,
  role: string | undefined,
): { owner: string; cell: RoleExpectation } | undefined {
  if (!role || !detail.roles) return undefined;
  const own = entryOf(detail.roles, role);
  if (own) return { owner: role, cell: own };
  const families = index.framework.families ?? [];
  let family = index.roles.get(role)?.family;
  for (let hops = 0; family !== undefined && hops <= families.length; hops++) {
    const cell = entryOf(detail.roles, family);
    if (cell) return { owner: family, cell };
    family = families.find((f) => f.id === family)?.parent;
  }
  return undefined;
}

/**
 * The cell of `competency` at `level`, resolved: `unchanged` carries the previous level's content forward
 * (its criteria marked with the level they come from), and `role`'s own cell is added (or replaces the
 * shared one with `replace: true`). Undefined when the competency has no expectation there.
 */
export function resolveCell(
  index: FrameworkIndex,
  ref: CompetencyRef,
  span: readonly string[],
  level: string,
  role?: string,
): CellView | undefined {
  return resolveAt(index, ref, span, level, role, 0);
}

function resolveAt(
  index: FrameworkIndex,
  ref: CompetencyRef,
  span: readonly string[],
  level: string,
  role: string | undefined,
  depth: number,
): CellView | undefined {
  const detail = expectationDetail(entryOf(ref.competency.expectations, level));
  if (!detail || detail.notApplicable) return undefined;
  const steps = scaleSteps(index, ref.competency);
  let cell: CellView = {
    ...(detail.statement !== undefined ? { statement: detail.statement } : {}),
    criteria: criteriaOf(detail.criteria, level),
    ...(stepView(steps, detail.step) ? { step: stepView(steps, detail.step) } : {}),
    examples: detail.examples ?? [],
    ratings: detail.ratings ?? {},
  };
  // a chain of `unchanged` cells is as long as the span at most; the bound only guards a level cycle
  const before = detail.unchanged && depth < span.length ? previousLevel(index, span, level) : undefined;
  if (before) {
    const earlier = resolveAt(index, ref, span, before, undefined, depth + 1);
    if (earlier) {
      cell = {
        ...cell,
        unchangedFrom: earlier.unchangedFrom ?? before,
        statement: joinText(earlier.statement, cell.statement),
        criteria: [...earlier.criteria.map((c) => ({ from: before, ...c })), ...cell.criteria],
        ...((cell.step ?? earlier.step) ? { step: cell.step ?? earlier.step } : {}),
        examples: [...earlier.examples, ...cell.examples],
        ratings: { ...earlier.ratings, ...cell.ratings },
      };
      if (cell.statement === undefined) delete cell.statement;
    }
  }
  const own = roleCell(index, detail, role);
  if (own) cell = withRole(cell, level, own.owner, own.cell, steps);
  const text = cellText(index, cell);
  return text === undefined ? cell : { ...cell, text };
}

function withRole(
  cell: CellView,
  level: string,
  owner: string,
  own: RoleExpectation,
  steps: Step[] | undefined,
): CellView {
  const step = stepView(steps, own.step);
  const criteria = criteriaOf(own.criteria, level, owner);
  if (own.replace) {
    return {
      ...(own.statement !== undefined ? { statement: own.statement } : {}),
      criteria,
      ...(step ? { step } : {}),
      examples: own.examples ?? [],
      ratings: own.ratings ?? {},
      replacedBy: owner,
    };
  }
  const statement = joinText(cell.statement, own.statement);
  return {
    ...cell,
    ...(statement !== undefined ? { statement } : {}),
    criteria: [...cell.criteria, ...criteria],
    ...((step ?? cell.step) ? { step: step ?? cell.step } : {}),
    examples: [...cell.examples, ...(own.examples ?? [])],
    ratings: { ...cell.ratings, ...(own.ratings ?? {}) },
  };
}

function joinText(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return `${a}\n\n${b}`;
}

/** The one text that stands for a cell: statement, else criteria as a list, else the step, else the meets band. */
export function cellText(index: FrameworkIndex, cell: Omit<CellView, "text">): string | undefined {
  if (cell.statement !== undefined) return cell.statement;
  if (cell.criteria.length > 0) return cell.criteria.map((c) => `- ${c.text}`).join("\n");
  if (cell.step)
    return cell.step.description ? `${cell.step.name}: ${cell.step.description}` : cell.step.name;
  const band = meetsBand(index);
  const meets = band !== undefined ? entryOf(cell.ratings, band) : undefined;
  return meets ?? Object.values(cell.ratings)[0];
}

/** What format 2 adds to a cell in every view model: only the fields that have something. */
export interface CellExtras {
  /**
   * The statement the reader meets, where it is not the one written in the cell: joined with the earlier
   * level's (`unchanged`), with the role's own added, or the role's in its place.
   */
  statement?: string;
  /**
   * The one text that stands for the cell where it has no statement: its criteria, its step, or the text
   * of the band that meets the bar (where a cell is written only as rating-band texts).
   */
  text?: string;
  criteria?: CriterionView[];
  step?: StepView & { scale?: string };
  unchangedFrom?: string;
  replacedBy?: string;
}

/** The format 2 fields of the cell of competency `id` at `level` (for `role`), ready to spread into a view. */
export function cellExtras(index: FrameworkIndex, id: string, level: string, role?: string): CellExtras {
  const ref = index.competencies.get(id);
  if (!ref) return {};
  const span = competencySpan(index, ref.competency, ref.area);
  const cell = resolveCell(index, ref, span, level, role);
  if (!cell) return {};
  const scale = scaleName(index, ref.competency);
  const written = expectationDetail(entryOf(ref.competency.expectations, level))?.statement;
  return {
    ...(cell.statement !== undefined && cell.statement !== written ? { statement: cell.statement } : {}),
    ...(cell.text !== undefined && cell.statement === undefined ? { text: cell.text } : {}),
    ...(cell.criteria.length ? { criteria: cell.criteria } : {}),
    ...(cell.step ? { step: { ...cell.step, ...(scale ? { scale } : {}) } } : {}),
    ...(cell.unchangedFrom ? { unchangedFrom: cell.unchangedFrom } : {}),
    ...(cell.replacedBy ? { replacedBy: cell.replacedBy } : {}),
  };
}

/**
 * How a reader names a criterion: by its number in its cell's list, as the level page numbers it, never by
 * the id a file gives it ("criterion 2"). Where two lists number it differently (compare), both, in order
 * ("criterion 2 → 3"); `fallback` names it where no list holds it.
 */
export function criterionLabel(
  places: readonly (number | undefined)[],
  fallback: string,
  word: "criterion" | "Criterion" = "criterion",
): string {
  const known = [...new Set(places.filter((p) => p !== undefined))];
  return `${word} ${known.length ? known.join(" → ") : fallback}`;
}

/** The element id of one criterion of an expectation on the level page (format 2). */
export const criterionAnchor = (competency: string, criterion: string): string =>
  `crit-${competency}--${criterion}`;

/**
 * What a role's own criterion is named by in its anchor: its key, which names the role already where the
 * file gives no id (`mobile-e2-2`); a given id gets the role in front (`mobile-old-clients`), so it never
 * meets a shared criterion's anchor, nor another role's, in the same cell.
 */
export const roleCriterionKey = (role: string, key: string): string =>
  key.startsWith(`${role}-`) ? key : `${role}-${key}`;

/** "Proficiency: Fluent", for a cell's step; undefined without one. */
export function stepText(
  index: FrameworkIndex,
  competency: Competency,
  step: string | undefined,
): string | undefined {
  const view = stepView(scaleSteps(index, competency), step);
  if (!view) return undefined;
  const scale = scaleName(index, competency);
  return scale ? `${scale}: ${view.name}` : view.name;
}

/** The id (role or family) whose own cell `role` gets at this cell, or undefined when it shares the cell. */
export function roleCellOwner(
  index: FrameworkIndex,
  detail: ExpectationDetail,
  role: string,
): string | undefined {
  return roleCell(index, detail, role)?.owner;
}

/**
 * The criteria written at `level` as `role` reads them: the shared ones with the role's (or its family's)
 * own added, or only its own where that cell replaces the shared one. Criteria carried forward from an
 * earlier level (`unchanged`) are not repeated here: they are written, and ticked, where they first appear.
 */
export function criteriaWrittenFor(
  index: FrameworkIndex,
  detail: ExpectationDetail,
  level: string,
  role: string | undefined,
): CriterionView[] {
  const shared = criteriaOf(detail.criteria, level);
  const own = roleCell(index, detail, role);
  if (!own) return shared;
  const mine = criteriaOf(own.cell.criteria, level, own.owner);
  if (own.cell.replace) return mine;
  // a role's criterion given the id of a shared one stands in its place: one tick per key and level
  const keys = new Set(mine.map((c) => c.key));
  return [...shared.filter((c) => !keys.has(c.key)), ...mine];
}

/** The criteria every role's (and family's) own cell writes at a level, each marked with whose it is. */
export function roleCriteriaWritten(detail: ExpectationDetail, level: string): CriterionView[] {
  return Object.entries(detail.roles ?? {}).flatMap(([owner, own]) => criteriaOf(own.criteria, level, owner));
}

/** The name of a role or role family, by id (the id where neither has it). */
export function roleOrFamilyName(index: FrameworkIndex, id: string): string {
  const role = index.roles.get(id);
  if (role) return role.name;
  const family = (index.framework.families ?? []).find((f) => f.id === id);
  return family?.name ?? id;
}
