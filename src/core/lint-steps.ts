/**
 * The `unknown-step` rule (format 2): an expectation (or a role's own cell) names a step its competency's
 * scale does not have, or the competency has no scale at all. A competency's `scale:` naming no scale of
 * the framework is an `unknown-reference`.
 */
import { scaleSteps } from "./cells.js";
import type { Reporter } from "./lint-reporter.js";
import type { FrameworkIndex } from "./model.js";
import { didYouMean } from "./text.js";

export function checkSteps(index: FrameworkIndex, r: Reporter): void {
  const scales = index.framework.scales ?? [];
  for (const { competency } of index.competencies.values()) {
    if (typeof competency.scale === "string" && !scales.some((s) => s.id === competency.scale)) {
      r.report(
        "unknown-reference",
        competency,
        "scale",
        `unknown scale "${competency.scale}"`,
        didYouMean(
          competency.scale,
          scales.map((s) => s.id),
          r.suggestions,
        ) ?? (scales.length ? `known: ${scales.map((s) => s.id).join(", ")}` : "no scale is declared"),
      );
      continue;
    }
    const steps = scaleSteps(index, competency);
    const ids = steps?.map((s) => s.id) ?? [];
    const check = (owner: object, step: string | undefined) => {
      if (step === undefined || ids.includes(step)) return;
      r.report(
        "unknown-step",
        owner,
        "step",
        steps
          ? `the scale of competency "${competency.id}" has no step "${step}"`
          : `competency "${competency.id}" has no scale, so step "${step}" names nothing`,
        steps
          ? (didYouMean(step, ids, r.suggestions) ?? `its steps: ${ids.join(", ")}`)
          : 'give the competency a scale: "scale: <id of a scale>" or its own steps',
      );
    };
    for (const cell of Object.values(competency.expectations)) {
      if (typeof cell !== "object") continue;
      check(cell, cell.step);
      for (const own of Object.values(cell.roles ?? {})) check(own, own.step);
    }
  }
}
