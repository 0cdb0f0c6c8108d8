/**
 * What a person's place (their framework, level and track) is assessed on: the one rule the assessment
 * form, submitting, the profile's gaps, the team views and calibration share. A competency is part of a
 * place when it asks something (an applicable expectation) at one of the place's levels: every level of the
 * place's track (the person's own track, else their level's) and their own level. The others, such as
 * "Managing people" for a senior heading for the IC track, may still be picked, but are optional and never a
 * gap. Read from a snapshot, so an assessment made on an earlier version is read by the same rule.
 */

/** What the rule reads of a framework snapshot (core/assessment.ts): levels by track, where each competency asks. */
export interface PlaceFramework {
  levels: readonly { id: string; track: string }[];
  /** Each competency's applicable expectations by level id. */
  competencies: readonly { id: string; expectations: Readonly<Record<string, string>> }[];
}

/** Where a person stands in a framework: their level and their track, either may be unset. */
export interface Place {
  level: string | null;
  track: string | null;
}

/** The levels a place is assessed along; undefined when the place names neither a known level nor track. */
export function placeLevels(s: PlaceFramework, place: Place): Set<string> | undefined {
  const level = s.levels.find((l) => l.id === place.level);
  const track = s.levels.some((l) => l.track === place.track) ? place.track : level?.track;
  if (track === undefined || track === null) return undefined;
  const levels = new Set(s.levels.filter((l) => l.track === track).map((l) => l.id));
  if (level) levels.add(level.id);
  return levels;
}

/**
 * The ids of the competencies a place is assessed on, in reading order; every competency when the place
 * says nothing (no level and no track yet: nothing to leave out).
 */
export function assessedOn(s: PlaceFramework, place: Place): Set<string> {
  const levels = placeLevels(s, place);
  const asks = (c: PlaceFramework["competencies"][number]) =>
    levels === undefined || Object.keys(c.expectations).some((id) => levels.has(id));
  return new Set(s.competencies.filter(asks).map((c) => c.id));
}

/**
 * A profile's gaps and competencies not picked, kept to what the place is assessed on; the others as
 * `optional`, in reading order (a pick above the target stays a strength wherever it is).
 */
export function keptToPlace<G extends { competency: string }>(
  s: PlaceFramework,
  place: Place,
  found: { gaps: G[]; unpicked: string[] },
): { gaps: G[]; unpicked: string[]; optional: string[] } {
  const required = assessedOn(s, place);
  return {
    gaps: found.gaps.filter((g) => required.has(g.competency)),
    unpicked: found.unpicked.filter((id) => required.has(id)),
    optional: s.competencies.flatMap((c) => (required.has(c.id) ? [] : [c.id])),
  };
}
