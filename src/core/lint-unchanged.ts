/**
 * The `unchanged-without-previous` rule (format 2): `unchanged: true` on a cell at the first level its
 * competency spans. There is no earlier expectation to carry forward, so the marker says nothing and the
 * cell holds only what is written beside it.
 */
import { previousLevel } from "./cells.js";
import type { Reporter } from "./lint-reporter.js";
import { competencySpan, entryOf, expectationDetail, type FrameworkIndex } from "./model.js";

export function checkUnchanged(index: FrameworkIndex, r: Reporter): void {
  for (const { competency, area } of index.competencies.values()) {
    const span = competencySpan(index, competency, area);
    for (const level of span) {
      const cell = expectationDetail(entryOf(competency.expectations, level));
      if (!cell?.unchanged || typeof cell !== "object" || previousLevel(index, span, level) !== undefined)
        continue;
      r.report(
        "unchanged-without-previous",
        cell,
        "unchanged",
        `competency "${competency.id}" marks "${level}" unchanged, but spans no level before it`,
        "remove unchanged: true and write the expectation out",
      );
    }
  }
}
