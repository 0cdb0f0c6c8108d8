/**
 * Source labels as a reader says them (seed 001): "responsibility (P4)", "level dimension (Scope)",
 * "Code review criterion 2 (P4)" (a criterion by its number in the cell's list, never by the id a file gives
 * it), instead of the id paths of `sourceRefLabel` that tools and tests key on.
 * The level is named by its first code, else its name; a competency or dimension by its name.
 */
import { cellExtras, criterionLabel, roleOrFamilyName, scaleSteps, stepView } from "./cells.js";
import type { SourceRef } from "./goals.js";
import { criterionOf, roleCellOf } from "./goals-sources.js";
import { displayName, type FrameworkIndex } from "./model.js";

/** The name of the step a step source names ("Doing"), without its scale. */
function stepOf(index: FrameworkIndex, ref: Extract<SourceRef, { kind: "step" }>): string | undefined {
  if (ref.role === undefined) return cellExtras(index, ref.competency, ref.level).step?.name;
  const competency = index.competencies.get(ref.competency)?.competency;
  const own = roleCellOf(index, ref.competency, ref.level, ref.role);
  return competency && stepView(scaleSteps(index, competency), own?.step)?.name;
}

export function humanSourceLabel(index: FrameworkIndex, ref: SourceRef): string {
  const forRole = (role: string | undefined) =>
    role === undefined ? "" : ` for ${roleOrFamilyName(index, role)}`;
  const level = (id: string) => {
    const found = index.levels.get(id);
    return found ? (Object.values(found.codes ?? {})[0] ?? found.name) : id;
  };
  const competency = (id: string) => {
    const found = index.competencies.get(id)?.competency;
    return found ? displayName(found) : id;
  };
  const dimension = (id: string) => index.dimensions.get(id)?.name ?? id;
  switch (ref.kind) {
    case "role-responsibility":
      return `responsibility (${level(ref.level)})`;
    case "level-responsibility":
      return `level responsibility (${level(ref.level)})`;
    case "expectation":
      return `${competency(ref.competency)} expectation (${level(ref.level)})`;
    case "role-expectation":
      return `${competency(ref.competency)} expectation for ${roleOrFamilyName(index, ref.role)} (${level(ref.level)})`;
    case "criterion": {
      const label = criterionLabel([criterionOf(index, ref)?.position], ref.criterion);
      return `${competency(ref.competency)} ${label}${forRole(ref.role)} (${level(ref.level)})`;
    }
    case "step": {
      const step = stepOf(index, ref);
      return `${competency(ref.competency)} step${step ? ` ${step}` : ""}${forRole(ref.role)} (${level(ref.level)})`;
    }
    case "level-dimension":
      return `level dimension (${dimension(ref.dimension)})`;
    case "level-name":
      return `level name (${level(ref.level)})`;
    case "role-name":
      return `role name (${index.roles.get(ref.role)?.name ?? ref.role})`;
    case "family-name":
      return `family name (${(index.framework.families ?? []).find((f) => f.id === ref.family)?.name ?? ref.family})`;
    case "competency-name":
      return `competency name (${competency(ref.competency)})`;
    case "area-name": {
      const area = index.areas.get(ref.area);
      return `area name (${area ? displayName(area) : ref.area})`;
    }
    case "dimension-name":
      return `dimension name (${dimension(ref.dimension)})`;
  }
}
