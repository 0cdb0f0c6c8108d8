import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { createStore, type Store } from "./store.js";
import type { TeamRoot, TeamScales } from "./team-pages.repository.js";
import type { Person } from "./types.js";

/** A ladder of four levels, one track: each level's next is the one above; "senior" expects a and b. */
const LEVELS = ["junior", "mid", "senior", "lead"];
const SCALES: TeamScales = {
  ranks: LEVELS.map((level, i) => ({ framework: "eng", level, rank: i + 1 })),
  needs: [
    // to be ready for mid (from junior): a and b at mid; for senior (from mid): a, b and c at senior
    { framework: "eng", level: "junior", competency: "a", rank: 2 },
    { framework: "eng", level: "junior", competency: "b", rank: 2 },
    { framework: "eng", level: "mid", competency: "a", rank: 3 },
    { framework: "eng", level: "mid", competency: "b", rank: 3 },
    { framework: "eng", level: "mid", competency: "c", rank: 3 },
  ],
};

describeEachDatabase("team pages repository", (ctx) => {
  /**
   * Boss ─┬─ Mona (mid) ─┬─ Abe (junior: picks a=mid b=mid → ready, assessed in the open cycle)
   *       │              ├─ Bea (mid: a=senior b=senior c=mid → not ready; assessed in the closed cycle only)
   *       │              └─ Cid (junior, track "other", no assessment; deactivated Dee beside him)
   *       └─ Nils (senior, framework "other") ── Ola (mid: a=lead b=senior c=senior → ready, a draft only
   *                                               in the open cycle, submitted in the closed one)
   */
  async function org() {
    const clock = manualClock();
    const store: Store = createStore(ctx.database, { clock });
    const add = async (name: string, managerId: string | null, level: string | null, more = {}) => {
      const made = await store.people.create({
        name,
        email: `${name.toLowerCase()}@example.com`,
        managerId,
        framework: "eng",
        track: "main",
        level,
        ...more,
      });
      if (!made.ok) throw new Error(JSON.stringify(made.problems));
      return made.value;
    };
    const boss = await add("Boss", null, "lead");
    const mona = await add("Mona", boss.id, "mid");
    const nils = await add("Nils", boss.id, "senior", { framework: "other" });
    const abe = await add("Abe", mona.id, "junior");
    const bea = await add("Bea", mona.id, "mid");
    const cid = await add("Cid", mona.id, "junior", { track: "other" });
    const dee = await add("Dee", mona.id, "junior");
    await store.people.deactivate(dee.id);
    const ola = await add("Ola", nils.id, "mid");
    const cycle = async (name: string, month: number) => {
      const made = await store.cycles.create({
        name,
        startsOn: `2030-0${month}-01`,
        endsOn: `2030-0${month}-28`,
      });
      if (!made.ok) throw new Error("cycle");
      return made.value;
    };
    const assess = async (
      person: Person,
      cycleId: string,
      picks: Record<string, string | null>,
      submit = true,
    ) => {
      clock.advance(60_000);
      const draft = await store.assessments.startDraft({
        personId: person.id,
        authorId: person.id,
        kind: "self",
        cycleId,
        framework: "eng",
        frameworkVersion: "v1",
        level: person.level,
      });
      if (!draft.ok) throw new Error(JSON.stringify(draft.problems));
      const list = Object.entries(picks).map(([competency, level]) => ({ competency, level }));
      const saved = await store.assessments.saveDraft(draft.value.id, draft.value.version, { picks: list });
      if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
      if (submit) await store.assessments.submit(saved.value.id, saved.value.version);
    };
    const closed = await cycle("Spring", 1);
    await assess(bea, closed.id, { a: "senior", b: "senior", c: "mid" });
    await assess(ola, closed.id, { a: "lead", b: "senior", c: "senior" });
    await store.cycles.close(closed.id, closed.version);
    const open = await cycle("Summer", 2);
    await assess(abe, open.id, { a: "mid", b: "mid" });
    await assess(ola, open.id, { a: "junior" }, false);
    return { store, boss, mona, nils, abe, bea, cid, dee, ola, closed, open, add, assess };
  }

  const names = (rows: { person: Person }[]) => rows.map((r) => r.person.name);
  const order = { sort: "name" as const, descending: false, offset: 0, limit: 50 };

  it("pages a team in SQL: the tree walk, filters, sorts, totals, paging and privacy of drafts", async () => {
    const { store, boss, mona, open } = await org();
    const pages = store.teamPages;
    const when = { dueCycleId: open.id };
    const mine: TeamRoot = { below: boss.id };
    const all = await pages.page(mine, {}, when, SCALES, order);
    expect(names(all.rows)).toEqual(["Abe", "Bea", "Cid", "Mona", "Nils", "Ola"]);
    expect(all.total).toBe(6);
    expect(all.rows.find((r) => r.person.name === "Abe")?.managerName).toBe("Mona");
    // assessed means submitted in the due cycle: Ola's draft there does not count
    expect(names(all.rows.filter((r) => r.assessed))).toEqual(["Abe"]);

    const paged = await pages.page(mine, {}, when, SCALES, { ...order, offset: 2, limit: 2 });
    expect(names(paged.rows)).toEqual(["Cid", "Mona"]);
    expect(paged.total).toBe(6);

    const byLevel = await pages.page(mine, {}, when, SCALES, { ...order, sort: "level", descending: true });
    // Nils is on another framework: no rank, last
    expect(names(byLevel.rows)).toEqual(["Bea", "Mona", "Ola", "Abe", "Cid", "Nils"]);
    const byTeam = await pages.page(mine, {}, when, SCALES, { ...order, sort: "team" });
    expect(names(byTeam.rows)).toEqual(["Mona", "Nils", "Abe", "Bea", "Cid", "Ola"]);

    const filtered = async (filter: object) =>
      names((await pages.page(mine, filter, when, SCALES, order)).rows);
    expect(await filtered({ level: "junior" })).toEqual(["Abe", "Cid"]);
    expect(await filtered({ track: "other" })).toEqual(["Cid"]);
    expect(await filtered({ framework: "other" })).toEqual(["Nils"]);
    expect(await filtered({ status: "unassessed" })).toEqual(["Bea", "Cid", "Mona", "Nils", "Ola"]);
    // ready: Abe (junior → mid: a and b at mid) and Ola (mid → senior: a, b, c at senior or above)
    expect(await filtered({ status: "ready" })).toEqual(["Abe", "Ola"]);
    // without a due cycle, any submitted assessment counts
    const ever = await pages.page(mine, { status: "assessed" }, {}, SCALES, order);
    expect(names(ever.rows)).toEqual(["Abe", "Bea", "Ola"]);
    // only the chosen cycle's assessments count for the record: in Summer, Ola has only a draft
    const inOpen = await pages.page(mine, { status: "ready" }, { cycleId: open.id }, SCALES, order);
    expect(names(inOpen.rows)).toEqual(["Abe"]);

    // a drill-down includes its top person; "everyone" is every active person
    const drill = await pages.page({ subtree: mona.id }, {}, when, SCALES, order);
    expect(names(drill.rows)).toEqual(["Abe", "Bea", "Cid", "Mona"]);
    expect((await pages.page("everyone", {}, when, SCALES, order)).total).toBe(7);
    // an id that is not one matches nothing, without asking the database
    expect((await pages.page({ below: "nope" }, {}, when, SCALES, order)).total).toBe(0);
  });

  it("aggregates by team in SQL: people, assessed, ready and the mean difference per competency", async () => {
    const { store, boss, mona, open } = await org();
    const branches = await store.teamPages.branches(
      { below: boss.id },
      { framework: "eng" },
      { dueCycleId: open.id },
      SCALES,
    );
    // Nils is on another framework: his branch holds only Ola
    expect(branches.map((b) => [b.person.name, b.people, b.assessed, b.ready])).toEqual([
      ["Mona", 4, 1, 1],
      ["Nils", 1, 0, 1],
    ]);
    const mona_ = branches[0];
    // a: Abe mid−junior = +1, Bea senior−mid = +1 → 1; c: Bea mid−mid = 0
    expect(mona_?.cells.get("a")).toEqual({ mean: 1, picks: 2 });
    expect(mona_?.cells.get("c")).toEqual({ mean: 0, picks: 1 });
    expect(branches[1]?.cells.get("a")).toEqual({ mean: 2, picks: 1 });
    const drill = await store.teamPages.branches({ subtree: mona.id }, { framework: "eng" }, {}, SCALES);
    expect(drill.map((b) => [b.person.name, b.people])).toEqual([
      ["Abe", 1],
      ["Bea", 1],
      ["Cid", 1],
      ["Mona", 1],
    ]);
  });

  it("reads records of another version through the carry tables, however many rows they have", async () => {
    const { store, boss, open } = await org();
    // the records were made on "v1"; "v2" is loaded: a became z (so Abe's a no longer counts for mid), and
    // fourteen thousand other moves (more than a statement may bind on either database), one with a quote in it
    const filler = Array.from({ length: 14_000 }, (_, i) => ({
      from: `old-${i}'s`,
      to: `new-${i}`,
      direct: false,
    }));
    const carried: TeamScales = {
      ...SCALES,
      carry: [
        {
          framework: "eng",
          current: "v2",
          versions: [
            { version: "v1", competencies: [{ from: "a", to: "z", direct: false }, ...filler], levels: [] },
          ],
        },
      ],
    };
    const branches = await store.teamPages.branches(
      { below: boss.id },
      { framework: "eng" },
      { dueCycleId: open.id },
      carried,
    );
    const mona = branches[0];
    expect(mona?.cells.get("a")).toBeUndefined();
    expect(mona?.cells.get("z")).toEqual({ mean: 1, picks: 2 });
    expect(mona?.ready).toBe(0);
    const ready = await store.teamPages.page({ below: boss.id }, { status: "ready" }, {}, carried, order);
    expect(names(ready.rows)).toEqual([]);
    // a version whose table moves nothing (a rewording) reads as stored, as does one the carry does not name
    for (const version of ["v1", "*"]) {
      const still: TeamScales = {
        ...SCALES,
        carry: [{ framework: "eng", current: "v2", versions: [{ version, competencies: [], levels: [] }] }],
      };
      const same = await store.teamPages.page({ below: boss.id }, { status: "ready" }, {}, still, order);
      expect(names(same.rows)).toEqual(["Abe", "Ola"]);
    }
  });

  it("is ready only with every expected competency picked at the next level: none missing, none without a level", async () => {
    const { store, mona, open, add, assess } = await org();
    const kim = await add("Kim", mona.id, "mid");
    const lou = await add("Lou", mona.id, "mid");
    const max = await add("Max", mona.id, "mid");
    await assess(kim, open.id, { a: "senior", b: "senior" }); // c not picked
    await assess(lou, open.id, { a: "senior", b: "senior", c: null }); // c picked without a level
    await assess(max, open.id, { a: "lead", b: "senior", c: "senior" });
    const ready = await store.teamPages.page(
      { subtree: mona.id },
      { status: "ready" },
      { dueCycleId: open.id },
      SCALES,
      order,
    );
    expect(names(ready.rows)).toEqual(["Abe", "Max"]);
  });

  it("answers from the indexes: the query plans on this database use them", async () => {
    const { store, boss, open } = await org();
    const plans: string[] = [];
    const explain =
      ctx.dialect === "sqlite" ? sql.raw("explain query plan ") : sql.raw("explain (format text) ");
    // capture the SQL the repository runs, then ask the database for the plan of each
    const queries: { sql: string; parameters: readonly unknown[] }[] = [];
    const spy = createStore({
      ...ctx.database,
      db: ctx.database.db.withPlugin({
        transformQuery: (args) => {
          const compiled = ctx.database.db.getExecutor().compileQuery(args.node, args.queryId);
          queries.push({ sql: compiled.sql, parameters: compiled.parameters });
          return args.node;
        },
        transformResult: async (args) => args.result,
      }),
    });
    const when = { dueCycleId: open.id };
    await spy.teamPages.page({ below: boss.id }, {}, when, SCALES, order);
    await spy.teamPages.page({ below: boss.id }, { status: "ready" }, when, SCALES, order);
    await spy.teamPages.branches({ below: boss.id }, { framework: "eng" }, when, SCALES);
    await spy.teamPages.branches(
      { below: boss.id },
      { framework: "eng" },
      { ...when, cycleId: open.id },
      SCALES,
    );
    expect(queries.length).toBe(9);
    await store.database.db.connection().execute(async (db) => {
      // PostgreSQL plans a table of a few rows as a sequential scan whatever the indexes: ask it for the
      // plan it would take on a table large enough to make the index worth it
      if (ctx.dialect === "postgres") await sql`set enable_seqscan = off`.execute(db);
      for (const q of queries) {
        const { rows } = await sql<
          Record<string, unknown>
        >`${explain}${sql.raw(inline(q, ctx.dialect))}`.execute(db);
        plans.push(rows.map((r) => String(r.detail ?? r["QUERY PLAN"])).join("\n"));
      }
      if (ctx.dialect === "postgres") await sql`reset enable_seqscan`.execute(db);
    });
    // the first page (rows and total in one), the page of those ready; by team: counts and means from the
    // sums per subtree, who is ready as kept on the records (team-ready.ts: none yet, so worked out for
    // those, written back and counted again), the people at the top of branches; then counts, ready and
    // means by team of one cycle's records in one statement (each statement computes the records anew)
    expect(plans).toHaveLength(9);
    const [page, ready, summed, kept, byTeam, keptAgain, tops, inCycle] = plans as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    // "ready" as kept: the tree walk and each record by its primary key, none of the picks
    expect(keptAgain).toBe(kept);
    expect(kept).toMatch(/people_tree_idx|people_manager_id_idx/);
    expect(kept).toMatch(/team_records_pkey|sqlite_autoindex_team_records_1/);
    expect(kept).not.toMatch(
      /team_record_picks|assessment_picks|Seq Scan on team_records|SCAN r\b(?! USING)/,
    );
    // the sums are read by each branch's node, by their primary keys; nobody's picks, no tree walk
    expect(summed).toMatch(/team_sums_pk|sqlite_autoindex_team_sums_1|PRIMARY KEY/);
    expect(summed).toMatch(/team_sum_people_pk|sqlite_autoindex_team_sum_people_1|PRIMARY KEY/);
    expect(summed).not.toMatch(/team_record_picks|assessment_picks|SCAN s\b(?! USING)|Seq Scan on team_sum/);
    expect(summed).toMatch(/people_tree_idx|people_manager_id_idx/);
    // the tree walk follows manager_id by an index (0009's carries the columns filtered and sorted on)
    for (const plan of [page, ready, byTeam, inCycle]) {
      expect(plan).toMatch(/people_tree_idx|people_manager_id_idx/);
      expect(plan).not.toMatch(/SCAN (people|c)\b(?! USING)|Seq Scan on people/);
    }
    // whoever is shown is read by their primary key, as is their manager
    expect(page).toMatch(/people_pkey|sqlite_autoindex_people_1/);
    // each person's latest record, and its picks, are read from migration 0011's summary by person: never
    // all of it, and none of the assessments or their picks
    for (const plan of [ready, byTeam]) {
      expect(plan).toMatch(/team_records_pkey|sqlite_autoindex_team_records_1/);
      expect(plan).toMatch(
        /Index Scan (on|using) team_record_picks_pk|SEARCH ap USING PRIMARY KEY \(person_id=\?\)/,
      );
      expect(plan).not.toMatch(/SCAN (a|ap)\b(?! USING)|Seq Scan on team_record|assessment_picks/);
    }
    // one cycle's records (?cycle=) are worked out from each person's assessments by their index, and their
    // picks read from migration 0009's index alone: no full scan of the picks, and none of their rows
    expect(inCycle).toMatch(/assessments_person_(submitted|status_cycle)_idx/);
    expect(inCycle).not.toMatch(/SCAN a\b(?! USING)|Seq Scan on assessments/);
    expect(inCycle).toMatch(
      /COVERING INDEX assessment_picks_level_idx|Index Only Scan using assessment_picks_level_idx/,
    );
    expect(inCycle).not.toMatch(/SCAN ap\b(?! USING)|Seq Scan on assessment_picks|team_record/);
    // the people at the top are read by their primary key
    expect(tops).toMatch(/people_pkey|sqlite_autoindex_people_1/);
    // "assessed in the due cycle", wherever it is asked, is answered from migration 0006's index
    // (on the page it is asked of the rows shown only: on these few rows PostgreSQL may rather hash the
    // cycle's assessments, read by their cycle_id index)
    // (by team from the sums, the due cycle's count is a row of team_sum_people)
    expect(inCycle).toMatch(/assessments_person_status_cycle_idx/);
    expect(page).toMatch(/assessments_person_status_cycle_idx|assessments_cycle_id_idx/);
  });
});

/** The query with its parameters written in, for EXPLAIN (which takes no bound parameters on PostgreSQL). */
function inline(q: { sql: string; parameters: readonly unknown[] }, dialect: string): string {
  const literal = (value: unknown) =>
    typeof value === "number" ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
  if (dialect === "postgres")
    return q.sql.replace(/\$(\d+)/g, (_, n: string) => literal(q.parameters[Number(n) - 1]));
  let i = 0;
  return q.sql.replace(/\?/g, () => literal(q.parameters[i++]));
}
