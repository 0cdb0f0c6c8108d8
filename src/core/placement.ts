/**
 * Where a person sits in the frameworks: the framework, track, level and role ids stored on them. Ids
 * belong to one framework, so a track, level or role needs the framework it is from. Checked against the
 * loaded frameworks wherever people are written from outside (CLI, CSV import), with a suggestion for a typo.
 */
import type { FrameworkIndex } from "./model.js";
import { didYouMean } from "./text.js";
import { tracksOfLevel } from "./tracks.js";

export interface Placement {
  framework?: string | null | undefined;
  track?: string | null | undefined;
  level?: string | null | undefined;
  role?: string | null | undefined;
}

export type PlacementField = keyof Placement;

export interface PlacementProblem {
  code:
    | "unknown-framework"
    | "unknown-track"
    | "unknown-level"
    | "unknown-role"
    | "framework-required"
    | "level-off-track";
  field: PlacementField;
  message: string;
}

/** Shown in full up to this many ids; a longer list is cut short (the hint names the nearest one anyway). */
const IDS_SHOWN = 12;

function listIds(kind: string, ids: readonly string[]): string {
  if (ids.length === 0) return `it has no ${kind}`;
  const shown = ids.slice(0, IDS_SHOWN).join(", ");
  return `${kind}: ${shown}${ids.length > IDS_SHOWN ? `, … (${ids.length} in all)` : ""}`;
}

const given = (value: string | null | undefined): string | undefined => {
  const text = value?.trim();
  return text ? text : undefined;
};

/**
 * Every problem with a placement; none when it is empty or every id is known. Blank values mean "none" and
 * are fine. `fallbackFramework` is the framework to read track, level and role against when the placement
 * itself names none (an existing person's stored framework, when an import leaves that column out).
 */
export function checkPlacement(
  frameworks: ReadonlyMap<string, FrameworkIndex>,
  placement: Placement,
  fallbackFramework?: string | null,
): PlacementProblem[] {
  const problems: PlacementProblem[] = [];
  const frameworkId = given(placement.framework) ?? given(fallbackFramework);
  const parts = (["track", "level", "role"] as const).filter(
    (field) => given(placement[field]) !== undefined,
  );

  if (frameworkId === undefined) {
    for (const field of parts) {
      problems.push({
        code: "framework-required",
        field,
        message: `a ${field} needs its framework (${[...frameworks.keys()].join(", ") || "none loaded"}): ids belong to one framework`,
      });
    }
    return problems;
  }
  const index = frameworks.get(frameworkId);
  if (!index) {
    const hint = didYouMean(frameworkId, frameworks.keys()) ?? listIds("frameworks", [...frameworks.keys()]);
    problems.push({
      code: "unknown-framework",
      field: given(placement.framework) ? "framework" : (parts[0] ?? "framework"),
      message: `no framework "${frameworkId}" is loaded; ${hint}`,
    });
    return problems;
  }
  const lookups = {
    track: { code: "unknown-track", kind: "tracks", ids: index.tracks },
    level: { code: "unknown-level", kind: "levels", ids: index.levels },
    role: { code: "unknown-role", kind: "roles", ids: index.roles },
  } as const;
  for (const field of parts) {
    const id = given(placement[field]) as string;
    const { code, kind, ids } = lookups[field];
    if (ids.has(id)) continue;
    const hint = didYouMean(id, ids.keys()) ?? listIds(kind, [...ids.keys()]);
    problems.push({ code, field, message: `no ${field} "${id}" in ${frameworkId}; ${hint}` });
  }
  if (problems.length === 0) problems.push(...offTrack(index, placement));
  return problems;
}

/**
 * A level that is not on the track given (track `ic` with a management level): the person would be read on
 * a path their level is not on. Said at the track, naming the tracks the level is on.
 */
function offTrack(index: FrameworkIndex, placement: Placement): PlacementProblem[] {
  const track = given(placement.track);
  const level = given(placement.level);
  if (track === undefined || level === undefined) return [];
  const on = tracksOfLevel(index, level);
  if (on.includes(track)) return [];
  const names = on.map((id) => `${id} (${index.tracks.get(id)?.name ?? id})`).join(", ");
  return [
    {
      code: "level-off-track",
      field: "track",
      message: `the level "${level}" is not on the track "${track}"; it is on ${on.length === 1 ? "the track" : "the tracks"} ${names || "none"}`,
    },
  ];
}
