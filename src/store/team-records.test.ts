/**
 * The team views' summary of each person's assessment of record (team-records.ts, migration 0011) gives
 * exactly what working the records out of all the assessments gives, on both databases: the summary holds
 * the records AssessmentsRepository.latestOfRecord picks (its own rule, a window over every assessment) with
 * all their picks, kept so by each submit and equal to a rebuild; and the heatmap by team and the "ready"
 * page read through it equal the same read through the assessments (one cycle's records, which here are
 * everyone's latest), records on two framework versions, carried and not.
 */
import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { criteriaShownAt } from "./assessment-row.js";
import { createStore } from "./store.js";
import type { TeamCarry, TeamFilter, TeamRoot, TeamScales } from "./team-pages.repository.js";
import { refreshTeamRecords } from "./team-records.js";
import { refreshTeamSums } from "./team-sums.js";
import type { AssessmentKind } from "./types.js";

const LEVELS = ["l1", "l2", "l3", "l4", "l5"];
const COMPETENCIES = ["a", "b", "c", "d", "e", "f"];
const SCALES: TeamScales = {
  ranks: LEVELS.map((level, i) => ({ framework: "eng", level, rank: i })),
  needs: LEVELS.slice(0, -1).flatMap((level, i) =>
    COMPETENCIES.slice(0, 3 + (i % 3)).map((competency) => ({
      framework: "eng",
      level,
      competency,
      rank: i + 1,
    })),
  ),
  // "of N": a writes 3 criteria at every level, b 2 at l2 to l4, bb (v2's b) 1 at l3
  criteria: [
    ...LEVELS.map((level) => ({ framework: "eng", competency: "a", level, count: 3 })),
    ...["l2", "l3", "l4"].map((level) => ({ framework: "eng", competency: "b", level, count: 2 })),
    { framework: "eng", competency: "bb", level: "l3", count: 1 },
  ],
};
/** v2 loaded, v1's records carried through `table` (l5 gone, f dropped, and what `competencies` say). */
function carriedAs(competencies: TeamCarry["versions"][number]["competencies"], oneToOne?: true): TeamScales {
  const dropped = { from: "f", to: null, direct: false };
  const levels = [{ from: "l5", to: null }];
  const v1 = {
    version: "v1",
    competencies: [...competencies, dropped],
    levels,
    ...(oneToOne && { oneToOne }),
  };
  return { ...SCALES, carry: [{ framework: "eng", current: "v2", versions: [v1] }] };
}
/** v1's b and c merged into b (one marked carried): a person's best of the two counts. */
const CARRIED = carriedAs([
  { from: "b", to: "b", direct: true },
  { from: "c", to: "b", direct: false },
]);
/** v1's b renamed bb, c split into c and g: one to one, so carried in the sums. */
const ONE_TO_ONE = carriedAs(
  [
    { from: "b", to: "bb", direct: true },
    { from: "c", to: "c", direct: true },
    { from: "c", to: "g", direct: false },
  ],
  true,
);

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describeEachDatabase("team records summary", (ctx) => {
  /** A tree of 25 people, two closed cycles and assessments outside cycles, then everyone in the open one. */
  async function org() {
    const clock = manualClock();
    const store = createStore(ctx.database, { clock });
    const rnd = random(7);
    const ticking = random(11);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)] as T;
    const people: { id: string; level: string }[] = [];
    for (let i = 0; i < 25; i++) {
      const made = await store.people.create({
        name: `P${String(i).padStart(2, "0")}`,
        email: `p${i}@example.com`,
        managerId: i === 0 ? null : (people[Math.floor((i - 1) / 4)]?.id ?? null),
        framework: "eng",
        track: "main",
        level: pick(LEVELS.slice(0, 4)),
      });
      if (!made.ok) throw new Error(JSON.stringify(made.problems));
      people.push({ id: made.value.id, level: made.value.level ?? "l1" });
    }
    const assess = async (personId: string, cycleId: string | null, kind: AssessmentKind) => {
      clock.advance(60_000);
      const draft = await store.assessments.startDraft({
        personId,
        authorId: personId,
        kind,
        cycleId,
        framework: "eng",
        frameworkVersion: pick(["v1", "v2"]),
        level: null,
      });
      if (!draft.ok) throw new Error(JSON.stringify(draft.problems));
      const picks = COMPETENCIES.filter(() => rnd() < 0.85).map((competency) => {
        const level = rnd() < 0.1 ? null : pick(LEVELS);
        // ticks at the picked level (counted) and at another (not), a third (k4) more than a ever writes
        // (from a sequence of their own: the people, levels and picks are those the tests were written on)
        const ticks = ["k1", "k2", "k4"].filter(() => ticking() < 0.5);
        const at = (l: string) => ticks.map((criterion) => ({ level: l, criterion, evidence: "" }));
        const others = LEVELS.filter((l) => l !== (level ?? "l1"));
        const other = others[Math.floor(ticking() * others.length)] as string;
        return { competency, level, criteria: [...at(level ?? "l1"), ...at(other)] };
      });
      const saved = await store.assessments.saveDraft(draft.value.id, draft.value.version, { picks });
      if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
      await store.assessments.submit(saved.value.id, saved.value.version);
    };
    const cycle = async (month: number) => {
      const made = await store.cycles.create({
        name: `C${month}`,
        startsOn: `2030-0${month}-01`,
        endsOn: `2030-0${month}-28`,
      });
      if (!made.ok) throw new Error("cycle");
      return made.value;
    };
    for (const month of [1, 2]) {
      const closed = await cycle(month);
      for (const p of people) if (rnd() < 0.7) await assess(p.id, closed.id, pick(["self", "manager"]));
      for (const p of people) if (rnd() < 0.2) await assess(p.id, null, "self");
      await store.cycles.close(closed.id, closed.version);
    }
    // everyone's latest round is the open cycle: a self-assessment, and for some a manager's or agreed one
    const open = await cycle(3);
    for (const p of people) {
      await assess(p.id, open.id, "self");
      if (rnd() < 0.5) await assess(p.id, open.id, pick(["manager", "agreed"]));
    }
    return { store, people, open, clock };
  }

  async function summary() {
    const records = await sql<{ person_id: string; assessment_id: string }>`
      select person_id, assessment_id from team_records order by person_id`.execute(ctx.db);
    const picks = await sql<{
      person_id: string;
      competency: string;
      level: string | null;
      criteria_shown: number | string;
    }>`
      select person_id, competency, level, criteria_shown from team_record_picks order by person_id, competency`.execute(
      ctx.db,
    );
    return { records: records.rows, picks: picks.rows };
  }

  // One org for the record check and the heatmap check after it (the rebuild it ends with is held to leave the
  // records as they were): building it was most of each test's time.
  it("holds each person's record as latestOfRecord picks it, with all its picks, kept by submit as a rebuild keeps it; gives the heatmap by team and the ready page the numbers the assessments give, carried or not", async () => {
    const { store, people, open } = await org();
    const kept = await summary();
    const expected = await store.assessments.latestOfRecord(people.map((p) => p.id));
    expect(kept.records).toHaveLength(people.length);
    for (const row of kept.records) {
      const record = expected.get(row.person_id);
      expect(row.assessment_id).toBe(record?.id);
      const picks = kept.picks.filter((p) => p.person_id === row.person_id);
      expect(picks.map((p) => [p.competency, p.level, Number(p.criteria_shown)])).toEqual(
        [...(record?.picks ?? [])]
          .map((p) => [p.competency, p.level, criteriaShownAt(p.level, p.criteria ?? [])])
          .sort(([x], [y]) => String(x).localeCompare(String(y))),
      );
    }
    expect(kept.picks.some((p) => p.level === null)).toBe(true);
    expect(kept.picks.some((p) => Number(p.criteria_shown) > 0)).toBe(true);
    await refreshTeamRecords(ctx.db, "everyone");
    expect(await summary()).toEqual(kept);

    const boss = people[0]?.id as string;
    const roots: TeamRoot[] = ["everyone", { below: boss }, { subtree: people[1]?.id as string }];
    const filters: TeamFilter[] = [
      { framework: "eng" },
      { framework: "eng", status: "ready" },
      { framework: "eng", level: "l2" },
    ];
    let cells = 0;
    let shown = 0;
    for (const scales of [SCALES, CARRIED, ONE_TO_ONE])
      for (const root of roots)
        for (const filter of filters) {
          const through = await store.teamPages.branches(root, filter, { dueCycleId: open.id }, scales);
          // the open cycle's records are everyone's latest: read from the assessments, not the summary
          const full = await store.teamPages.branches(
            root,
            filter,
            { dueCycleId: open.id, cycleId: open.id },
            scales,
          );
          expect(through).toEqual(full);
          cells += through.reduce((n, b) => n + b.cells.size, 0);
          for (const branch of through)
            for (const cell of branch.cells.values()) {
              if (cell.criteria) expect(cell.criteria.shown).toBeLessThanOrEqual(cell.criteria.of);
              shown += cell.criteria?.shown ?? 0;
            }
          const order = { sort: "name" as const, descending: false, offset: 0, limit: 50 };
          const ready = { ...filter, status: "ready" as const };
          expect(await store.teamPages.page(root, ready, {}, scales, order)).toEqual(
            await store.teamPages.page(root, ready, { cycleId: open.id }, scales, order),
          );
        }
    // the comparison is about something: cells and ready people on both scales
    expect(cells).toBeGreaterThan(50);
    expect(shown).toBeGreaterThan(20);
    const readyAll = await store.teamPages.branches("everyone", { framework: "eng" }, {}, CARRIED);
    expect(readyAll.reduce((n, b) => n + b.ready, 0)).toBeGreaterThan(0);
  });

  it("reads the heatmap by team from the sums and the kept readiness, carried one to one, and works out again what changed", async () => {
    const { people, open } = await org();
    const queries: string[] = [];
    const spy = createStore({
      ...ctx.database,
      db: ctx.database.db.withPlugin({
        transformQuery: (args) => {
          queries.push(ctx.database.db.getExecutor().compileQuery(args.node, args.queryId).sql);
          return args.node;
        },
        transformResult: async (args) => args.result,
      }),
    });
    const picksRead = async (scales: TeamScales) => {
      queries.length = 0;
      const through = await spy.teamPages.branches("everyone", { framework: "eng" }, {}, scales);
      const full = await spy.teamPages.branches(
        "everyone",
        { framework: "eng" },
        { cycleId: open.id },
        scales,
      );
      expect(through).toEqual(full);
      // the full aggregate (?cycle=) reads the assessments' picks: only what came before it counts
      const mine = queries.slice(
        0,
        queries.findIndex((q) => q.includes("assessment_picks")),
      );
      return mine.filter((q) => q.includes("team_record_picks"));
    };
    // the first read works "ready" out for everyone (one statement), the next reads it as kept
    expect(await picksRead(ONE_TO_ONE)).toHaveLength(1);
    expect(await picksRead(ONE_TO_ONE)).toHaveLength(0);
    // another framework as loaded (its basis), or a level changed: worked out again, then kept
    expect(await picksRead(SCALES)).toHaveLength(1);
    expect(await picksRead(SCALES)).toHaveLength(0);
    const person = (await spy.people.get(people[3]?.id as string)) as NonNullable<
      Awaited<ReturnType<typeof spy.people.get>>
    >;
    const level = person.level === "l1" ? "l2" : "l1";
    expect((await spy.people.update(person.id, person.version, { level })).ok).toBe(true);
    expect(await picksRead(SCALES)).toHaveLength(1);
    expect(await picksRead(SCALES)).toHaveLength(0);
    // a table where two old competencies reach one is carried person by person: every pick, every read
    for (let i = 0; i < 2; i++) {
      const [read, ...more] = await picksRead(CARRIED);
      expect(more).toEqual([]);
      expect(read).toMatch(/^\s*with recursive[\s\S]*sum\(e\.nd\)/);
    }
  });

  it("keeps the sums per subtree exact as people move teams, change level, leave and join", async () => {
    const { store, people, open } = await org();
    const id = (i: number) => people[i]?.id as string;
    const sums = async () => ({
      picks: (
        await sql`select * from team_sums order by node_id, framework, version, competency, level, own_level`.execute(
          ctx.db,
        )
      ).rows,
      people: (await sql`select * from team_sum_people order by node_id, framework, kind`.execute(ctx.db))
        .rows,
    });
    // the heatmap by team from the sums, against the full aggregate (the open cycle's records are everyone's latest)
    const same = async () => {
      for (const root of ["everyone", { below: id(0) }, { subtree: id(1) }, { below: id(2) }] as TeamRoot[]) {
        const summed = await store.teamPages.branches(
          root,
          { framework: "eng" },
          { dueCycleId: open.id },
          SCALES,
        );
        const full = await store.teamPages.branches(
          root,
          { framework: "eng" },
          { dueCycleId: open.id, cycleId: open.id },
          SCALES,
        );
        expect(summed).toEqual(full);
      }
      // and what the writes kept is what a rebuild makes
      const kept = await sums();
      await ctx.db.transaction().execute((trx) => refreshTeamSums(trx, ctx.dialect, "everyone"));
      expect(await sums()).toEqual(kept);
      expect(kept.picks.length).toBeGreaterThan(0);
    };
    await same();
    const person = async (i: number) =>
      (await store.people.get(id(i))) as NonNullable<Awaited<ReturnType<typeof store.people.get>>>;
    // P05 (with their reports) moves from P01 to P03; P02 changes level; P07 leaves; P01 goes to the top
    expect((await store.people.setManager(id(5), id(3))).ok).toBe(true);
    expect((await store.people.update(id(2), (await person(2)).version, { level: "l4" })).ok).toBe(true);
    expect((await store.people.deactivate(id(7))).ok).toBe(true);
    expect((await store.people.setManager(id(1), null)).ok).toBe(true);
    await same();
    // someone joins below P03, and P07 comes back
    const made = await store.people.create({
      name: "New",
      email: "new@example.com",
      managerId: id(3),
      framework: "eng",
      track: "main",
      level: "l2",
    });
    expect(made.ok).toBe(true);
    expect((await store.people.reactivate(id(7))).ok).toBe(true);
    await same();
  });
});

describeEachDatabase("team records: ready written back by reads", (ctx) => {
  const total = (branches: { ready: number }[]) => branches.reduce((n, b) => n + b.ready, 0);

  it("lets reads of different teams write back ready at once after a framework change, and agree", async () => {
    const store = createStore(ctx.database);
    const { people } = await teamOf(store, 30);
    const roots: TeamRoot[] = ["everyone", { below: people[0] as string }, { subtree: people[1] as string }];
    const read = (root: TeamRoot, scales: TeamScales) =>
      store.teamPages.branches(root, { framework: "eng" }, {}, scales);
    for (const scales of [CARRIED, ONE_TO_ONE, CARRIED]) {
      // every record's ready is stale for these scales: each read writes them back, all at once
      const together = await Promise.all([...roots, ...roots.toReversed()].map((root) => read(root, scales)));
      const after = await Promise.all(roots.map((root) => read(root, scales)));
      expect(together.slice(0, roots.length)).toEqual(after);
      expect(total(after[0] ?? [])).toBeGreaterThan(0);
    }
  });

  it("never waits on a record another transaction holds (PostgreSQL: SKIP LOCKED), so it cannot deadlock", async (test) => {
    if (ctx.dialect !== "postgres") {
      // Skipped on SQLite by design: one writer at a time and no row locks, so there is nothing to wait on
      test.skip("row locks are PostgreSQL's (SQLite has one writer at a time)");
      return;
    }
    const store = createStore(ctx.database);
    const { people } = await teamOf(store, 30);
    const read = () => store.teamPages.branches("everyone", { framework: "eng" }, {}, ONE_TO_ONE);
    const another = ctx.openAnother();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    // another process mid-transaction on one record (a read writing it back, a submit, a restore)
    const holder = another.db.transaction().execute(async (trx) => {
      await sql`select 1 from team_records where person_id = ${people[3] as string} for update`.execute(trx);
      locked();
      await held;
    });
    await isLocked;
    const answer = await Promise.race([
      read().then((branches) => ({ branches })),
      new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 5_000)),
    ]);
    release();
    await holder;
    expect(answer).not.toBe("waited");
    // the held record is worked out by the next read: then every record counts
    const full = await read();
    if (answer !== "waited") expect(total(answer.branches)).toBeLessThanOrEqual(total(full));
    expect(total(full)).toBeGreaterThan(0);
  });
});

/** `size` people in a tree of fours under the first, each with a submitted self-assessment outside cycles. */
async function teamOf(store: ReturnType<typeof createStore>, size: number) {
  const rnd = random(11);
  const people: string[] = [];
  for (let i = 0; i < size; i++) {
    const made = await store.people.create({
      name: `R${String(i).padStart(2, "0")}`,
      email: `r${i}@example.com`,
      managerId: i === 0 ? null : (people[Math.floor((i - 1) / 4)] ?? null),
      framework: "eng",
      track: "main",
      level: LEVELS[i % 3] as string,
    });
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    people.push(made.value.id);
    const draft = await store.assessments.startDraft({
      personId: made.value.id,
      authorId: made.value.id,
      kind: "self",
      cycleId: null,
      framework: "eng",
      frameworkVersion: "v2",
      level: null,
    });
    if (!draft.ok) throw new Error(JSON.stringify(draft.problems));
    // most reach their next level in every competency, some stay at their own
    const picks = COMPETENCIES.map((competency) => ({
      competency,
      level: LEVELS[(i % 3) + (rnd() < 0.9 ? 1 : 0)] as string,
    }));
    const saved = await store.assessments.saveDraft(draft.value.id, draft.value.version, { picks });
    if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
    await store.assessments.submit(saved.value.id, saved.value.version);
  }
  return { people };
}
