/**
 * Assessment math: the frozen framework an assessment is measured against (a snapshot), a person's jagged
 * profile against their current and a target level, what changed between two assessments (including the
 * framework itself), the team heatmap and per-manager calibration.
 *
 * Pure: no I/O, no Node imports. Levels compare by rank (src/core/ladder-layout.ts `levelRanks`), so a pick
 * on one track is measured against a level on another; the gap math is the mirror's (src/core/mirror.ts).
 */
import { cellExtras, criteriaOf, roleCriteriaWritten, roleOrFamilyName } from "./cells.js";
import { levelRanks } from "./ladder-layout.js";
import { type MapEntry, mapEntries, migrationMap } from "./migration.js";
import { defaultTarget, type MirrorData, type MirrorGap, type MirrorStrength, mirrorGaps } from "./mirror.js";
import { displayName, entryOf, expectationDetail, type FrameworkIndex } from "./model.js";
import { keptToPlace } from "./place.js";

/** What an assessment is measured against: a framework at one content version, frozen. Stored per version. */
export interface FrameworkSnapshot {
  /** The framework's id. */
  framework: string;
  /** The registry's content hash (LoadedFramework.version). */
  version: string;
  /** The framework's own `version:` text, if any. */
  label?: string;
  name: string;
  /** In level order (roots first, each after the levels it follows). */
  levels: { id: string; name: string; rank: number; track: string; next: string[] }[];
  /** In reading order. */
  competencies: {
    id: string;
    name: string;
    area: string;
    areaName: string;
    /** Level id → statement, for the levels where the competency has an applicable one. */
    expectations: Record<string, string>;
    /** Level id → ids of the rating bands that have text there, where the framework has a rating scale. */
    bands?: Record<string, string[]>;
    /**
     * Level id → the criteria written at that level (format 2), by the key assessments name them with; only
     * where the competency has criteria. Snapshots frozen before criteria existed have none.
     */
    criteria?: Record<string, SnapshotCriterion[]>;
  }[];
  /** The framework's rating scale, lowest first, if it has one. */
  bands?: { id: string; name: string }[];
  /**
   * This version's migration map for competencies and levels (what became of its predecessor's ids), so an
   * assessment two or more versions old is carried through every map between (core/carry.ts). Absent from
   * snapshots stored before it was kept.
   */
  migration?: MapEntry[];
}

/**
 * A criterion as a snapshot keeps it: its key, its text and, for one a role's (or family's) own cell adds,
 * that role's name (snapshots frozen before role criteria were kept have only the shared ones).
 */
export interface SnapshotCriterion {
  key: string;
  text: string;
  role?: string;
}

/**
 * A criterion (format 2) the assessment says was shown: the level it is written at and its key there
 * (CriterionView.key; a file may give one id to a criterion reworded at each level), with optional evidence.
 */
export interface CriterionShown {
  level: string;
  criterion: string;
  evidence: string;
}

/** One competency of an assessment: the level whose expectation describes the person (null = not picked). */
export interface Pick {
  competency: string;
  level: string | null;
  band?: string | null;
  evidence?: string;
  links?: string[];
  /** The criteria ticked as shown, in the framework's order (only where the competency has criteria). */
  criteria?: CriterionShown[];
  /** The author's comment on this competency for the review (the person's, or the manager's when agreeing). */
  comment?: string;
}

/** One competency of a profile. Rank differences are pick − current and pick − target. */
export interface ProfileRow {
  competency: string;
  name: string;
  /** The area's id. */
  area: string;
  /** The picked level; null when not picked or when the snapshot has no such level. */
  pick: string | null;
  pickRank: number | null;
  currentRank: number | null;
  targetRank: number;
  vsCurrent: number | null;
  vsTarget: number | null;
}

/** Where to push next: a competency with a gap, and the target level's expectation for it. */
export interface PushNext {
  competency: string;
  name: string;
  gap: number;
  expectation: string;
}

/** The jagged profile: each pick against the current level and a target level. */
export interface Profile {
  current: string | null;
  target: string;
  /** In the framework's reading order. */
  rows: ProfileRow[];
  /** Largest gap first; ties in reading order. */
  gaps: MirrorGap[];
  /** At or above the target, furthest ahead first. */
  strengths: MirrorStrength[];
  /** Competency ids the place is assessed on without a (known) pick, in reading order. */
  unpicked: string[];
  /** Competency ids the place is not assessed on (core/place.ts): never a gap, never unpicked. */
  optional: string[];
  /** The weakest competencies (largest gaps, up to 3) that have an expectation at the target. */
  pushNext: PushNext[];
}

/** An assessment's picks (competency id → level id) with the snapshot they were made against. */
export interface SnapshotPicks {
  snapshot: FrameworkSnapshot;
  picks: ReadonlyMap<string, string>;
}

/** A competency whose pick differs between two assessments. */
export interface PickChange {
  competency: string;
  name: string;
  from: string | null;
  to: string | null;
  /**
   * Ranks moved, both measured in the later snapshot; null when either side is not picked or the earlier
   * pick's level no longer exists.
   */
  delta: number | null;
}

/** An expectation whose statement differs between two framework versions (null = none at that level). */
export interface ExpectationChange {
  competency: string;
  name: string;
  level: string;
  before: string | null;
  after: string | null;
}

export interface FrameworkChanges {
  changedExpectations: ExpectationChange[];
  /** Competencies of the earlier snapshot that the later one no longer has. */
  removed: { id: string; name: string }[];
  /** Competencies that are new in the later snapshot. */
  added: { id: string; name: string }[];
}

export interface AssessmentChanges {
  changed: PickChange[];
  /** Competencies picked at the same level both times. */
  unchanged: string[];
  /** Null when both assessments used the same framework version. */
  framework: FrameworkChanges | null;
}

export interface TeamMember {
  personId: string;
  name: string;
  /** The person's own level. */
  level: string | null;
  /** False when the person has no assessment (in the cycle looked at). */
  assessed: boolean;
  picks: ReadonlyMap<string, string>;
}

/** Pick rank − the person's own level rank; null when not picked or either level is unknown. */
export interface HeatCell {
  competency: string;
  delta: number | null;
}

export interface HeatRow {
  personId: string;
  name: string;
  level: string | null;
  /** One per competency, in reading order. */
  cells: HeatCell[];
  /** Picked at or above their next level in every competency that has an expectation there. */
  meetsNext: boolean;
}

export const HEAT_BUCKETS = ["-2-", "-1", "0", "+1", "+2+"] as const;
export type HeatBucket = (typeof HEAT_BUCKETS)[number];

export interface TeamHeatmap {
  /** One per member, in the order given. */
  rows: HeatRow[];
  /** Per competency (reading order), how many picks fall in each delta bucket; every bucket present. */
  distribution: { competency: string; counts: Record<HeatBucket, number> }[];
  /** Person ids of members without an assessment, in the order given. */
  unassessed: string[];
}

/** One competency assessed by both the person (self) and their manager, as level ranks. */
export interface CalibrationPair {
  managerId: string;
  managerName: string;
  self: number;
  manager: number;
}

export interface CalibrationRow {
  managerId: string;
  managerName: string;
  pairs: number;
  /** Mean of manager rank − self rank: above 0 the manager rates higher than people rate themselves. */
  meanDelta: number;
  higher: number;
  lower: number;
  same: number;
}

// ---------------------------------------------------------------------------------------------------------

/** Freezes what assessments need of a framework: levels with ranks, statements, rating bands. */
export function snapshotOf(index: FrameworkIndex, version: string): FrameworkSnapshot {
  const { framework } = index;
  const ranks = levelRanks(index);
  const scale = framework.ratingScale ?? [];
  const scaleIds = scale.map((b) => b.id);
  const snapshot: FrameworkSnapshot = {
    framework: framework.id,
    version,
    ...(framework.version !== undefined ? { label: framework.version } : {}),
    name: framework.name,
    levels: index.levelOrder.map((id) => {
      const level = index.levels.get(id);
      return {
        id,
        name: level?.name ?? id,
        rank: ranks.get(id) ?? 0,
        track: level?.track ?? "",
        next: [...(index.successors.get(id) ?? [])],
      };
    }),
    competencies: [...index.competencies.values()].map(({ competency, area }) => {
      const expectations: Record<string, string> = {};
      const bands: Record<string, string[]> = {};
      // level order, and only levels the framework has (the linter reports the others)
      const criteria: Record<string, SnapshotCriterion[]> = {};
      for (const level of index.levelOrder) {
        const detail = expectationDetail(entryOf(competency.expectations, level));
        if (!detail || detail.notApplicable) continue;
        // a cell written only as criteria, a step or rating bands is pickable by the text that stands for it
        const text = detail.statement || cellExtras(index, competency.id, level).text;
        if (text) expectations[level] = text;
        const rated = scaleIds.filter((b) => entryOf(detail.ratings, b));
        if (rated.length) bands[level] = rated;
        // every role's own criteria too: a tick names only the level and the key, whoever's criterion it is
        const written = [...criteriaOf(detail.criteria, level), ...roleCriteriaWritten(detail, level)].map(
          (c) => ({ key: c.key, text: c.text, ...(c.role ? { role: roleOrFamilyName(index, c.role) } : {}) }),
        );
        if (written.length) criteria[level] = written;
      }
      return {
        id: competency.id,
        name: displayName(competency),
        area: area.id,
        areaName: displayName(area),
        expectations,
        ...(scale.length ? { bands } : {}),
        ...(Object.keys(criteria).length ? { criteria } : {}),
      };
    }),
    ...(scale.length ? { bands: scale.map((b) => ({ id: b.id, name: b.name })) } : {}),
    migration: mapEntries(migrationMap(framework)),
  };
  return snapshot;
}

/** The snapshot as the mirror's gap math sees it (for mirrorGaps and defaultTarget). */
export function mirrorDataOf(s: FrameworkSnapshot): MirrorData {
  return {
    levels: s.levels.map((l) => ({ id: l.id, rank: l.rank, track: l.track, next: l.next })),
    competencies: s.competencies.map((c) => ({ id: c.id, expectations: c.expectations })),
  };
}

type SnapshotLevel = FrameworkSnapshot["levels"][number];

/** Level id → the level after it: a successor on the same track if there is one, else the first successor. */
function nextLevels(s: FrameworkSnapshot): Map<string, SnapshotLevel> {
  const byId = new Map(s.levels.map((l) => [l.id, l]));
  const next = new Map<string, SnapshotLevel>();
  for (const level of s.levels) {
    const successors = level.next.flatMap((id) => byId.get(id) ?? []);
    const found = successors.find((l) => l.track === level.track) ?? successors[0];
    if (found) next.set(level.id, found);
  }
  return next;
}

function rankMap(s: FrameworkSnapshot): Map<string, number> {
  return new Map(s.levels.map((l) => [l.id, l.rank]));
}

/**
 * The jagged profile. `target` defaults to the level after `current` (same track first); when there is no
 * current level, or it is the top of the ladder, to the mirror's default for the picks. An unknown `target`
 * is treated as absent, so `profile.target` says which level was used. Picks of unknown competencies or
 * levels count as not picked; gaps are kept to what `current` on `track` asks (core/place.ts). Throws a RangeError only for a snapshot without levels.
 */
export function profileOf(
  s: FrameworkSnapshot,
  picks: ReadonlyMap<string, string>,
  current: string | null,
  target?: string,
  track: string | null = null,
): Profile {
  const data = mirrorDataOf(s);
  const rank = rankMap(s);
  const known = (id: string | null | undefined): id is string => id != null && rank.has(id);
  const aim =
    (known(target) ? target : undefined) ??
    (known(current) ? nextLevels(s).get(current)?.id : undefined) ??
    defaultTarget(data, picks) ??
    // the mirror shows no target before any pick; a profile needs one, and with nothing known it is the first level
    data.levels[0]?.id;
  if (aim === undefined) throw new RangeError(`framework "${s.framework}" has no levels`);
  const targetRank = rank.get(aim) ?? 0;
  const currentRank = known(current) ? (rank.get(current) ?? null) : null;
  const rows: ProfileRow[] = s.competencies.map((c) => {
    const picked = picks.get(c.id);
    const pick = known(picked) ? picked : null;
    const pickRank = pick === null ? null : (rank.get(pick) ?? null);
    return {
      competency: c.id,
      name: c.name,
      area: c.area,
      pick,
      pickRank,
      currentRank,
      targetRank,
      vsCurrent: pickRank === null || currentRank === null ? null : pickRank - currentRank,
      vsTarget: pickRank === null ? null : pickRank - targetRank,
    };
  });
  const { strengths, ...found } = mirrorGaps(data, picks, aim);
  const { gaps, unpicked, optional } = keptToPlace(s, { level: current, track }, found);
  const names = new Map(s.competencies.map((c) => [c.id, c.name]));
  const pushNext = gaps
    .flatMap((g) =>
      g.expectation
        ? [
            {
              competency: g.competency,
              name: names.get(g.competency) ?? g.competency,
              gap: g.gap,
              expectation: g.expectation,
            },
          ]
        : [],
    )
    .slice(0, 3);
  const place = known(current) ? current : null;
  return { current: place, target: aim, rows, gaps, strengths, unpicked, optional, pushNext };
}

/**
 * What changed from one assessment to a later one. Competencies are listed in the later snapshot's reading
 * order, then those only the earlier one has, then any other picked ids (nothing is dropped). When the two
 * snapshots differ, the framework changes come too: statements that changed per competency and level
 * (including ones that appeared or went away), and competencies removed and added.
 */
export function changesBetween(before: SnapshotPicks, after: SnapshotPicks): AssessmentChanges {
  const rank = rankMap(after.snapshot);
  const names = new Map<string, string>();
  for (const c of before.snapshot.competencies) names.set(c.id, c.name);
  for (const c of after.snapshot.competencies) names.set(c.id, c.name);
  const ids = new Set<string>([
    ...after.snapshot.competencies.map((c) => c.id),
    ...before.snapshot.competencies.map((c) => c.id),
    ...before.picks.keys(),
    ...after.picks.keys(),
  ]);
  const changed: PickChange[] = [];
  const unchanged: string[] = [];
  for (const id of ids) {
    const from = before.picks.get(id) ?? null;
    const to = after.picks.get(id) ?? null;
    if (from === to) {
      if (from !== null) unchanged.push(id);
      continue;
    }
    const fromRank = from === null ? undefined : rank.get(from);
    const toRank = to === null ? undefined : rank.get(to);
    changed.push({
      competency: id,
      name: names.get(id) ?? id,
      from,
      to,
      delta: fromRank === undefined || toRank === undefined ? null : toRank - fromRank,
    });
  }
  return { changed, unchanged, framework: frameworkChanges(before.snapshot, after.snapshot) };
}

function frameworkChanges(a: FrameworkSnapshot, b: FrameworkSnapshot): FrameworkChanges | null {
  if (a.framework === b.framework && a.version === b.version) return null;
  const earlier = new Map(a.competencies.map((c) => [c.id, c]));
  const later = new Set(b.competencies.map((c) => c.id));
  const levelOrder = [...new Set([...b.levels.map((l) => l.id), ...a.levels.map((l) => l.id)])];
  const changedExpectations: ExpectationChange[] = [];
  for (const c of b.competencies) {
    const old = earlier.get(c.id);
    if (!old) continue;
    const levels = new Set([...levelOrder, ...Object.keys(old.expectations), ...Object.keys(c.expectations)]);
    for (const level of levels) {
      const was = entryOf(old.expectations, level) ?? null;
      const now = entryOf(c.expectations, level) ?? null;
      if (was !== now)
        changedExpectations.push({ competency: c.id, name: c.name, level, before: was, after: now });
    }
  }
  return {
    changedExpectations,
    removed: a.competencies.filter((c) => !later.has(c.id)).map((c) => ({ id: c.id, name: c.name })),
    added: b.competencies.filter((c) => !earlier.has(c.id)).map((c) => ({ id: c.id, name: c.name })),
  };
}

function bucketOf(delta: number): HeatBucket {
  if (delta <= -2) return "-2-";
  if (delta >= 2) return "+2+";
  return delta === -1 ? "-1" : delta === 1 ? "+1" : "0";
}

/**
 * People × competencies, each pick relative to the person's own level; the distribution of those deltas per
 * competency; who meets their next level; who has no assessment. A person meets their next level when they
 * are assessed, have a next level that has at least one expectation, and are picked at or above its rank in
 * every competency with an expectation there.
 */
export function teamHeatmap(s: FrameworkSnapshot, members: readonly TeamMember[]): TeamHeatmap {
  const rank = rankMap(s);
  const next = nextLevels(s);
  const counts = s.competencies.map(() => ({ "-2-": 0, "-1": 0, "0": 0, "+1": 0, "+2+": 0 }));
  const rows: HeatRow[] = [];
  const unassessed: string[] = [];
  for (const member of members) {
    if (!member.assessed) unassessed.push(member.personId);
    const own = member.level === null ? undefined : rank.get(member.level);
    const nextLevel = member.level === null ? undefined : next.get(member.level);
    let expected = 0;
    let met = 0;
    const cells = s.competencies.map((c, i): HeatCell => {
      const picked = member.picks.get(c.id);
      const pickRank = picked === undefined ? undefined : rank.get(picked);
      if (nextLevel && entryOf(c.expectations, nextLevel.id) !== undefined) {
        expected++;
        if (pickRank !== undefined && pickRank >= nextLevel.rank) met++;
      }
      if (pickRank === undefined || own === undefined) return { competency: c.id, delta: null };
      const delta = pickRank - own;
      const bucket = counts[i];
      if (bucket) bucket[bucketOf(delta)]++;
      return { competency: c.id, delta };
    });
    rows.push({
      personId: member.personId,
      name: member.name,
      level: member.level,
      cells,
      meetsNext: member.assessed && expected > 0 && met === expected,
    });
  }
  return {
    rows,
    distribution: s.competencies.map((c, i) => ({
      competency: c.id,
      counts: counts[i] ?? { "-2-": 0, "-1": 0, "0": 0, "+1": 0, "+2+": 0 },
    })),
    unassessed,
  };
}

/**
 * What a database needs to compute teamHeatmap's deltas and `meetsNext` itself (team views at 10,000
 * people): each level's rank, and for each level the competencies its next level expects with that level's
 * rank (a pick must reach it). Same rule as teamHeatmap: a test holds the two together.
 */
export function teamScalesOf(s: FrameworkSnapshot): {
  ranks: { framework: string; level: string; rank: number }[];
  needs: { framework: string; level: string; competency: string; rank: number }[];
  criteria: { framework: string; competency: string; level: string; count: number }[];
} {
  const next = nextLevels(s);
  const ranks = s.levels.map((l) => ({ framework: s.framework, level: l.id, rank: l.rank }));
  const needs = s.levels.flatMap((level) => {
    const up = next.get(level.id);
    if (!up) return [];
    return s.competencies
      .filter((c) => entryOf(c.expectations, up.id) !== undefined)
      .map((c) => ({ framework: s.framework, level: level.id, competency: c.id, rank: up.rank }));
  });
  return { ranks, needs, criteria: criteriaCounts(s) };
}

/**
 * The "of N" of the team heatmap's "shown k of N" (docs/assessments.md): per competency and level, how many
 * criteria (format 2) the level writes for everyone, the shared ones the assessment form offers at it to
 * any role (a role's own are written per role, and a team's sums are not kept per role). Only levels with
 * some.
 */
function criteriaCounts(s: FrameworkSnapshot) {
  return [...criteriaWritten(s)].flatMap(([competency, levels]) =>
    [...levels].map(([level, count]) => ({ framework: s.framework, competency, level, count })),
  );
}

/**
 * Competency id → level id → the criteria the level writes for everyone (criteriaCounts' rule), where
 * some: worked out once per view, then read for each person (criteriaShownOf).
 */
export function criteriaWritten(s: FrameworkSnapshot): Map<string, Map<string, number>> {
  const made = new Map<string, Map<string, number>>();
  for (const c of s.competencies) {
    const levels = new Map<string, number>();
    for (const [level, list] of Object.entries(c.criteria ?? {})) {
      const count = list.filter((criterion) => criterion.role === undefined).length;
      if (count) levels.set(level, count);
    }
    if (levels.size) made.set(c.id, levels);
  }
  return made;
}

/**
 * One person's "shown k of N" per competency (the team table, its JSON and CSV): for each pick whose level
 * writes criteria for everyone, the ticks at that level (`shown`, at most N, as a team's cell says) of the
 * N it writes (`written`: criteriaWritten of the framework); the heatmap by team adds the same numbers
 * over a team.
 */
export function criteriaShownOf(
  written: ReadonlyMap<string, ReadonlyMap<string, number>>,
  picks: ReadonlyMap<string, string>,
  shown: ReadonlyMap<string, number>,
): Map<string, { shown: number; of: number }> {
  const out = new Map<string, { shown: number; of: number }>();
  for (const [competency, level] of picks) {
    const of = written.get(competency)?.get(level);
    if (of) out.set(competency, { shown: Math.min(shown.get(competency) ?? 0, of), of });
  }
  return out;
}

/**
 * Per manager, how their picks compare with their reports' own: the number of (self, manager) pairs, the
 * mean of manager rank − self rank, and how often higher, lower, the same. Raters furthest from their
 * reports come first (|meanDelta| descending), then by name and id.
 */
export function calibration(pairs: readonly CalibrationPair[]): CalibrationRow[] {
  const byManager = new Map<string, CalibrationRow & { sum: number }>();
  for (const p of pairs) {
    let row = byManager.get(p.managerId);
    if (!row) {
      row = {
        managerId: p.managerId,
        managerName: p.managerName,
        pairs: 0,
        meanDelta: 0,
        higher: 0,
        lower: 0,
        same: 0,
        sum: 0,
      };
      byManager.set(p.managerId, row);
    }
    const delta = p.manager - p.self;
    row.pairs++;
    row.sum += delta;
    if (delta > 0) row.higher++;
    else if (delta < 0) row.lower++;
    else row.same++;
  }
  return [...byManager.values()]
    .map(({ sum, ...row }) => ({ ...row, meanDelta: sum / row.pairs }))
    .sort(
      (a, b) =>
        Math.abs(b.meanDelta) - Math.abs(a.meanDelta) ||
        a.managerName.localeCompare(b.managerName, "en") ||
        (a.managerId < b.managerId ? -1 : a.managerId > b.managerId ? 1 : 0),
    );
}
