import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { countingQueries, describeEachDatabase, manualClock } from "../../test/support/databases.js";
import type { FrameworkSnapshot, Pick } from "../core/assessment.js";
import { AssessmentsRepository } from "./assessments.repository.js";
import { encodeTime } from "./columns.js";
import { createStore, type Store } from "./store.js";
import type { Assessment, AssessmentKind, Outcome, Person } from "./types.js";

function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome.problems)}`);
  return outcome.value;
}

function codes<T>(outcome: Outcome<T>): string[] {
  return outcome.ok ? [] : outcome.problems.map((p) => `${p.field ?? ""}:${p.code}`);
}

const SNAPSHOT: FrameworkSnapshot = {
  framework: "eng",
  version: "sha256:abc",
  label: "2030.1 — «draft»",
  name: "Engineering 😀",
  levels: [
    { id: "l1", name: "Engineer", rank: 0, track: "ic", next: ["l2"] },
    { id: "l2", name: "Senior <b>engineer</b>", rank: 1, track: "ic", next: ["m1"] },
    { id: "m1", name: "Manager", rank: 2, track: "mgmt", next: [] },
  ],
  competencies: [
    {
      id: "delivery",
      name: "Delivery",
      area: "craft",
      areaName: "Craft",
      expectations: { l1: "Ships with help.", l2: "Ships '; DROP TABLE people; -- alone." },
      bands: { l1: ["meets", "exceeds"] },
    },
    {
      id: "care",
      name: "Care",
      area: "people",
      areaName: "People",
      expectations: { m1: "Grows a team.\n\nAnd more." },
    },
  ],
  bands: [
    { id: "meets", name: "Meets" },
    { id: "exceeds", name: "Exceeds" },
  ],
};

describeEachDatabase("assessments repository", (ctx) => {
  const clock = manualClock();
  const store = (): Store => createStore(ctx.database, { clock });
  const assessments = () => store().assessments;
  let n = 0;
  const person = async (extra: { managerId?: string } = {}): Promise<Person> =>
    value(
      await store().people.create({
        name: `Person ${++n}`,
        email: `p${n}-${randomUUID()}@example.com`,
        ...extra,
      }),
    );
  const start = async (who: Person, kind: AssessmentKind = "self", cycleId: string | null = null) =>
    value(
      await assessments().startDraft({
        personId: who.id,
        authorId: who.id,
        kind,
        cycleId,
        framework: "eng",
        frameworkVersion: SNAPSHOT.version,
        level: "l1",
      }),
    );
  /** Starts, saves and submits an assessment in one go. */
  const submitted = async (who: Person, kind: AssessmentKind, cycleId: string | null, picks: Pick[]) => {
    const draft = await start(who, kind, cycleId);
    const saved = value(await assessments().saveDraft(draft.id, draft.version, { picks }));
    clock.advance(1_000);
    return value(await assessments().submit(saved.id, saved.version));
  };
  const cycle = async (name: string, startsOn = "2030-01-01") =>
    value(await store().cycles.create({ name, startsOn, endsOn: "2030-12-31" }));

  it("keeps a framework snapshot once per version and reads it back equal", async () => {
    await store().snapshots.save(SNAPSHOT);
    await store().snapshots.save(SNAPSHOT);
    // a version's content never changes: a different snapshot under the same key does not replace it
    await store().snapshots.save({ ...SNAPSHOT, name: "Changed" });
    expect(await store().snapshots.get("eng", SNAPSHOT.version)).toEqual(SNAPSHOT);
    const rows = await ctx.db.selectFrom("framework_snapshots").select("version").execute();
    expect(rows).toHaveLength(1);
    await Promise.all([1, 2, 3].map(() => store().snapshots.save({ ...SNAPSHOT, version: "v2" })));
    expect((await store().snapshots.get("eng", "v2"))?.version).toBe("v2");
    expect(await store().snapshots.get("eng", "unknown")).toBeUndefined();
    expect(await store().snapshots.get("other", SNAPSHOT.version)).toBeUndefined();
  });

  it("starts one draft per person, kind and cycle; starting again returns the same draft", async () => {
    const ada = await person();
    const spring = await cycle("Spring");
    const draft = await start(ada, "self", spring.id);
    expect(draft).toMatchObject({
      personId: ada.id,
      authorId: ada.id,
      kind: "self",
      cycleId: spring.id,
      framework: "eng",
      frameworkVersion: SNAPSHOT.version,
      level: "l1",
      target: null,
      status: "draft",
      version: 1,
      submittedAt: null,
      picks: [],
    });
    expect(draft.createdAt).toEqual(clock.now());
    expect(await start(ada, "self", spring.id)).toEqual(draft);
    expect(await assessments().draft(ada.id, "self", spring.id)).toEqual(draft);
    expect(await assessments().get(draft.id)).toEqual(draft);

    // another kind, no cycle, another cycle: each its own draft
    const others = [
      await start(ada, "manager", spring.id),
      await start(ada, "self", null),
      await start(ada, "self", (await cycle("Autumn")).id),
    ];
    expect(new Set([draft.id, ...others.map((o) => o.id)]).size).toBe(4);
    expect((await start(ada, "self", null)).id).toBe(others[1]?.id);
    expect(await assessments().draft(ada.id, "agreed", spring.id)).toBeUndefined();
    expect(await assessments().draft(ada.id, "self", "not-an-id")).toBeUndefined();
  });

  it("of many simultaneous starts exactly one draft results, and all get it", async () => {
    const ada = await person();
    const spring = await cycle("Spring");
    // PostgreSQL: a second pool, as another app process. SQLite: the one connection per process (see openDatabase).
    const other = new AssessmentsRepository(
      ctx.dialect === "postgres" ? ctx.openAnother() : ctx.database,
      clock,
    );
    for (const cycleId of [spring.id, null]) {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? other : assessments()).startDraft({
            personId: ada.id,
            authorId: ada.id,
            kind: "self",
            cycleId,
            framework: "eng",
            frameworkVersion: "v1",
            level: null,
          }),
        ),
      );
      const ids = new Set(results.map((r) => value(r).id));
      expect(ids.size).toBe(1);
    }
    const rows = await ctx.db
      .selectFrom("assessments")
      .select("id")
      .where("person_id", "=", ada.id)
      .execute();
    expect(rows).toHaveLength(2);
  });

  it("refuses bad starts with located problems", async () => {
    const ada = await person();
    const closed = await cycle("Closed");
    value(await store().cycles.close(closed.id));
    const base = {
      personId: ada.id,
      authorId: ada.id,
      kind: "self" as const,
      cycleId: null,
      framework: "eng",
      frameworkVersion: "v1",
      level: null,
    };
    expect(codes(await assessments().startDraft({ ...base, personId: randomUUID() }))).toEqual([
      "personId:not-found",
    ]);
    expect(codes(await assessments().startDraft({ ...base, personId: "1 or 1=1" }))).toEqual([
      "personId:not-found",
    ]);
    expect(
      codes(
        await assessments().startDraft({
          ...base,
          kind: "peer" as never,
          framework: " ",
          frameworkVersion: "x\u0000",
          authorId: randomUUID(),
          cycleId: randomUUID(),
        }),
      ),
    ).toEqual([
      "kind:invalid-choice",
      "framework:required",
      "frameworkVersion:invalid-text",
      "authorId:person-not-found",
      "cycleId:cycle-not-found",
    ]);
    expect(codes(await assessments().startDraft({ ...base, cycleId: closed.id }))).toEqual([
      "cycleId:cycle-closed",
    ]);
    expect(await ctx.db.selectFrom("assessments").select("id").execute()).toEqual([]);
  });

  it("saves a draft at its version; a stale version is a conflict carrying the stored picks", async () => {
    const ada = await person();
    const draft = await start(ada);
    clock.advance(5_000);
    const mine: Pick[] = [
      {
        competency: "delivery",
        level: "l2",
        band: "meets",
        evidence: "Shipped X",
        links: ["https://example.com/x"],
      },
      { competency: "care", level: null },
    ];
    const saved = value(
      await assessments().saveDraft(draft.id, draft.version, { picks: mine, target: "l2" }),
    );
    expect(saved).toMatchObject({ version: 2, target: "l2", status: "draft" });
    expect(saved.updatedAt.getTime()).toBe(draft.updatedAt.getTime() + 5_000);
    // ordered by competency, every field present
    expect(saved.picks).toEqual([
      { competency: "care", level: null, band: null, evidence: "", links: [], criteria: [], comment: "" },
      {
        competency: "delivery",
        level: "l2",
        band: "meets",
        evidence: "Shipped X",
        links: ["https://example.com/x"],
        criteria: [],
        comment: "",
      },
    ]);
    expect(await assessments().get(draft.id)).toEqual(saved);

    // the second tab still holds version 1
    const stale = await assessments().saveDraft(draft.id, draft.version, {
      picks: [{ competency: "delivery", level: "l1" }],
    });
    expect(codes(stale)).toEqual([":stale-version"]);
    expect(stale.ok ? undefined : stale.problems[0]?.kind).toBe("conflict");
    expect(stale.ok ? undefined : stale.current).toEqual(saved);
    expect(await assessments().get(draft.id)).toEqual(saved);
    expect(codes(await assessments().saveDraft(draft.id, Number.NaN, {}))).toEqual([":stale-version"]);

    // picks replace the whole set; other fields can change alone
    const again = value(
      await assessments().saveDraft(draft.id, saved.version, {
        picks: [{ competency: "delivery", level: "l1" }],
        frameworkVersion: "v2",
      }),
    );
    expect(again).toMatchObject({ version: 3, frameworkVersion: "v2", target: "l2" });
    expect(again.picks.map((p) => p.competency)).toEqual(["delivery"]);
    const targetOnly = value(await assessments().saveDraft(draft.id, again.version, { target: null }));
    expect(targetOnly).toMatchObject({ version: 4, target: null, picks: again.picks });

    expect(codes(await assessments().saveDraft(randomUUID(), 1, {}))).toEqual([":not-found"]);
    expect(codes(await assessments().saveDraft("'; --", 1, {}))).toEqual([":not-found"]);
  });

  it("two tabs saving the same version at once: one wins, the other gets a conflict with the winner's picks", async () => {
    const ada = await person();
    const draft = await start(ada);
    const other = new AssessmentsRepository(
      ctx.dialect === "postgres" ? ctx.openAnother() : ctx.database,
      clock,
    );
    const [a, b] = await Promise.all([
      assessments().saveDraft(draft.id, draft.version, { picks: [{ competency: "delivery", level: "l1" }] }),
      other.saveDraft(draft.id, draft.version, { picks: [{ competency: "delivery", level: "l2" }] }),
    ]);
    const winner = [a, b].find((r) => r.ok);
    const loser = [a, b].find((r) => !r.ok);
    expect(winner && loser).toBeTruthy();
    expect(codes(loser as Outcome<Assessment>)).toEqual([":stale-version"]);
    const stored = await assessments().get(draft.id);
    expect(stored?.version).toBe(2);
    expect(loser?.ok ? undefined : loser?.current).toEqual(stored);
    expect(winner?.ok ? winner.value : undefined).toEqual(stored);
  });

  it("refuses bad picks with problems located by competency, and keeps what was stored", async () => {
    const ada = await person();
    const draft = value(
      await assessments().saveDraft((await start(ada)).id, 1, {
        picks: [{ competency: "delivery", level: "l1" }],
      }),
    );
    const outcome = await assessments().saveDraft(draft.id, draft.version, {
      picks: [
        {
          competency: "delivery",
          level: "l2",
          links: ["javascript:alert(1)", "https://ok.example/", "ftp://x"],
        },
        { competency: "delivery", level: "l1" },
        { competency: "care", level: "x".repeat(201), evidence: "a\u0000b" },
        { competency: "", level: "l1" },
        "not a pick" as never,
        {
          competency: "many",
          level: "l1",
          links: Array.from({ length: 21 }, (_, i) => `https://e.example/${i}`),
        },
        { competency: "long", level: "l1", evidence: "e".repeat(10_001) },
        {
          competency: "ticks",
          level: "l1",
          criteria: [
            { level: "l1", criterion: "owns-rollout", evidence: "ok" },
            { level: "l2", criterion: "owns-rollout", evidence: "another level: fine" },
            { level: "l1", criterion: "owns-rollout", evidence: "twice" },
            { level: "l1", criterion: "", evidence: "" },
            { level: "l1", criterion: "x", evidence: "bell\u0007" },
            { level: "l1", criterion: "y", evidence: "e".repeat(2_001) },
            { criterion: "z", evidence: "" } as never,
          ],
          comment: "c".repeat(2_001),
        },
        {
          competency: "tick-flood",
          level: "l1",
          criteria: Array.from({ length: 101 }, (_, i) => ({
            level: "l1",
            criterion: `c${i}`,
            evidence: "",
          })),
        },
        { competency: "tick-shape", level: "l1", criteria: "all" as never, comment: 7 as never },
      ],
    });
    expect(codes(outcome)).toEqual([
      "picks.delivery.links[0]:invalid-link",
      "picks.delivery.links[2]:invalid-link",
      "picks.delivery:duplicate-competency",
      "picks.care.level:too-long",
      "picks.care.evidence:invalid-text",
      "picks[3].competency:required",
      "picks[4]:invalid-text",
      "picks.many.links:too-many",
      "picks.long.evidence:too-long",
      "picks.ticks.criteria[2]:duplicate-criterion",
      "picks.ticks.criteria[3].criterion:required",
      "picks.ticks.criteria[4].evidence:invalid-text",
      "picks.ticks.criteria[5].evidence:too-long",
      "picks.ticks.criteria[6].level:required",
      "picks.ticks.comment:too-long",
      "picks.tick-flood.criteria:too-many",
      "picks.tick-shape.criteria:invalid-text",
      "picks.tick-shape.comment:invalid-text",
    ]);
    expect(codes(await assessments().saveDraft(draft.id, draft.version, { picks: "all" as never }))).toEqual([
      "picks:invalid-text",
    ]);
    expect(codes(await assessments().saveDraft(draft.id, draft.version, { frameworkVersion: " " }))).toEqual([
      "frameworkVersion:required",
    ]);
    expect(await assessments().get(draft.id)).toEqual(draft);
  });

  it("keeps evidence and links exactly as written, SQL- and script-looking text included", async () => {
    const ada = await person();
    const draft = await start(ada);
    const hostile: Pick[] = [
      {
        competency: "o'brien\"; DROP TABLE assessment_picks; --",
        level: "<script>alert(1)</script>",
        band: "' OR '1'='1",
        evidence:
          "  Led the rollout.\r\n\r\n- <img src=x onerror=alert(1)>\n- '); DELETE FROM people; --\t😀 e\u0301  ",
        links: ["https://example.com/a?q='1'&r=<b>", "http://intranet.example/%27%3B"],
        criteria: [
          {
            level: "l2",
            criterion: "l2-1",
            evidence: "  Ran the '); DROP TABLE assessments; -- review\r\n<b>x</b>",
          },
          { level: "<b>l1</b>", criterion: "owns-rollout", evidence: "" },
        ],
        comment: "Let's talk about <script>alert(1)</script>\n\nand 😀 too ",
      },
    ];
    const saved = value(await assessments().saveDraft(draft.id, draft.version, { picks: hostile }));
    expect(saved.picks).toEqual(hostile);
    expect((await assessments().get(draft.id))?.picks).toEqual(hostile);
    expect(await ctx.db.selectFrom("people").select("id").execute()).toHaveLength(1);
  });

  it("submitting freezes an assessment; later saves and submits are refused with the stored one", async () => {
    const ada = await person();
    const draft = await start(ada);
    const saved = value(
      await assessments().saveDraft(draft.id, draft.version, {
        picks: [{ competency: "delivery", level: "l2" }],
      }),
    );
    expect(codes(await assessments().submit(draft.id, draft.version))).toEqual([":stale-version"]);
    clock.advance(1_000);
    const done = value(await assessments().submit(saved.id, saved.version));
    expect(done).toMatchObject({ status: "submitted", version: saved.version + 1, picks: saved.picks });
    expect(done.submittedAt).toEqual(clock.now());

    const late = await assessments().saveDraft(done.id, done.version, { picks: [] });
    expect(codes(late)).toEqual([":submitted"]);
    expect(late.ok ? undefined : late.current).toEqual(done);
    expect(codes(await assessments().submit(done.id, done.version))).toEqual([":submitted"]);
    expect(await assessments().get(done.id)).toEqual(done);
    expect(await assessments().draft(ada.id, "self", null)).toBeUndefined();
    // the next start is a new draft
    expect((await start(ada)).id).not.toBe(done.id);
  });

  it("keeps history oldest first, by kind, and lists a cycle's assessments", async () => {
    const ada = await person();
    const bob = await person();
    const spring = await cycle("Spring");
    const first = await submitted(ada, "self", spring.id, [{ competency: "delivery", level: "l1" }]);
    const managerView = await submitted(ada, "manager", spring.id, [{ competency: "delivery", level: "l2" }]);
    const second = await submitted(ada, "self", null, [{ competency: "delivery", level: "l2" }]);
    const draft = await start(ada, "self", null);
    await submitted(bob, "self", spring.id, []);

    expect((await assessments().history(ada.id)).map((a) => a.id)).toEqual([
      first.id,
      managerView.id,
      second.id,
    ]);
    expect(await assessments().history(ada.id, { kind: "self" })).toEqual([first, second]);
    expect(await assessments().history("nobody")).toEqual([]);

    const inSpring = await assessments().forCycle(spring.id);
    expect(inSpring).toHaveLength(3);
    expect((await assessments().forCycle(spring.id, [ada.id])).map((a) => a.id).sort()).toEqual(
      [first.id, managerView.id].sort(),
    );
    expect(await assessments().forCycle(spring.id, [])).toEqual([]);
    expect(await assessments().forCycle("nope")).toEqual([]);
    expect(draft.status).toBe("draft");
  });

  it("finds each person's latest submitted assessment for a whole team in two queries", async () => {
    // Many people straight into the tables (the repository path is tested above), two rounds each.
    const team = 700;
    const ids = Array.from({ length: team }, () => randomUUID());
    const now = encodeTime(clock.now());
    const rows = ids.map((id, i) => ({
      id,
      name: `P${i}`,
      name_key: `p${i}`,
      email: `p${i}@example.com`,
      email_key: `p${i}@example.com`,
      active: ctx.dialect === "postgres" ? true : 1,
      admin: ctx.dialect === "postgres" ? false : 0,
      version: 1,
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 400)
      await ctx.db
        .insertInto("people")
        .values(rows.slice(i, i + 400))
        .execute();
    const assessmentsRows = [];
    const pickRows = [];
    for (const [i, personId] of ids.entries()) {
      for (const round of [1, 2, 3]) {
        // round 3 is a draft: never "latest submitted"
        const id = randomUUID();
        const at = encodeTime(new Date(Date.UTC(2030, round, 1 + (i % 20))));
        assessmentsRows.push({
          id,
          person_id: personId,
          author_id: personId,
          kind: "self" as const,
          cycle_id: null,
          framework: "eng",
          framework_version: `v${round}`,
          level: "l1",
          target: null,
          status: round === 3 ? ("draft" as const) : ("submitted" as const),
          version: 1,
          created_at: at,
          updated_at: at,
          submitted_at: round === 3 ? null : at,
        });
        pickRows.push({
          assessment_id: id,
          competency: "delivery",
          level: `l${round}`,
          band: null,
          evidence: `round ${round}`,
          links: "[]",
        });
      }
    }
    for (let i = 0; i < assessmentsRows.length; i += 400)
      await ctx.db
        .insertInto("assessments")
        .values(assessmentsRows.slice(i, i + 400))
        .execute();
    for (let i = 0; i < pickRows.length; i += 400)
      await ctx.db
        .insertInto("assessment_picks")
        .values(pickRows.slice(i, i + 400))
        .execute();

    const counted = countingQueries(ctx.database);
    const repo = new AssessmentsRepository(counted.database, clock);
    // more ids than SQLite's 32,766 bound variables, most of them nobody's
    const asked = [...ids, ...Array.from({ length: 40_000 }, () => randomUUID()), "not-an-id"];
    const latest = await repo.latestSubmitted(asked, "self");
    expect(counted.queries()).toBe(2);
    expect(latest.size).toBe(team);
    for (const id of ids) {
      const a = latest.get(id);
      expect(a?.frameworkVersion).toBe("v2");
      expect(a?.picks).toEqual([
        {
          competency: "delivery",
          level: "l2",
          band: null,
          evidence: "round 2",
          links: [],
          criteria: [],
          comment: "",
        },
      ]);
    }
    expect((await repo.latestSubmitted(ids, "manager")).size).toBe(0);
    expect((await repo.latestOfRecord(ids)).get(ids[0] as string)?.frameworkVersion).toBe("v2");
    expect(counted.queries()).toBe(5); // the manager query found nobody, so it read no picks
    expect((await repo.latestSubmitted([], "self")).size).toBe(0);
    // where each stands outside cycles: the latest submitted and the open draft, without picks, in one query
    const standings = await repo.standings(asked, null);
    expect(counted.queries()).toBe(6);
    expect(standings).toHaveLength(team * 2);
    expect(new Set(standings.map((a) => `${a.status} ${a.frameworkVersion}`))).toEqual(
      new Set(["submitted v2", "draft v3"]),
    );
    expect(standings[0]).not.toHaveProperty("picks");
    expect(await repo.standings(ids, randomUUID())).toEqual([]);
  });

  it("the assessment of record is the latest round's agreed one, else the manager's, else the self-assessment", async () => {
    const [ada, bob, cy, dee] = [await person(), await person(), await person(), await person()];
    const spring = await cycle("Spring", "2030-03-01");
    const autumn = await cycle("Autumn", "2030-09-01");
    const p = (level: string): Pick[] => [{ competency: "delivery", level }];

    // ada: spring has all three; autumn only a self-assessment so far → autumn's self
    await submitted(ada, "self", spring.id, p("l1"));
    await submitted(ada, "manager", spring.id, p("l1"));
    await submitted(ada, "agreed", spring.id, p("l1"));
    const adaAutumn = await submitted(ada, "self", autumn.id, p("l2"));
    // bob: the agreed one was submitted before the manager's (re)submission in the same round → still agreed
    await submitted(bob, "self", spring.id, p("l1"));
    const bobAgreed = await submitted(bob, "agreed", spring.id, p("l2"));
    await submitted(bob, "manager", spring.id, p("m1"));
    // cy: self and manager → manager
    await submitted(cy, "self", spring.id, p("l1"));
    const cyManager = await submitted(cy, "manager", spring.id, p("l2"));
    // dee: a round with an agreed one, then a later self-assessment outside any cycle → that
    await submitted(dee, "agreed", spring.id, p("l1"));
    const deeLater = await submitted(dee, "self", null, p("l2"));
    await start(dee, "agreed", autumn.id); // drafts never count

    const record = await assessments().latestOfRecord([ada.id, bob.id, cy.id, dee.id, randomUUID()]);
    expect([...record.keys()].sort()).toEqual([ada.id, bob.id, cy.id, dee.id].sort());
    expect(record.get(ada.id)).toEqual(adaAutumn);
    expect(record.get(bob.id)).toEqual(bobAgreed);
    expect(record.get(cy.id)).toEqual(cyManager);
    expect(record.get(dee.id)).toEqual(deeLater);
    expect((await assessments().latestSubmitted([bob.id], "manager")).get(bob.id)?.picks[0]?.level).toBe(
      "m1",
    );
  });

  it("deleting a person deletes their assessments and picks and clears their authorship", async () => {
    const boss = await person();
    const ada = await person({ managerId: boss.id });
    const own = await submitted(ada, "self", null, [{ competency: "delivery", level: "l1" }]);
    const byBoss = value(
      await assessments().startDraft({
        personId: ada.id,
        authorId: boss.id,
        kind: "manager",
        cycleId: null,
        framework: "eng",
        frameworkVersion: "v1",
        level: "l1",
      }),
    );
    const aboutBoss = await submitted(boss, "self", null, [{ competency: "care", level: "m1" }]);

    await ctx.db.deleteFrom("people").where("id", "=", boss.id).execute();
    expect(await assessments().get(aboutBoss.id)).toBeUndefined();
    expect((await assessments().get(byBoss.id))?.authorId).toBeNull();

    await ctx.db.deleteFrom("people").where("id", "=", ada.id).execute();
    expect(await assessments().get(own.id)).toBeUndefined();
    expect(await ctx.db.selectFrom("assessments").select("id").execute()).toEqual([]);
    expect(await ctx.db.selectFrom("assessment_picks").select("competency").execute()).toEqual([]);
  });
});
