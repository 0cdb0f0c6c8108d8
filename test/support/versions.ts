/**
 * Carried assessments (issue 16): the bakery ladder in three versions (test/fixtures/versions), the latest
 * one asked for served, the earlier ones known to the store only by their snapshots, and assessments
 * submitted on any.
 */
import type { FrameworkSnapshot, Pick } from "../../src/core/assessment.js";
import { snapshotOf } from "../../src/core/assessment.js";
import { nodeFileSystem } from "../../src/load/fs-port.js";
import { loadOccupations } from "../../src/load/occupations.js";
import { FrameworkRegistry, type LoadedFramework } from "../../src/load/registry.js";
import { liveSnapshot } from "../../src/services/assessments.js";
import type { Database } from "../../src/store/db.js";
import { createStore, type Store } from "../../src/store/store.js";
import type { Assessment, AssessmentKind } from "../../src/store/types.js";
import { createApp } from "../../src/web/app.js";
import { addPerson } from "./auth.js";
import { manualClock } from "./databases.js";

const root = new URL("../../", import.meta.url).pathname;
export const BAKERY_2026 = `${root}test/fixtures/versions/bakery-2026`;
export const BAKERY_2027 = `${root}test/fixtures/versions/bakery-2027`;
export const BAKERY_2028 = `${root}test/fixtures/versions/bakery-2028`;

/** A registry serving the bakery ladder at `path` (one of the versions above), as one server loads it. */
export async function loaded(path: string): Promise<{ registry: FrameworkRegistry; fw: LoadedFramework }> {
  const registry = new FrameworkRegistry([path], {
    fs: nodeFileSystem,
    occupations: await loadOccupations(nodeFileSystem),
  });
  await registry.load();
  const fw = registry.get("bakery");
  if (!fw?.ok || !fw.index) throw new Error(`the bakery ladder at ${path} did not load`);
  return { registry, fw };
}

/** The registry serving the 2027 version, and both versions' snapshots (saved in `store` when given). */
export async function bakery(store?: Store): Promise<{
  registry: FrameworkRegistry;
  old: FrameworkSnapshot;
  current: FrameworkSnapshot;
}> {
  const [{ fw: before }, { registry, fw }] = await Promise.all([loaded(BAKERY_2026), loaded(BAKERY_2027)]);
  const old = snapshotOf(before.index as NonNullable<typeof before.index>, before.version);
  const current = liveSnapshot(fw, fw.index as NonNullable<typeof fw.index>);
  if (store) {
    await store.snapshots.save(old);
    await store.snapshots.save(current);
  }
  return { registry, old, current };
}

/**
 * The registry serving 2028.1, with the snapshots of 2026.1 and 2027.1 saved in `store` in that order, a
 * quarter apart on `clock` (the order the server met them: the chain an old assessment is carried along).
 */
export async function bakeryChain(
  store: Store,
  clock: { advance(ms: number): void },
): Promise<{ registry: FrameworkRegistry; v2026: FrameworkSnapshot; v2027: FrameworkSnapshot }> {
  const [{ fw: first }, { fw: second }, { registry }] = await Promise.all([
    loaded(BAKERY_2026),
    loaded(BAKERY_2027),
    loaded(BAKERY_2028),
  ]);
  const [v2026, v2027] = [first, second].map((fw) =>
    snapshotOf(fw.index as NonNullable<typeof fw.index>, fw.version),
  ) as [FrameworkSnapshot, FrameworkSnapshot];
  for (const snapshot of [v2026, v2027]) {
    await store.snapshots.save(snapshot);
    clock.advance(QUARTER);
  }
  return { registry, v2026, v2027 };
}

const QUARTER = 90 * 24 * 3600 * 1000;

/** The app serving 2028.1 on `database`, with the two earlier versions stored (bakeryChain). */
export async function bakeryChainApp(database: Database) {
  const clock = manualClock();
  const store = createStore(database, { clock });
  const chain = await bakeryChain(store, clock);
  return { ...chain, store, app: createApp({ registry: chain.registry, store, clock }) };
}

/**
 * An assessment of `kind` about `personId`, written by `authorId`, submitted on `version` with `picks`
 * (in `cycleId`, else outside cycles), of the bakery framework at "baker" unless `framework` and `level` say.
 */
export async function submittedOn(
  store: Store,
  a: {
    personId: string;
    authorId: string;
    kind: AssessmentKind;
    version: string;
    picks: Pick[];
    cycleId?: string;
    framework?: string;
    level?: string;
  },
): Promise<Assessment> {
  const started = await store.assessments.startDraft({
    personId: a.personId,
    authorId: a.authorId,
    kind: a.kind,
    cycleId: a.cycleId ?? null,
    framework: a.framework ?? "bakery",
    frameworkVersion: a.version,
    level: a.level ?? "baker",
  });
  if (!started.ok) throw new Error(JSON.stringify(started.problems));
  const saved = await store.assessments.saveDraft(started.value.id, started.value.version, {
    picks: a.picks,
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
  const done = await store.assessments.submit(saved.value.id, saved.value.version);
  if (!done.ok) throw new Error(JSON.stringify(done.problems));
  return done.value;
}

/** Picks on the 2026 version: a renamed competency and level, a split one, two merged, a retired one. */
export const PICKS_2026: Pick[] = [
  { competency: "dough", level: "apprentice", evidence: "Mixed the rye dough every morning in May." },
  { competency: "ovens", level: "baker" },
  { competency: "hygiene", level: "head-baker" },
  { competency: "ordering", level: "baker" },
  { competency: "teaching", level: "baker" },
];

/** Picks on the 2027 version, a round later. */
export const PICKS_2027: Pick[] = [
  { competency: "doughs", level: "baker" },
  { competency: "firing", level: "head-baker" },
  { competency: "oven-care", level: "baker" },
  { competency: "kitchen-care", level: "baker" },
  { competency: "customers", level: "trainee" },
];

/** Morgan, a head baker, and Robin, a baker who reports to Morgan, both placed on the bakery ladder. */
export async function bakeryTeam(store: Store) {
  const morgan = await addPerson(store, {
    name: "Morgan",
    email: "morgan@example.com",
    framework: "bakery",
    level: "head-baker",
  });
  const robin = await addPerson(store, {
    name: "Robin",
    email: "robin@example.com",
    framework: "bakery",
    level: "baker",
    managerId: morgan.id,
  });
  return { morgan, robin };
}
