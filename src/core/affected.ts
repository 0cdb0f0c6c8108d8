/**
 * Who a framework change touches, as counts (never names): per level the diff touches (the level itself or
 * an expectation written for it), the people at it and the open assessments for it; per competency the diff
 * touches, the people at the levels where it changed (every level when the competency itself changed) and
 * the open assessments with a pick on it. Counts are keyed by the OLD ids, the ones people and drafts carry.
 * Pure: the store supplies the counts.
 */
import type { FrameworkChange, FrameworkDiff } from "./framework-diff.js";

export interface AffectedInput {
  peopleByLevel: ReadonlyMap<string, number>;
  openByLevel: ReadonlyMap<string, number>;
  openByCompetency: ReadonlyMap<string, number>;
}

export interface AffectedRow {
  id: string;
  people: number;
  openAssessments: number;
}

export interface Affected {
  levels: AffectedRow[];
  competencies: AffectedRow[];
}

type OldId = (kind: "level" | "competency", id: string) => string;

/** The old ids of what a change is about (renamed: `from`), split into competency and level for cells. */
function about(change: FrameworkChange, old: OldId): { competency?: string; level?: string } {
  const id = change.from ?? change.id;
  if (change.kind === "level") return { level: id };
  if (change.kind === "competency") return { competency: id };
  if (change.kind !== "expectation" && change.kind !== "criterion") return {};
  const [competency = "", rest = ""] = change.id.split("@");
  return { competency: old("competency", competency), level: old("level", rest.split("#")[0] ?? "") };
}

export function affectedBy(diff: FrameworkDiff, input: AffectedInput): Affected {
  // cells are named by the new ids; people and drafts still carry the old ones
  const renamed = new Map(
    diff.changes
      .filter((c) => c.change === "renamed" && c.from)
      .map((c) => [`${c.kind}\0${c.id}`, c.from as string]),
  );
  const old: OldId = (kind, id) => renamed.get(`${kind}\0${id}`) ?? id;
  const levels = new Set<string>();
  const cellLevels = new Map<string, Set<string> | "all">();
  for (const change of diff.changes) {
    const { competency, level } = about(change, old);
    if (level !== undefined) levels.add(level);
    if (competency === undefined) continue;
    const known = cellLevels.get(competency) ?? new Set<string>();
    if (level === undefined || known === "all") cellLevels.set(competency, "all");
    else cellLevels.set(competency, known.add(level));
  }
  const sum = (ids: Iterable<string>) =>
    [...ids].reduce((n, id) => n + (input.peopleByLevel.get(id) ?? 0), 0);
  return {
    levels: [...levels].map((id) => ({
      id,
      people: input.peopleByLevel.get(id) ?? 0,
      openAssessments: input.openByLevel.get(id) ?? 0,
    })),
    competencies: [...cellLevels].map(([id, at]) => ({
      id,
      people: sum(at === "all" ? input.peopleByLevel.keys() : at),
      openAssessments: input.openByCompetency.get(id) ?? 0,
    })),
  };
}
