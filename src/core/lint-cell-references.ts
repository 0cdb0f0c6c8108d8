/**
 * `unknown-reference` for the ids format 2 adds: a role cell's key (a role or role family id), a
 * criterion's rating bands, and the levels of the points rule.
 */
import type { Reporter } from "./lint-reporter.js";
import type { FrameworkIndex } from "./model.js";
import { didYouMean } from "./text.js";

export function checkCellReferences(index: FrameworkIndex, r: Reporter): void {
  const fw = index.framework;
  const bands = (fw.ratingScale ?? []).map((b) => b.id);
  const owners = [...index.roles.keys(), ...(fw.families ?? []).map((f) => f.id)];
  const keys = (kind: string, known: readonly string[], record: object | undefined) => {
    for (const id of Object.keys(record ?? {})) {
      if (known.includes(id)) continue;
      r.report(
        "unknown-reference",
        record as object,
        id,
        `unknown ${kind} "${id}"`,
        didYouMean(id, known, r.suggestions) ?? (known.length ? undefined : `no ${kind} is declared`),
        "key",
      );
    }
  };
  for (const { competency } of index.competencies.values()) {
    for (const cell of Object.values(competency.expectations)) {
      if (typeof cell !== "object") continue;
      keys("role or role family", owners, cell.roles);
      const criteria = [
        ...(cell.criteria ?? []),
        ...Object.values(cell.roles ?? {}).flatMap((o) => o.criteria ?? []),
      ];
      for (const criterion of criteria)
        if (typeof criterion === "object") keys("rating band", bands, criterion.ratings);
      for (const own of Object.values(cell.roles ?? {})) keys("rating band", bands, own.ratings);
    }
  }
  keys("level", [...index.levels.keys()], fw.points?.levels);
}
