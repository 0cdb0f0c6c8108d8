/**
 * Carried assessments: picks made on an earlier version of a framework, shown on the current one through
 * its migration map (migration.ts). A pick on a renamed competency or level moves to the new id; on a split
 * competency it is shown on every part; picks on competencies merged into one give that one the lowest of
 * their levels (the cautious reading); a replaced competency's pick moves to its replacement; a retired one
 * is dropped with the map's note. Everything moved is marked carried, so a reader and the next cycle's
 * draft know it was not made on this version. Pure.
 */
import type { FrameworkSnapshot, Pick } from "./assessment.js";
import { levelRanks } from "./ladder-layout.js";
import { type Fate, type MigrationMap, mapOfEntries } from "./migration.js";
import type { FrameworkIndex } from "./model.js";

export interface CarriedPick extends Pick {
  /** Present when the pick was made under another id: the old competency ids and how they came here. */
  carried?: { from: string[]; fate: Fate["fate"] };
}

export interface CarryResult {
  picks: CarriedPick[];
  /** Picks that could not be carried, and why (a retired competency, an id the map does not know). */
  dropped: { competency: string; level: string | null; note: string }[];
}

/** The version picks are carried to: which ids it has, and its levels' ranks (merged picks keep the lowest). */
export interface CarryTarget {
  competencies: { has(id: string): boolean };
  levels: { has(id: string): boolean };
  ranks: ReadonlyMap<string, number>;
}

/** One version further: that version's migration map, and the version itself. */
export interface CarryStep {
  map: MigrationMap;
  target: CarryTarget;
}

/** A loaded version as a target. */
export function indexTarget(index: FrameworkIndex): CarryTarget {
  return { competencies: index.competencies, levels: index.levels, ranks: levelRanks(index) };
}

/** A stored version as a step, its map from the snapshot; undefined when the snapshot kept no map. */
export function snapshotStep(snapshot: FrameworkSnapshot): CarryStep | undefined {
  if (!snapshot.migration) return undefined;
  return {
    map: mapOfEntries(snapshot.migration),
    target: {
      competencies: new Set(snapshot.competencies.map((c) => c.id)),
      levels: new Set(snapshot.levels.map((l) => l.id)),
      ranks: new Map(snapshot.levels.map((l) => [l.id, l.rank])),
    },
  };
}

/** Where an old level id is in the current version; undefined when it is gone (retired or unmapped). */
function carryLevel(
  level: string | null,
  map: MigrationMap,
  current: CarryTarget,
): string | null | undefined {
  if (level === null || current.levels.has(level)) return level;
  const fate = map.get("level")?.get(level);
  if (!fate || fate.fate === "retired") return undefined;
  // A level split in two is carried to the first part: the pick says "at least this".
  const to = fate.fate === "split" ? fate.to[0] : fate.to;
  return to !== undefined && current.levels.has(to) ? to : undefined;
}

/** The picks of an assessment made on the previous version, as the current version shows them. */
export function carryPicks(picks: readonly Pick[], map: MigrationMap, current: CarryTarget): CarryResult {
  const { ranks } = current;
  const out = new Map<string, CarriedPick>();
  const dropped: CarryResult["dropped"] = [];
  const place = (pick: CarriedPick) => {
    const there = out.get(pick.competency);
    // a pick made on the competency itself wins over one carried into it
    if (!there || (there.carried && !pick.carried)) return void out.set(pick.competency, pick);
    if (!there.carried || !pick.carried) return;
    const from = [...there.carried.from, ...(pick.carried?.from ?? [])];
    const lower = (ranks.get(pick.level ?? "") ?? Infinity) < (ranks.get(there.level ?? "") ?? Infinity);
    out.set(pick.competency, { ...(lower ? pick : there), carried: { from, fate: "merged" } });
  };
  for (const pick of picks) {
    const level = carryLevel(pick.level, map, current);
    if (level === undefined) {
      dropped.push({ competency: pick.competency, level: pick.level, note: `level "${pick.level}" is gone` });
      continue;
    }
    const moved = { ...pick, level };
    if (current.competencies.has(pick.competency)) {
      place(
        level === pick.level ? moved : { ...moved, carried: { from: [pick.competency], fate: "renamed" } },
      );
      continue;
    }
    const fate = map.get("competency")?.get(pick.competency);
    if (!fate) {
      dropped.push({ ...pick, note: "no longer in the framework, and the migration map does not say why" });
    } else if (fate.fate === "retired") {
      dropped.push({ ...pick, note: `retired: ${fate.note}` });
    } else {
      const targets = fate.fate === "split" ? fate.to : [fate.to];
      for (const to of targets.filter((t) => current.competencies.has(t)))
        place({ ...moved, competency: to, carried: { from: [pick.competency], fate: fate.fate } });
    }
  }
  return { picks: [...out.values()], dropped };
}

/** The strongest word for a value carried through several maps: a split or merge says more than a rename. */
const STRENGTH: Fate["fate"][] = ["renamed", "replaced", "merged", "split"];

/**
 * Picks carried through a chain of versions (the oldest step first, the loaded version last): each step's
 * map applied to what the step before gave, every value marked with the ids it was picked under and the
 * strongest of the fates it went through; a pick dropped on the way is reported under the id it was made on.
 */
export function carryThrough(picks: readonly Pick[], steps: readonly CarryStep[]): CarryResult {
  let now: CarriedPick[] = [...picks];
  const dropped: CarryResult["dropped"] = [];
  for (const step of steps) {
    const before = new Map(now.map((p) => [p.competency, p.carried]));
    const origin = (id: string) => before.get(id)?.from ?? [id];
    const result = carryPicks(
      now.map(({ carried: _how, ...plain }) => plain),
      step.map,
      step.target,
    );
    for (const d of result.dropped)
      dropped.push({ ...d, competency: origin(d.competency)[0] ?? d.competency });
    now = result.picks.map(({ carried: how, ...pick }) => {
      if (!how) {
        const kept = before.get(pick.competency);
        return kept ? { ...pick, carried: kept } : pick;
      }
      const fates = [how.fate, ...how.from.flatMap((id) => before.get(id)?.fate ?? [])];
      const fate = STRENGTH[Math.max(...fates.map((f) => STRENGTH.indexOf(f)))] ?? how.fate;
      return { ...pick, carried: { from: [...new Set(how.from.flatMap(origin))], fate } };
    });
  }
  return { picks: now, dropped };
}
