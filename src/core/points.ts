/**
 * Placement by points (format 2 `points:`): each competency's step is worth the points its scale gives
 * it, the total over the competencies reaches a level, the highest whose total is met. Pure.
 */
import { scaleSteps } from "./cells.js";
import { entryOf, type FrameworkIndex } from "./model.js";

export interface PointsPlacement {
  total: number;
  /** The highest level the total reaches, or undefined when it reaches none (or there is no rule). */
  level?: string;
  /** The next level up and the points still missing to reach it. */
  next?: { level: string; missing: number };
}

/** Places `picks` (competency id → step id); unknown competencies and steps count nothing. */
export function placeByPoints(index: FrameworkIndex, picks: ReadonlyMap<string, string>): PointsPlacement {
  let total = 0;
  for (const [competency, step] of picks) {
    const ref = index.competencies.get(competency);
    const found = ref ? scaleSteps(index, ref.competency)?.find((s) => s.id === step) : undefined;
    total += found?.points ?? 0;
  }
  const thresholds = Object.keys(index.framework.points?.levels ?? {})
    .filter((id) => index.levels.has(id))
    .map((id) => ({ id, points: entryOf(index.framework.points?.levels, id) ?? 0 }))
    .sort((a, b) => a.points - b.points);
  const reached = thresholds.filter((t) => t.points <= total).at(-1);
  const above = thresholds.find((t) => t.points > total);
  return {
    total,
    ...(reached ? { level: reached.id } : {}),
    ...(above ? { next: { level: above.id, missing: above.points - total } } : {}),
  };
}
