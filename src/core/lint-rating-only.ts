/**
 * The `rating-only-without-scale` rule: a cell that says what it expects only through rating-band texts
 * (no statement, criteria or step) in a framework that declares no `ratingScale`. Such a cell has no text
 * a matrix, a mirror or a goal could quote, since no band is known to mean "meets the bar".
 */
import type { Reporter } from "./lint-reporter.js";
import type { FrameworkIndex } from "./model.js";

export function checkRatingOnly(index: FrameworkIndex, r: Reporter): void {
  if ((index.framework.ratingScale ?? []).length > 0) return;
  for (const { competency } of index.competencies.values()) {
    for (const [level, cell] of Object.entries(competency.expectations)) {
      if (typeof cell !== "object" || !cell.ratings || Object.keys(cell.ratings).length === 0) continue;
      if (cell.statement !== undefined || cell.criteria?.length || cell.step !== undefined) continue;
      r.report(
        "rating-only-without-scale",
        cell,
        "ratings",
        `competency "${competency.id}" at "${level}" is written only as rating-band texts, but the framework has no ratingScale`,
        "declare the bands under ratingScale (lowest first), or add a statement",
      );
    }
  }
}
