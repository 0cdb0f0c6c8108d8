/**
 * Assessments carried across versions (issue 16 item 4): an assessment made on an earlier version of a
 * person's framework is read on the loaded version through the migration maps of every version since
 * (core/carry.ts), so the profile, the assessment's page, the history and the team views all show today's
 * competencies, each value that came through a map marked "carried" with where it came from. One place for
 * it: the pages only draw the marks.
 *
 * The versions between are those whose snapshots the store keeps, in the framework's order (core
 * chainOrder: their `version:` labels, else what their maps say came before, else the order the store
 * first kept them): each snapshot holds its version's map. The loaded version's snapshot is kept the first
 * time something is carried to it, so every version read on is in the chain the next time the framework
 * changes. Team views that count in SQL get the same carry as tables of ids (carryTableOf).
 */
import type { FrameworkSnapshot, Pick } from "../core/assessment.js";
import {
  type CarriedPick,
  type CarryResult,
  type CarryStep,
  type CarryTable,
  carryTable,
  carryThrough,
  chainOrder,
  indexTarget,
  snapshotStep,
} from "../core/carry.js";
import type { Fate } from "../core/migration.js";
import { type MigrationMap, migrationMap } from "../core/migration.js";
import type { FrameworkIndex } from "../core/model.js";
import type { FrameworkRegistry, LoadedFramework } from "../load/registry.js";
import type { Store } from "../store/store.js";
import type { Assessment } from "../store/types.js";
import { type Assessed, committedAs, liveSnapshot, type ProfileSource, picksMap } from "./assessments.js";

/** How one value came to the loaded version: its old competency ids, the map's word for it, the old version. */
export interface CarriedMark {
  from: string[];
  fate: Fate["fate"];
  /** The version the pick was made on, as people know it (its `version:` label, else the hash's start). */
  version: string;
}

/** An assessment read on the loaded version of its framework. */
export interface CarriedReading {
  /** The loaded version's snapshot: what the picks are shown against. */
  snapshot: FrameworkSnapshot;
  /** Competency id (today's) → the pick as carried, evidence and all. */
  picks: Map<string, Pick>;
  /** Today's competency id → how its value came here; only picks that moved through the map. */
  marks: Map<string, CarriedMark>;
  /** Picks the map could not carry (a retired competency, an id it does not know, a level gone). */
  dropped: (CarryResult["dropped"][number] & { name: string })[];
  /** The version the assessment was made on, as people know it. */
  from: string;
  /** Today's competencies the old version's competencies lead to (empty when its snapshot is not stored). */
  reached: ReadonlySet<string>;
  /** The old version's competencies that lead to none of today's (retired, or dropped without a note). */
  lost: ReadonlySet<string>;
}

/** The migration map of each loaded version, made once: every page view of a carried assessment asks. */
const maps = new WeakMap<FrameworkIndex, MigrationMap>();

/** The loaded version's migration map, made once per version. */
export function migrationMapOf(index: FrameworkIndex): MigrationMap {
  const known = maps.get(index);
  if (known) return known;
  const made = migrationMap(index.framework);
  maps.set(index, made);
  return made;
}

/** Picks of an earlier version carried to the loaded one along `steps` (carrySteps). */
export function carriedPicks<P extends Pick>(
  picks: readonly P[],
  steps: readonly CarryStep[],
): CarryResult<P> {
  return carryThrough(picks, steps);
}

/** Chains already worked out, per store: old version → loaded version. Versions never change. */
const chains = new WeakMap<Store, Map<string, Promise<CarryStep[]>>>();
const KEPT_CHAINS = 64;

/**
 * The steps from `version` (an earlier version of `fw`) to the loaded one: each version stored since it
 * (and before the loaded one) with the map its snapshot keeps, then the loaded version with its own map. A
 * stored version whose snapshot kept no map (stored before maps were kept) is passed over.
 */
export function carrySteps(
  store: Store,
  fw: LoadedFramework,
  index: FrameworkIndex,
  version: string,
): Promise<CarryStep[]> {
  const kept = chains.get(store) ?? new Map<string, Promise<CarryStep[]>>();
  chains.set(store, kept);
  const key = `${fw.id}\0${version}\0${fw.version}`;
  const known = kept.get(key);
  if (known) return known;
  const made = stepsBetween(store, fw, index, version);
  if (kept.size >= KEPT_CHAINS) kept.delete(kept.keys().next().value as string);
  kept.set(key, made);
  // a failed read is not kept: the next page asks again
  made.catch(() => kept.delete(key));
  return made;
}

async function stepsBetween(
  store: Store,
  fw: LoadedFramework,
  index: FrameworkIndex,
  version: string,
): Promise<CarryStep[]> {
  let stored = await store.snapshots.versions(fw.id);
  if (!stored.includes(fw.version)) {
    await store.snapshots.save(liveSnapshot(fw, index), committedAs(fw));
    stored = await store.snapshots.versions(fw.id);
  }
  const snapshots = new Map(
    await Promise.all(stored.map(async (v) => [v, await store.snapshots.get(fw.id, v)] as const)),
  );
  // the framework's order (its `version:` labels, else its maps), not the order this store met them in
  const versions = chainOrder(
    stored.map((v) => {
      const s = snapshots.get(v);
      if (!s) return { version: v };
      const ids = new Set([...s.competencies.map((c) => c.id), ...s.levels.map((l) => l.id)]);
      return { version: v, label: s.label, ids, mapped: (s.migration ?? []).map((m) => m.id) };
    }),
  );
  const from = versions.indexOf(version);
  const to = versions.indexOf(fw.version);
  const between = from >= 0 && to > from ? versions.slice(from + 1, to) : [];
  const steps = between.flatMap((v) => {
    const snapshot = snapshots.get(v);
    return snapshot ? (snapshotStep(snapshot) ?? []) : [];
  });
  return [...steps, { map: migrationMapOf(index), target: indexTarget(index) }];
}

/** The version key of records made on a version the store keeps no snapshot of (carried by today's map). */
export const ANY_VERSION = "*";

/**
 * A carry table, and whether each competency today is reached from one old competency at most (`oneToOne`):
 * then a record's picks carry one by one, and the team views carry the sums of picks per subtree as they
 * are counted, instead of each person's picks (TeamCarry).
 */
export type TeamCarryTable = CarryTable & { oneToOne: boolean };

/** Tables already worked out, per chain of steps (chains are kept by carrySteps, so each is made once). */
const tables = new WeakMap<readonly CarryStep[], Promise<TeamCarryTable>>();

/**
 * Team views carry in SQL: what carrying does to the ids of `version` (ANY_VERSION: a version without a
 * stored snapshot), as rows the database joins (core carryTable), made once per chain.
 */
export async function carryTableOf(
  store: Store,
  fw: LoadedFramework,
  index: FrameworkIndex,
  version: string,
): Promise<TeamCarryTable> {
  const steps = await carrySteps(store, fw, index, version);
  const known = tables.get(steps);
  if (known) return known;
  const made = (async () => {
    const old = version === ANY_VERSION ? undefined : await store.snapshots.get(fw.id, version);
    const competencies = old?.competencies.map((c) => c.id);
    const table = carryTable(
      { competencies: competencies ?? [], levels: old?.levels.map((l) => l.id) ?? [] },
      steps,
    );
    return { ...table, oneToOne: reachedOnce(table, competencies && new Set(competencies)) };
  })();
  tables.set(steps, made);
  made.catch(() => tables.delete(steps));
  return made;
}

/**
 * Whether no competency today is reached from two old ones. An old competency the table leaves out stays
 * itself, so a target it does not list reaches one only when the old version had no such id (`old`, its
 * ids; unknown without a snapshot: then it may have).
 */
function reachedOnce(table: CarryTable, old: ReadonlySet<string> | undefined): boolean {
  const listed = new Set(table.competencies.map((c) => c.from));
  const reached = new Set<string>();
  for (const { to } of table.competencies) {
    if (to === null) continue;
    if (reached.has(to) || (!listed.has(to) && (old === undefined || old.has(to)))) return false;
    reached.add(to);
  }
  return true;
}

/** Whether the assessment was made on another version of the loaded framework `fw` (so it is carried). */
export function madeEarlier(
  assessment: { framework: string; frameworkVersion: string },
  fw: LoadedFramework,
): boolean {
  return assessment.framework === fw.id && assessment.frameworkVersion !== fw.version;
}

/** The old version's name for people: its label when its snapshot is stored, else the hash's start. */
function nameOfVersion(old: FrameworkSnapshot | undefined, version: string): string {
  return old?.label ?? old?.version.slice(0, 12) ?? version.slice(0, 12);
}

/**
 * The assessment as the loaded version shows it, or undefined when it was made on the loaded version (or on
 * another framework): then it reads as it always has, against its own snapshot. `made` is the snapshot the
 * caller already read for the assessment (a history reads each version once), so it is not read again.
 */
export async function carriedReading(
  store: Store,
  fw: LoadedFramework,
  index: FrameworkIndex,
  assessment: Assessment,
  made?: FrameworkSnapshot,
): Promise<CarriedReading | undefined> {
  if (!madeEarlier(assessment, fw)) return undefined;
  const version = assessment.frameworkVersion;
  const old = made
    ? made.version === version
      ? made
      : undefined
    : await store.snapshots.get(assessment.framework, version);
  const from = nameOfVersion(old, version);
  const steps = await carrySteps(store, fw, index, version);
  const carried = carriedPicks(assessment.picks, steps);
  const picks = new Map<string, Pick>();
  const marks = new Map<string, CarriedMark>();
  for (const pick of carried.picks) {
    const { carried: how, ...plain }: CarriedPick = pick;
    picks.set(pick.competency, plain);
    if (how) marks.set(pick.competency, { ...how, version: from });
  }
  const oldName = new Map(old?.competencies.map((c) => [c.id, c.name]));
  const dropped = carried.dropped.map((d) => ({ ...d, name: oldName.get(d.competency) ?? d.competency }));
  // what each of the old version's competencies became: today's ids it reached, or nothing
  const led = old
    ? carriedPicks(
        old.competencies.map((c) => ({ competency: c.id, level: null })),
        steps,
      )
    : undefined;
  return {
    snapshot: liveSnapshot(fw, index),
    picks,
    marks,
    dropped,
    from,
    reached: new Set(led?.picks.map((p) => p.competency)),
    lost: new Set(led?.dropped.map((d) => d.competency)),
  };
}

/** A pick a team view could not carry, by the name and id it was made under, and why (the map's note). */
export interface NotCarried {
  competency: string;
  name: string;
  note: string;
}

/**
 * Team views: a record's picked levels (competency → level) carried along `steps` to the loaded version,
 * with the count of criteria shown at each pick (`shown`, competency → count) going where its pick goes,
 * the marks of those carried, and the picks that could not be (a retired competency, with the map's note).
 * Synchronous and storeless, for thousands of rows: the caller works out the steps, names the old version
 * (`version`) and its competencies (`names`) once per version.
 */
export function carriedRecord(
  picks: ReadonlyMap<string, string>,
  steps: readonly CarryStep[],
  version: string,
  names: ReadonlyMap<string, string> = new Map(),
  shown: ReadonlyMap<string, number> = new Map(),
): {
  picks: Map<string, string>;
  shown: Map<string, number>;
  marks: ReadonlyMap<string, CarriedMark>;
  dropped: NotCarried[];
} {
  const carried = carriedPicks(
    [...picks].map(([competency, level]) => ({ competency, level, shown: shown.get(competency) ?? 0 })),
    steps,
  );
  const levels = new Map<string, string>();
  const counts = new Map<string, number>();
  const marks = new Map<string, CarriedMark>();
  for (const pick of carried.picks) {
    if (pick.level) levels.set(pick.competency, pick.level);
    if (pick.level && pick.shown > 0) counts.set(pick.competency, pick.shown);
    if (pick.carried) marks.set(pick.competency, { ...pick.carried, version });
  }
  const dropped = carried.dropped.map((d) => ({
    competency: d.competency,
    name: names.get(d.competency) ?? d.competency,
    note: d.note,
  }));
  return { picks: levels, shown: counts, marks, dropped };
}

/** A record of someone's picked levels, as the team views read them. */
interface PickedRecord {
  framework: string;
  frameworkVersion: string;
  /** Competency id → picked level id. */
  picks: ReadonlyMap<string, string>;
  /** Competency id → criteria shown at the pick, where the reader counts them (RecordAssessment's). */
  shown?: ReadonlyMap<string, number>;
}

/**
 * Team views: each person's record read on the loaded version of its framework (its picks carried, the
 * marks of those carried and the picks not carried, by person); records of the loaded version, or of a
 * framework not served, as they are. Each old version is read once, whatever the number of records on it.
 */
export async function carriedRecords<R extends PickedRecord>(
  store: Store,
  registry: FrameworkRegistry,
  records: ReadonlyMap<string, R>,
): Promise<{
  records: Map<string, R>;
  marks: Map<string, ReadonlyMap<string, CarriedMark>>;
  dropped: Map<string, NotCarried[]>;
}> {
  const ways = new Map<string, Promise<[CarryStep[], FrameworkSnapshot | undefined]>>();
  const out = new Map<string, R>();
  const marks = new Map<string, ReadonlyMap<string, CarriedMark>>();
  const dropped = new Map<string, NotCarried[]>();
  for (const [person, record] of records) {
    const fw = registry.get(record.framework);
    if (!fw?.ok || !fw.index || !madeEarlier(record, fw)) {
      out.set(person, record);
      continue;
    }
    const key = `${record.framework}\0${record.frameworkVersion}`;
    const way =
      ways.get(key) ??
      Promise.all([
        carrySteps(store, fw, fw.index, record.frameworkVersion),
        store.snapshots.get(record.framework, record.frameworkVersion),
      ]);
    ways.set(key, way);
    const [steps, old] = await way;
    const names = new Map(old?.competencies.map((c) => [c.id, c.name]));
    const version = nameOfVersion(old, record.frameworkVersion);
    const carried = carriedRecord(record.picks, steps, version, names, record.shown);
    out.set(person, { ...record, picks: carried.picks, ...(record.shown ? { shown: carried.shown } : {}) });
    if (carried.marks.size) marks.set(person, carried.marks);
    if (carried.dropped.length) dropped.set(person, carried.dropped);
  }
  return { records: out, marks, dropped };
}

/** The words a screen reader hears (and a tooltip shows) for a carried value. */
export function carriedText(mark: CarriedMark): string {
  const ids = mark.from.map((id) => `“${id}”`).join(" and ");
  const how: Record<Fate["fate"], string> = {
    renamed: "renamed since",
    replaced: "replaced since",
    merged: "merged into this one since",
    split: "split since",
    retired: "retired since",
  };
  return `carried from version ${mark.version}: picked as ${ids}, ${how[mark.fate]}`;
}

/** What a profile is drawn from: its source, read on the loaded version when it was made on an earlier one. */
export interface ProfileReading {
  source: ProfileSource;
  /** Competency id → picked level id, as the snapshot of `source` reads them. */
  picks: Map<string, string>;
  carried: CarriedReading | undefined;
}

/** The profile's source as the loaded version reads it (the growth profile, its API, a kept goal). */
export async function profileReading(
  store: Store,
  subject: Assessed,
  source: ProfileSource,
): Promise<ProfileReading> {
  const carried = source.assessment
    ? await carriedReading(store, subject.fw, subject.index, source.assessment)
    : undefined;
  if (!carried) return { source, picks: picksMap(source.assessment), carried };
  return {
    source: { ...source, snapshot: carried.snapshot },
    picks: picksMap({ picks: [...carried.picks.values()] }),
    carried,
  };
}
