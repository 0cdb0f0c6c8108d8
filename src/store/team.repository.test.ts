import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { createStore, type Store } from "./store.js";
import type { Assessment, AssessmentKind, Cycle, Person } from "./types.js";

/** A small deterministic generator (the same history on both databases). */
function random(seed: number) {
  let state = seed >>> 0;
  return {
    next(): number {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return state / 2 ** 32;
    },
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(this.next() * items.length)] as T;
    },
  };
}

const KINDS: AssessmentKind[] = ["self", "manager", "agreed"];
const LEVELS = ["junior", "mid", "senior", "lead"];
const COMPETENCIES = ["a", "b", "c", "d"];

describeEachDatabase("team repository", (ctx) => {
  /**
   * A manager with ten reports (one deactivated), three cycles, and a random history of drafts and
   * submitted assessments of every kind, in and outside cycles, with random picks (some not picked).
   */
  async function history(seed: number) {
    const clock = manualClock();
    const store: Store = createStore(ctx.database, { clock });
    const rnd = random(seed);
    const add = async (name: string, managerId: string | null = null) => {
      const made = await store.people.create({
        name,
        email: `${name.toLowerCase().replace(/ /g, ".")}@example.com`,
        managerId,
        framework: "engineering",
        level: rnd.pick(LEVELS),
      });
      if (!made.ok) throw new Error(JSON.stringify(made.problems));
      return made.value;
    };
    const boss = await add("Boss");
    const other = await add("Other Manager");
    const people: Person[] = [];
    for (let i = 0; i < 10; i++) people.push(await add(`Person ${i}`, boss.id));
    const cycles: Cycle[] = [];
    for (const [i, name] of ["One", "Two", "Three"].entries()) {
      const made = await store.cycles.create({
        name,
        startsOn: `2030-0${i + 1}-01`,
        endsOn: `2030-0${i + 1}-28`,
      });
      if (!made.ok) throw new Error("cycle");
      cycles.push(made.value);
    }
    for (let n = 0; n < 90; n++) {
      const person = rnd.pick(people);
      const kind = rnd.pick(KINDS);
      const cycle = rnd.next() < 0.15 ? null : rnd.pick(cycles);
      const author = kind === "self" ? person : rnd.next() < 0.8 ? boss : other;
      clock.advance(1_000 + Math.floor(rnd.next() * 60_000));
      const draft = await store.assessments.startDraft({
        personId: person.id,
        authorId: author.id,
        kind,
        cycleId: cycle?.id ?? null,
        framework: "engineering",
        frameworkVersion: "v1",
        level: person.level,
      });
      if (!draft.ok) throw new Error(JSON.stringify(draft.problems));
      const picks = COMPETENCIES.map((competency) => ({
        competency,
        level: rnd.next() < 0.2 ? null : rnd.pick(LEVELS),
      }));
      const saved = await store.assessments.saveDraft(draft.value.id, draft.value.version, { picks });
      if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
      if (rnd.next() < 0.85) await store.assessments.submit(saved.value.id, saved.value.version);
    }
    const deactivated = people[9] as Person;
    await store.people.deactivate(deactivated.id);
    return { store, team: store.team, boss, other, people, cycles, deactivated };
  }

  const pickedOnly = (a: Assessment) =>
    new Map(a.picks.flatMap((p) => (p.level === null ? [] : [[p.competency, p.level] as const])));

  /** Everyone's submitted assessments, read one person at a time through the assessments repository. */
  async function submitted(store: Store, people: Person[]): Promise<Assessment[]> {
    return (await Promise.all(people.map((p) => store.assessments.history(p.id)))).flat();
  }

  /** The team's records of record are the ones AssessmentsRepository.latestOfRecord picks. */
  async function sameRecordsAsLatestOfRecord({ store, team, people }: History) {
    const ids = people.map((p) => p.id);
    const expected = await store.assessments.latestOfRecord(ids);
    const got = await team.recordsOf({ personIds: ids });
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    expect(got.size).toBeGreaterThan(5); // the history is not trivially empty
    for (const [personId, record] of got) {
      const reference = expected.get(personId) as Assessment;
      expect(record.assessmentId).toBe(reference.id);
      expect(record.kind).toBe(reference.kind);
      expect(record.submittedAt).toEqual(reference.submittedAt);
      expect(record.picks).toEqual(pickedOnly(reference));
    }
  }

  /** Within a cycle: agreed, else manager, else self; who is assessed. */
  async function cyclePreference({ store, team, people, cycles, deactivated }: History) {
    const all = await submitted(store, people);
    const rank = { agreed: 0, manager: 1, self: 2 };
    let preferred = 0;
    for (const cycle of cycles) {
      const got = await team.recordsOf({ personIds: people.map((p) => p.id) }, { cycleId: cycle.id });
      for (const person of people) {
        const mine = all
          .filter((a) => a.personId === person.id && a.cycleId === cycle.id)
          .sort(
            (x, y) =>
              rank[x.kind] - rank[y.kind] ||
              (y.submittedAt?.getTime() ?? 0) - (x.submittedAt?.getTime() ?? 0),
          );
        expect(got.get(person.id)?.assessmentId).toBe(mine[0]?.id);
        // the preference had something to choose between
        if (mine.length > 1 && mine[0]?.kind !== "self") preferred++;
      }
      const everyone = await team.assessedIn(cycle.id, "everyone");
      const expected = new Set(
        all.filter((a) => a.cycleId === cycle.id && a.personId !== deactivated.id).map((a) => a.personId),
      );
      expect([...everyone].sort()).toEqual([...expected].sort());
      // everyone: active people only
      expect((await team.recordsOf("everyone", { cycleId: cycle.id })).has(deactivated.id)).toBe(false);
    }
    expect(preferred).toBeGreaterThan(0);
  }

  /** Self and manager picks paired from each person's latest cycle with both kinds. */
  async function calibrationPairs({ store, team, people }: History) {
    const all = await submitted(store, people);
    const latest = (list: Assessment[]) =>
      list.sort((x, y) => (y.submittedAt?.getTime() ?? 0) - (x.submittedAt?.getTime() ?? 0))[0];
    const expected = new Map<string, number>();
    for (const person of people) {
      const byCycle = new Map<string, { self?: Assessment; manager?: Assessment; start: string }>();
      for (const cycle of await store.cycles.list()) {
        const here = all.filter((a) => a.personId === person.id && a.cycleId === cycle.id);
        const self = latest(here.filter((a) => a.kind === "self"));
        const manager = latest(here.filter((a) => a.kind === "manager"));
        if (self && manager) byCycle.set(cycle.id, { self, manager, start: cycle.startsOn });
      }
      const chosen = [...byCycle.values()].sort((x, y) => y.start.localeCompare(x.start))[0];
      if (!chosen?.self || !chosen.manager) continue;
      const mine = pickedOnly(chosen.self);
      for (const [competency, level] of pickedOnly(chosen.manager)) {
        const selfLevel = mine.get(competency);
        if (selfLevel === undefined) continue;
        const key = `${chosen.manager.authorId}|${selfLevel}|${level}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
    }
    expect(expected.size).toBeGreaterThan(0);
    const sources = await team.calibrationSources({ personIds: people.map((p) => p.id) });
    const got = new Map<string, number>();
    for (const source of sources) {
      for (const [competency, level] of source.manager) {
        const selfLevel = source.self.get(competency);
        if (selfLevel === undefined) continue;
        const key = `${source.managerId}|${selfLevel}|${level}`;
        got.set(key, (got.get(key) ?? 0) + 1);
      }
    }
    expect(got).toEqual(expected);
    expect(sources.every((r) => r.framework === "engineering")).toBe(true);
    expect(new Set(sources.map((r) => r.personId)).size).toBe(sources.length); // one source per person
  }

  type History = Awaited<ReturnType<typeof history>>;

  // One history per seed for the three reads, which change nothing: building it (90 drafts saved and most
  // submitted) was most of this file's time, three times over.
  for (const seed of [1, 7]) {
    it(`agrees with the assessments repository on records of record, cycle preference and calibration pairs (seed ${seed})`, async () => {
      const made = await history(seed);
      await sameRecordsAsLatestOfRecord(made);
      await cyclePreference(made);
      await calibrationPairs(made);
    });
  }

  it("lists active people by name, and answers nothing for no people or a malformed cycle", async () => {
    const { team, people, deactivated, boss, other } = await history(3);
    const active = await team.activePeople();
    expect(active.map((p) => p.id)).not.toContain(deactivated.id);
    expect(active).toHaveLength(people.length + 1);
    expect(active.map((p) => p.name)).toEqual(
      [boss, other, ...people]
        .filter((p) => p.id !== deactivated.id)
        .map((p) => p.name)
        .sort(),
    );
    expect((await team.recordsOf({ personIds: [] })).size).toBe(0);
    expect((await team.recordsOf({ personIds: ["not-an-id"] })).size).toBe(0);
    expect((await team.recordsOf("everyone", { cycleId: "nope" })).size).toBe(0);
    expect((await team.assessedIn("nope", "everyone")).size).toBe(0);
    expect(await team.calibrationSources({ personIds: [] })).toEqual([]);
  });
});
