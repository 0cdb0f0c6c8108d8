/**
 * The `repeated-criterion` rule (format 2): a criterion written again, word for word, in the same cell or
 * at the next level of the same competency. Where a level means "as before", the `unchanged: true` marker says so and carries
 * the earlier criteria forward; a copy is either that marker forgotten or a level that sets itself apart
 * from nothing.
 */
import { criteriaOf, previousLevel } from "./cells.js";
import type { Reporter } from "./lint-reporter.js";
import { sameText } from "./lint-same-text.js";
import { competencySpan, entryOf, expectationDetail, type FrameworkIndex } from "./model.js";

export function checkRepeats(index: FrameworkIndex, r: Reporter): void {
  for (const { competency, area } of index.competencies.values()) {
    const span = competencySpan(index, competency, area);
    for (const level of span) {
      const detail = expectationDetail(entryOf(competency.expectations, level));
      if (!detail?.criteria?.length) continue;
      // a copy within the cell (a cell holds at most 100 criteria, so comparing each with those before it is cheap)
      const own = criteriaOf(detail.criteria, level);
      own.forEach((criterion, i) => {
        if (own.findIndex((earlier) => sameText(earlier.text, criterion.text)) === i) return;
        r.report(
          "repeated-criterion",
          detail.criteria as object,
          i,
          `competency "${competency.id}" lists a criterion twice at "${level}"`,
          "remove the copy",
        );
      });
      const before = previousLevel(index, span, level);
      const earlier = before ? expectationDetail(entryOf(competency.expectations, before)) : undefined;
      const previous = criteriaOf(earlier?.criteria, before ?? level);
      if (previous.length === 0) continue;
      own.forEach((criterion, i) => {
        const copy = previous.find((p) => sameText(p.text, criterion.text));
        if (!copy) return;
        r.report(
          "repeated-criterion",
          detail.criteria as object,
          i,
          `competency "${competency.id}" repeats a criterion of "${before}" word for word at "${level}"`,
          detail.unchanged
            ? "this level already carries the earlier criteria forward (unchanged: true): remove the copy"
            : `write "unchanged: true" to carry "${before}"'s criteria forward and list only what is new`,
        );
      });
    }
  }
}
