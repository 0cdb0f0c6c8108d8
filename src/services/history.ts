/**
 * A person's history read continuously across framework versions (issue 16 item 4): every round on the
 * loaded version, rounds made on earlier versions carried through the migration map (carried-picks.ts), so a
 * competency is followed through renames, splits and merges instead of ending in one column and starting
 * again in the next; where the version changed between two rounds is said, for the chart's mark and the
 * table. Competencies retired since keep a line of their own up to the round that last had them.
 */
import { type AssessmentChanges, changesBetween, type FrameworkSnapshot } from "../core/assessment.js";
import { successors } from "../core/migration.js";
import type { Store } from "../store/store.js";
import { type Assessed, type HistoryRound, liveSnapshot, picksMap } from "./assessments.js";
import { type CarriedMark, carriedReading, migrationMapOf } from "./carried-picks.js";

/** One competency in one round: the level picked (today's id), its rank, and the mark when carried. */
export interface HistoryCell {
  level: string | null;
  /** The level as people read it (a retired competency's level is named as its version named it). */
  levelName: string | null;
  rank: number | null;
  mark?: CarriedMark | undefined;
}

/** One competency across the rounds. */
export interface HistoryLine {
  competency: string;
  name: string;
  /** One per round; undefined where the framework did not have it then (or no longer has it). */
  cells: (HistoryCell | undefined)[];
  /** Set for a competency of an earlier version the loaded one no longer has: the map's note, or "" when it gives none. */
  retired?: string;
}

/** The framework's version changed just before round `at` (0-based): from one to the other, as people know them. */
export interface VersionChange {
  at: number;
  from: string;
  to: string;
}

export interface ContinuousHistory {
  /** The loaded version: every level and line is named by it. */
  snapshot: FrameworkSnapshot;
  /** Today's competencies in reading order, then those retired since. */
  lines: HistoryLine[];
  changes: VersionChange[];
  /** What changed between the last two rounds, competencies followed across versions. */
  latest: AssessmentChanges | undefined;
  /**
   * Between the last two rounds, the competencies the migration map followed (so not "removed" and
   * "added"): the old names and the new ones, and how.
   */
  followed: { from: string[]; to: string[]; fate: CarriedMark["fate"] }[];
}

/** A round read on the loaded version: picked levels by today's ids, marks, and which of today's ids it had. */
interface ReadRound {
  picks: Map<string, string>;
  marks: ReadonlyMap<string, CarriedMark>;
  had: (id: string) => boolean;
  /** Whether one of the round's own competencies leads to none of today's. */
  lost: (id: string) => boolean;
  /** Old competency id → level, for those the loaded version retired. */
  retired: Map<string, string | null>;
  version: string;
}

async function readRound(store: Store, subject: Assessed, round: HistoryRound): Promise<ReadRound> {
  const { assessment, snapshot: made } = round;
  const carried = await carriedReading(store, subject.fw, subject.index, assessment, made);
  if (!carried) {
    const ids = new Set(made.competencies.map((c) => c.id));
    return {
      picks: picksMap(assessment),
      marks: new Map(),
      had: (id) => ids.has(id),
      lost: () => false,
      retired: new Map(),
      version: made.label ?? made.version.slice(0, 12),
    };
  }
  // today's competencies this round's version had: where the maps since led its competencies
  const retired = new Map(carried.dropped.map((d) => [d.competency, d.level]));
  return {
    picks: picksMap({ picks: [...carried.picks.values()] }),
    marks: carried.marks,
    had: (id) => carried.reached.has(id),
    lost: (id) => carried.lost.has(id),
    retired,
    version: carried.from,
  };
}

/**
 * The rounds (oldest first, as AssessmentsService.history gives them) as lines on the loaded version, with
 * the version changes between them and what changed between the last two; `asMade` is that last change as
 * the rounds' own snapshots read it, whose framework part (statements reworded, competencies added and
 * removed) is kept.
 */
export async function continuousHistory(
  store: Store,
  subject: Assessed,
  rounds: readonly HistoryRound[],
  asMade: AssessmentChanges | undefined,
): Promise<ContinuousHistory> {
  const snapshot = liveSnapshot(subject.fw, subject.index);
  const rank = new Map(snapshot.levels.map((l) => [l.id, l.rank]));
  const levelName = new Map(snapshot.levels.map((l) => [l.id, l.name]));
  const read = await Promise.all(rounds.map((r) => readRound(store, subject, r)));
  const cellOf = (r: ReadRound, id: string): HistoryCell | undefined => {
    if (!r.had(id)) return undefined;
    const level = r.picks.get(id) ?? null;
    const rankOf = level === null ? null : (rank.get(level) ?? null);
    return {
      level,
      levelName: level && (levelName.get(level) ?? level),
      rank: rankOf,
      mark: r.marks.get(id),
    };
  };
  const lines: HistoryLine[] = snapshot.competencies.map((c) => ({
    competency: c.id,
    name: c.name,
    cells: read.map((r) => cellOf(r, c.id)),
  }));
  lines.push(...retiredLines(subject, rounds, read));
  const changes: VersionChange[] = [];
  rounds.forEach((r, i) => {
    const before = rounds[i - 1];
    if (before && before.assessment.frameworkVersion !== r.assessment.frameworkVersion)
      changes.push({ at: i, from: read[i - 1]?.version ?? "", to: read[i]?.version ?? "" });
  });
  const [before, after] = read.slice(-2);
  if (!before || !after || !asMade) return { snapshot, lines, changes, latest: asMade, followed: [] };
  const picked = changesBetween({ snapshot, picks: before.picks }, { snapshot, picks: after.picks });
  const { framework, followed } = followedByMap(subject, asMade.framework);
  return { snapshot, lines, changes, latest: { ...picked, framework }, followed };
}

/**
 * The framework part of the last change with what the map followed taken out of "removed" and "added":
 * a renamed, split or merged competency is said once, as such, instead of as one gone and one new.
 */
function followedByMap(
  subject: Assessed,
  framework: AssessmentChanges["framework"],
): { framework: AssessmentChanges["framework"]; followed: ContinuousHistory["followed"] } {
  if (!framework) return { framework, followed: [] };
  const map = migrationMapOf(subject.index).get("competency");
  const name = (id: string) => subject.index.competencies.get(id)?.competency.name ?? id;
  const reached = new Set<string>();
  const byTarget = new Map<string, ContinuousHistory["followed"][number]>();
  const removed = framework.removed.filter((r) => {
    const fate = map?.get(r.id);
    if (!fate || fate.fate === "retired") return true;
    const to = successors(fate);
    for (const id of to) reached.add(id);
    const key = `${fate.fate}\u0000${to.join(",")}`;
    const had = byTarget.get(key);
    if (had && fate.fate === "merged") had.from.push(r.name);
    else byTarget.set(key, { from: [r.name], to: to.map(name), fate: fate.fate });
    return false;
  });
  const added = framework.added.filter((a) => !reached.has(a.id));
  return { framework: { ...framework, removed, added }, followed: [...byTarget.values()] };
}

/** Lines for competencies retired since: their old name, their level (as it was named then) while they lasted. */
function retiredLines(subject: Assessed, rounds: readonly HistoryRound[], read: ReadRound[]): HistoryLine[] {
  // a competency of a round that the maps since follow to none of today's: retired, with the loaded
  // version's note when it gives one, or simply gone from the file
  const notes = new Map<string, string>();
  for (const entry of subject.index.framework.migration ?? [])
    if (entry.kind === "competency" && entry.retired !== undefined) notes.set(entry.id, entry.retired);
  const lines = new Map<string, HistoryLine>();
  rounds.forEach((round, i) => {
    for (const c of round.snapshot.competencies) {
      if (!read[i]?.lost(c.id)) continue;
      const note = notes.get(c.id);
      const line = lines.get(c.id) ?? {
        competency: c.id,
        name: c.name,
        cells: rounds.map(() => undefined),
        retired: note ?? "",
      };
      lines.set(c.id, line);
      const level = read[i]?.retired.get(c.id) ?? null;
      const at = level === null ? undefined : round.snapshot.levels.find((l) => l.id === level);
      line.cells[i] = { level, levelName: level && (at?.name ?? level), rank: null };
    }
  });
  return [...lines.values()];
}
