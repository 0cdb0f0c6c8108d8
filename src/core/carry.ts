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

/**
 * A pick as carried; `P` is what the caller's picks hold besides a Pick's fields (a team view's count of
 * criteria shown), which travels with the pick as evidence does.
 */
export type CarriedPick<P extends Pick = Pick> = P & {
  /** Present when the pick was made under another id: the old competency ids and how they came here. */
  carried?: { from: string[]; fate: Fate["fate"] };
};

export interface CarryResult<P extends Pick = Pick> {
  picks: CarriedPick<P>[];
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
export function carryPicks<P extends Pick>(
  picks: readonly P[],
  map: MigrationMap,
  current: CarryTarget,
): CarryResult<P> {
  const { ranks } = current;
  const out = new Map<string, CarriedPick<P>>();
  const dropped: CarryResult["dropped"] = [];
  const place = (pick: CarriedPick<P>) => {
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
export function carryThrough<P extends Pick>(
  picks: readonly P[],
  steps: readonly CarryStep[],
): CarryResult<P> {
  let now: CarriedPick<P>[] = [...picks];
  const dropped: CarryResult["dropped"] = [];
  for (const step of steps) {
    const before = new Map(now.map((p) => [p.competency, p.carried]));
    const origin = (id: string) => before.get(id)?.from ?? [id];
    const result = carryPicks(
      // the caller's own fields go through with the pick (P less `carried` is still a P)
      now.map(({ carried: _how, ...plain }) => plain as unknown as P),
      step.map,
      step.target,
    );
    for (const d of result.dropped)
      dropped.push({ ...d, competency: origin(d.competency)[0] ?? d.competency });
    now = result.picks.map(({ carried: how, ...rest }) => {
      const pick = rest as unknown as P;
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

/** Where an old level id is after every step: today's id, null for a pick without a level, undefined if gone. */
export function carryLevelThrough(
  level: string | null,
  steps: readonly CarryStep[],
): string | null | undefined {
  let now: string | null | undefined = level;
  for (const step of steps) {
    now = carryLevel(now, step.map, step.target);
    if (now === undefined) return undefined;
  }
  return now;
}

/**
 * What carrying does to the ids of one earlier version, as flat rows a database joins (team views carry in
 * SQL): each old competency id that does not stay itself, with the ids it reaches (`to` null: dropped;
 * `direct` false: marked carried, so a pick made on `to` itself wins over it), and each old level id that
 * does not stay itself (`to` null: gone, the pick is dropped). An id listed in neither stays as it is.
 */
export interface CarryTable {
  competencies: { from: string; to: string | null; direct: boolean }[];
  levels: { from: string; to: string | null }[];
}

/**
 * The table of a version whose ids are `old` (its snapshot's, when stored) carried along `steps`: every id
 * `old` names or any step's map names is worked out one at a time, as carryThrough moves it alone. Picks
 * merged into one competency then keep the one made on it, else the lowest, as carryPicks does; across
 * several steps the lowest of all wins (a direct pick of an intermediate version is not told apart).
 */
export function carryTable(
  old: { competencies: Iterable<string>; levels: Iterable<string> },
  steps: readonly CarryStep[],
): CarryTable {
  const named = (kind: "competency" | "level", own: Iterable<string>) =>
    new Set([...own, ...steps.flatMap((s) => [...(s.map.get(kind)?.keys() ?? [])])]);
  const competencies: CarryTable["competencies"] = [];
  for (const id of named("competency", old.competencies)) {
    const { picks } = carryThrough([{ competency: id, level: null }], steps);
    const only = picks.length === 1 ? picks[0] : undefined;
    if (only && only.competency === id && !only.carried) continue;
    if (!picks.length) competencies.push({ from: id, to: null, direct: false });
    for (const p of picks) competencies.push({ from: id, to: p.competency, direct: !p.carried });
  }
  const levels: CarryTable["levels"] = [];
  for (const id of named("level", old.levels)) {
    const to = carryLevelThrough(id, steps);
    if (to !== id) levels.push({ from: id, to: to ?? null });
  }
  return { competencies, levels };
}

/** A stored version of a framework, as the chain of versions orders it. */
export interface KnownVersion {
  version: string;
  /** The framework's own `version:` text, if it has one. */
  label?: string | undefined;
  /** Its competency and level ids, and the old ids its migration map names (what its predecessor had). */
  ids?: ReadonlySet<string>;
  mapped?: readonly string[];
}

/**
 * A framework's versions, oldest first, as the framework says: by their `version:` labels wherever two
 * both have one (compared part by part, digits as numbers: 2027.10 comes after 2027.9); else, where one
 * version's map names ids the other has and it lacks (and not the other way round), after that one; and
 * otherwise in the order given (the order the store first kept them, which two servers serving different
 * versions can make wrong). Each time, the first version given that none left must precede comes next.
 */
export function chainOrder(known: readonly KnownVersion[]): string[] {
  const left = [...known];
  // b's map speaks of ids a has and b does not: b came after a
  const follows = (b: KnownVersion, a: KnownVersion) =>
    (b.mapped ?? []).some((id) => a.ids?.has(id) === true && b.ids?.has(id) === false);
  const before = (a: KnownVersion, b: KnownVersion) =>
    a.label !== undefined && b.label !== undefined
      ? compareLabels(a.label, b.label) < 0
      : follows(b, a) && !follows(a, b);
  const out: string[] = [];
  while (left.length) {
    const free = left.findIndex((v) => !left.some((w) => w !== v && before(w, v)));
    const [next] = left.splice(Math.max(free, 0), 1);
    if (next) out.push(next.version);
  }
  return out;
}

/** Two version labels compared part by part, runs of digits as numbers ("2027.9" < "2027.10" < "2028"). */
export function compareLabels(a: string, b: string): number {
  const parts = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i] as string, y[i] as string];
    const numeric = /^\d/.test(p) && /^\d/.test(q);
    const order = numeric ? Number(p) - Number(q) : p < q ? -1 : p > q ? 1 : 0;
    if (order !== 0) return Math.sign(order);
  }
  return Math.sign(x.length - y.length);
}
