/**
 * What changed in a person's framework since their last assessment: the structural diff between the
 * version the assessment is pinned to (its stored snapshot) and the loaded one, for the notice on their
 * pages (components/framework-changed.tsx lists the changes at their level and the next). Both versions are
 * compared as snapshots, so only what an assessment reads (levels, competencies, statements) counts; the
 * loaded version lends its migration map, so declared renames are not shown as a removal and an addition.
 */
import type { FrameworkSnapshot, Pick } from "../core/assessment.js";
import { diffFrameworks, type FrameworkDiff } from "../core/framework-diff.js";
import { type FrameworkIndex, indexFramework } from "../core/model.js";
import { frameworkOfSnapshot } from "../core/snapshot-framework.js";
import type { LoadedFramework } from "../load/registry.js";
import type { Store } from "../store/store.js";
import type { Assessment, AssessmentKind } from "../store/types.js";
import { liveSnapshot } from "./assessments.js";
import { carriedPicks, carrySteps } from "./carried-picks.js";

export interface ChangeSince {
  framework: string;
  diff: FrameworkDiff;
  /** The person's level and the levels that follow it, in the loaded version: ids and names. */
  levels: { id: string; name: string }[];
  /** The assessed version as people know it: its `version:` label, else the start of its hash. */
  since: string;
}

/** Diffs of one old snapshot against one loaded version, kept: every page view of everyone asks again. */
const diffs = new Map<string, FrameworkDiff>();
const KEPT_DIFFS = 32;

function diffSince(old: FrameworkSnapshot, current: FrameworkSnapshot, index: FrameworkIndex): FrameworkDiff {
  const key = `${old.framework}\0${old.version}\0${current.version}`;
  const kept = diffs.get(key);
  if (kept) return kept;
  const diff = diffFrameworks(
    indexFramework(frameworkOfSnapshot(old)),
    indexFramework(frameworkOfSnapshot(current, index.framework)),
  );
  if (diffs.size >= KEPT_DIFFS) diffs.delete(diffs.keys().next().value as string);
  diffs.set(key, diff);
  return diff;
}

/**
 * The changes since `assessment` (a submitted one) for a person at `level`, or undefined when it was made on
 * the loaded version, its snapshot is not stored, or it is a draft (a draft always reads the loaded one).
 */
export async function changesSince(
  store: Store,
  fw: LoadedFramework,
  index: FrameworkIndex,
  assessment: Assessment | undefined,
  level: string | null | undefined,
): Promise<ChangeSince | undefined> {
  if (assessment?.status !== "submitted" || assessment.framework !== fw.id) return undefined;
  if (assessment.frameworkVersion === fw.version) return undefined;
  const old = await store.snapshots.get(fw.id, assessment.frameworkVersion);
  if (!old) return undefined;
  const ids = level && index.levels.has(level) ? [level, ...(index.successors.get(level) ?? [])] : [];
  const levels = ids.map((id) => ({ id, name: index.levels.get(id)?.name ?? id }));
  return {
    framework: fw.id,
    diff: diffSince(old, liveSnapshot(fw, index), index),
    levels,
    since: old.label ?? old.version.slice(0, 12),
  };
}

/**
 * Where a new draft of `kind` starts when the person's latest submitted one of that kind was made on an
 * earlier version: its picks carried to the loaded version through the migration map (core/carry.ts), so a
 * new cycle after a framework change begins from what was said last time, under today's ids. Undefined when
 * there is no such assessment (a draft on the loaded version starts empty, as it always has).
 */
export async function carriedStart(
  store: Store,
  fw: LoadedFramework,
  index: FrameworkIndex,
  personId: string,
  kind: AssessmentKind,
): Promise<{ picks: Pick[]; from: Assessment } | undefined> {
  const latest = (await store.assessments.latestSubmitted([personId], kind)).get(personId);
  if (!latest || latest.framework !== fw.id || latest.frameworkVersion === fw.version) return undefined;
  const carried = carriedPicks(latest.picks, await carrySteps(store, fw, index, latest.frameworkVersion));
  // the form holds plain picks: how each came here is for the assessment page, not for the form's fields
  const picks = carried.picks.map(({ carried: _how, ...pick }) => pick);
  return picks.length > 0 ? { picks, from: latest } : undefined;
}
