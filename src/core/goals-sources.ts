/**
 * Where goal text comes from, read back: the framework text a `SourceRef` names (so a kept goal can show
 * what it quoted and whether the framework still says it), its label from ids alone, and the plain text of
 * a line with its placeholders filled or marked.
 */
import { cellExtras, criteriaOf, stepText } from "./cells.js";
import type { Goal, PlaceholderName, Segment, SourceRef } from "./goals-contract.js";
import { entryOf, expectationDetail, type FrameworkIndex } from "./model.js";
import type { RoleExpectation } from "./schema.js";

const isBlank = (value: string | undefined): value is undefined => value === undefined || value.trim() === "";

export function familyName(index: FrameworkIndex, family: string): string | undefined {
  return index.framework.families?.find((f) => f.id === family)?.name;
}

/** The statement of a competency's expectation at a level, unless it is missing or not applicable. */
export function expectationStatement(
  index: FrameworkIndex,
  competency: string,
  level: string,
): string | undefined {
  const detail = expectationDetail(
    entryOf(index.competencies.get(competency)?.competency.expectations, level),
  );
  if (!detail || detail.notApplicable) return undefined;
  // a cell without a statement is quoted by the text that stands for it: criteria, step or meets band
  if (isBlank(detail.statement)) return cellExtras(index, competency, level).text;
  return detail.statement;
}

/** The own cell a role or role family (by id, as the file writes it) has at a competency's level. */
export function roleCellOf(
  index: FrameworkIndex,
  competency: string,
  level: string,
  role: string,
): RoleExpectation | undefined {
  const detail = expectationDetail(
    entryOf(index.competencies.get(competency)?.competency.expectations, level),
  );
  return detail?.notApplicable ? undefined : entryOf(detail?.roles, role);
}

/** The criterion a source names, with its place (1, 2, …) in the numbered list its cell shows. */
export function criterionOf(
  index: FrameworkIndex,
  ref: Extract<SourceRef, { kind: "criterion" }>,
): { text: string; position: number } | undefined {
  const criteria =
    ref.role !== undefined
      ? criteriaOf(roleCellOf(index, ref.competency, ref.level, ref.role)?.criteria, ref.level)
      : (cellExtras(index, ref.competency, ref.level).criteria ?? []);
  // the level's own criterion first: an unnamed one carried forward may share its position-id
  const own = criteria.findIndex((c) => c.id === ref.criterion && !c.from && !c.role);
  const at = own >= 0 ? own : criteria.findIndex((c) => c.id === ref.criterion);
  const found = criteria[at];
  return found ? { text: found.text, position: at + 1 } : undefined;
}

const roleLabel = (role: string | undefined) => (role === undefined ? "" : ` · role ${role}`);

/** The text of the field a SourceRef names, or undefined when the framework has no such field. */
export function resolveSource(index: FrameworkIndex, ref: SourceRef): string | undefined {
  switch (ref.kind) {
    case "role-responsibility":
      return entryOf(index.roles.get(ref.role)?.responsibilities, ref.level)?.[ref.index];
    case "level-responsibility":
      return index.levels.get(ref.level)?.responsibilities?.[ref.index];
    case "expectation":
      return expectationStatement(index, ref.competency, ref.level);
    case "role-expectation":
      return roleCellOf(index, ref.competency, ref.level, ref.role)?.statement;
    case "criterion":
      return criterionOf(index, ref)?.text;
    case "step": {
      if (ref.role === undefined) {
        const step = cellExtras(index, ref.competency, ref.level).step;
        return step ? (step.scale ? `${step.scale}: ${step.name}` : step.name) : undefined;
      }
      const competency = index.competencies.get(ref.competency)?.competency;
      const own = roleCellOf(index, ref.competency, ref.level, ref.role);
      return competency && stepText(index, competency, own?.step);
    }
    case "level-dimension":
      return index.dimensions.has(ref.dimension)
        ? entryOf(index.levels.get(ref.level)?.dimensions, ref.dimension)
        : undefined;
    case "level-name":
      return index.levels.get(ref.level)?.name;
    case "role-name":
      return index.roles.get(ref.role)?.name;
    case "family-name":
      return familyName(index, ref.family);
    case "competency-name":
      return index.competencies.get(ref.competency)?.competency.name;
    case "area-name":
      return index.areas.get(ref.area)?.name;
    case "dimension-name":
      return index.dimensions.get(ref.dimension)?.name;
  }
}

/** A source's label from its ids alone, so renderers need no index: `role backend-engineer · level senior · responsibility 3`. */
export function sourceRefLabel(ref: SourceRef): string {
  switch (ref.kind) {
    case "role-responsibility":
      return `role ${ref.role} · level ${ref.level} · responsibility ${ref.index + 1}`;
    case "level-responsibility":
      return `level ${ref.level} · responsibility ${ref.index + 1}`;
    case "expectation":
      return `competency ${ref.competency} · level ${ref.level} · expectation`;
    case "role-expectation":
      return `competency ${ref.competency} · level ${ref.level} · role ${ref.role} · expectation`;
    case "criterion":
      return `competency ${ref.competency} · level ${ref.level}${roleLabel(ref.role)} · criterion ${ref.criterion}`;
    case "step":
      return `competency ${ref.competency} · level ${ref.level}${roleLabel(ref.role)} · step`;
    case "level-dimension":
      return `level ${ref.level} · dimension ${ref.dimension}`;
    case "level-name":
      return `level ${ref.level} · name`;
    case "role-name":
      return `role ${ref.role} · name`;
    case "family-name":
      return `family ${ref.family} · name`;
    case "competency-name":
      return `competency ${ref.competency} · name`;
    case "area-name":
      return `area ${ref.area} · name`;
    case "dimension-name":
      return `dimension ${ref.dimension} · name`;
  }
}

/** `role backend-engineer · level senior · responsibility 3` (positions count from 1). */
export function sourceLabel(_index: FrameworkIndex, ref: SourceRef): string {
  return sourceRefLabel(ref);
}

/** Plain text of segments; placeholders take their value from `fill`, else read ⟨name⟩. */
export function segmentsText(segments: Segment[], fill?: Partial<Record<PlaceholderName, string>>): string {
  return segments
    .map((s) => (s.type === "placeholder" ? (fill?.[s.name] ?? `⟨${s.name}⟩`) : s.text))
    .join("");
}

/** Every field a goal quotes or names: its title's, then each line's, once each, in order. */
export function goalSources(goal: Goal): SourceRef[] {
  const seen = new Set<string>();
  return [...goal.sources, ...goal.lines.flatMap((l) => l.sources)].filter((ref) => {
    const key = JSON.stringify(ref);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
