import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { type BackupDocument, exportAll, restoreAll } from "./backup.js";
import { MIGRATION_NAMES } from "./migrations.js";
import { createStore, type Store } from "./store.js";
import type { Outcome, Person } from "./types.js";

function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome.problems)}`);
  return outcome.value;
}

describeEachDatabase("backup and restore", (ctx) => {
  const clock = manualClock("2030-05-06T07:08:09.123Z");

  /** A bit of everything, including hostile text and people created before their managers are set. */
  async function populate(store: Store) {
    const add = async (name: string, email: string, extra: object = {}): Promise<Person> =>
      value(await store.people.create({ name, email, ...extra }));
    const dev = await add("Dev '; DROP TABLE people; --", "dev@example.com", { level: "<b>L3</b>" });
    clock.advance(1);
    const lead = await add("Léa Ünïcode 😀", "Lea@Example.com", { track: "ic", framework: "eng" });
    const ceo = await add("Ceo", "ceo@example.com", { admin: true, passwordHash: "$argon2id$fake" });
    const gone = await add("Gone", "gone@example.com");
    value(await store.people.setManager(dev.id, lead.id));
    value(await store.people.setManager(lead.id, ceo.id));
    value(await store.people.deactivate(gone.id));
    const policy = { idleMs: 3_600_000, absoluteMs: 86_400_000 };
    const live = await store.sessions.create(ceo.id, { userAgent: "Firefox", ip: "203.0.113.1" }, policy);
    const revoked = await store.sessions.create(dev.id, {}, policy);
    await store.sessions.revoke(revoked.session.id);
    await store.tokens.issue("reset", { personId: dev.id, payload: null, ttlMs: 60_000 });
    await store.tokens.issue("setup", { payload: '{"a":1}', ttlMs: 60_000 });
    await store.rateLimits.hit("signin:ceo@example.com", 5, 60_000);
    await store.locks.tryAcquire("prune", "host-1", 60_000);
    value(await store.settings.set("site.name", "Acme \"quoted\" 'single'"));

    // assessments: a closed and an open cycle, a snapshot, a submitted and a draft assessment, goals
    const spring = value(
      await store.cycles.create({ name: "Spring 'Q1'", startsOn: "2030-01-01", endsOn: "2030-03-31" }),
    );
    value(await store.cycles.close(spring.id));
    const autumn = value(
      await store.cycles.create({ name: "Autumn", startsOn: "2030-09-01", endsOn: "2030-10-31" }),
    );
    await store.assessments.saveSnapshot({
      framework: "eng",
      version: "v1",
      name: "Engineering <script>",
      levels: [{ id: "l3", name: "L3", rank: 2, track: "ic", next: [] }],
      competencies: [
        { id: "craft", name: "Craft", area: "a", areaName: "A", expectations: { l3: "Writes code '; --" } },
      ],
    });
    const start = (kind: "self" | "manager", cycleId: string | null) =>
      store.assessments.startDraft({
        personId: dev.id,
        authorId: kind === "self" ? dev.id : lead.id,
        kind,
        cycleId,
        framework: "eng",
        frameworkVersion: "v1",
        level: "l3",
      });
    const own = value(await start("self", autumn.id));
    const saved = value(
      await store.assessments.saveDraft(own.id, own.version, {
        target: "l4",
        picks: [
          {
            competency: "craft",
            level: "l3",
            band: "meets",
            evidence: " Led X.\r\n'; DROP TABLE goals; -- <b>",
            links: ["https://example.com/pr/1"],
          },
          { competency: "care", level: null },
        ],
      }),
    );
    const submitted = value(await store.assessments.submit(saved.id, saved.version));
    value(await start("manager", autumn.id));
    value(
      await store.goals.save(dev.id, dev.id, {
        assessmentId: submitted.id,
        framework: "eng",
        target: "l4",
        text: "Own a service end to end",
        sources: [{ kind: "expectation", competency: "craft", level: "l4" }],
      }),
    );
    return { liveToken: live.token, ceo, dev, submitted };
  }

  it("exports deterministically", async () => {
    await populate(createStore(ctx.database, { clock }));
    const first = await exportAll(ctx.database, { clock });
    const second = await exportAll(ctx.database, { clock });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first).toMatchObject({ format: "rungs-backup", version: 1, migrations: MIGRATION_NAMES });
    expect(first.tables.people.map((p) => p.id)).toEqual(first.tables.people.map((p) => p.id).sort());
    expect(first.tables.people.find((p) => p.email === "ceo@example.com")).toMatchObject({
      active: true,
      admin: true,
      password_hash: "$argon2id$fake",
    });
    expect(Object.keys(first.tables.people[0] ?? {})).not.toContain("email_key");
  });

  for (const target of ["sqlite", "postgres"] as const) {
    it(`restores into an empty ${target} database and exports the same document again`, async (test) => {
      if (!ctx.availableDialects.includes(target)) {
        // Skipped only where PostgreSQL is unreachable on a developer's machine; with CI=true the suite fails instead.
        test.skip(`${target} is not reachable in this run`);
        return;
      }
      const { liveToken, ceo, submitted } = await populate(createStore(ctx.database, { clock }));
      const doc = await exportAll(ctx.database, { clock });
      const restoredDb = await ctx.createDatabase(target);
      expect(value(await restoreAll(restoredDb, JSON.parse(JSON.stringify(doc))))).toEqual({
        people: 4,
        sessions: 2,
        one_time_tokens: 2,
        rate_limits: 1,
        locks: 1,
        settings: 1,
        cycles: 2,
        framework_snapshots: 1,
        assessments: 2,
        assessment_picks: 2,
        goals: 1,
      });
      const again = await exportAll(restoredDb, { clock });
      expect(JSON.stringify(again)).toBe(JSON.stringify(doc));

      // and the restored database works: sign-ins survive, the tree is intact, emails stay unique
      const restored = createStore(restoredDb, { clock });
      expect((await restored.sessions.lookup(liveToken))?.person.id).toBe(ceo.id);
      const dev = (await restored.people.getByEmail("DEV@example.com")) as Person;
      expect((await restored.people.chain(dev.id)).map((p) => p.email)).toEqual([
        "Lea@Example.com",
        "ceo@example.com",
      ]);
      expect((await restored.people.list({ query: "léa" })).total).toBe(1);
      expect((await restored.people.create({ name: "Dup", email: "lea@example.COM" })).ok).toBe(false);
      // assessments come back whole, and the one-draft rule still holds
      expect(await restored.assessments.get(submitted.id)).toEqual(submitted);
      expect(await restored.assessments.history(submitted.personId)).toEqual([submitted]);
      expect((await restored.cycles.current())?.name).toBe("Autumn");
      expect((await restored.assessments.snapshot("eng", "v1"))?.name).toBe("Engineering <script>");
      expect((await restored.goals.list(submitted.personId)).map((g) => g.assessmentId)).toEqual([
        submitted.id,
      ]);
      const manager = await restored.assessments.draft(submitted.personId, "manager", submitted.cycleId);
      expect(manager).toBeDefined();
      const again2 = await restored.assessments.startDraft({
        personId: submitted.personId,
        authorId: null,
        kind: "manager",
        cycleId: submitted.cycleId,
        framework: "eng",
        frameworkVersion: "v1",
        level: null,
      });
      expect(value(again2).id).toBe(manager?.id);
    });
  }

  it("restores into a database that was never migrated", async () => {
    await populate(createStore(ctx.database, { clock }));
    const doc = await exportAll(ctx.database, { clock });
    const bare = await ctx.createDatabase(ctx.dialect, { migrate: false });
    expect((await restoreAll(bare, doc)).ok).toBe(true);
    expect(JSON.stringify(await exportAll(bare, { clock }))).toBe(JSON.stringify(doc));
  });

  it("restores a backup taken before assessments existed", async () => {
    await populate(createStore(ctx.database, { clock }));
    const doc = await exportAll(ctx.database, { clock });
    const old: Record<string, unknown> = {
      ...doc,
      migrations: doc.migrations.filter((m) => m < "0004"),
      tables: {
        people: doc.tables.people,
        sessions: doc.tables.sessions,
        one_time_tokens: doc.tables.one_time_tokens,
        rate_limits: doc.tables.rate_limits,
        locks: doc.tables.locks,
        settings: doc.tables.settings,
      },
    };
    const target = await ctx.createDatabase(ctx.dialect);
    expect(value(await restoreAll(target, old))).toMatchObject({ people: 4, assessments: 0, goals: 0 });
    expect((await exportAll(target, { clock })).tables.assessments).toEqual([]);
  });

  it("refuses a database that already holds data, and changes nothing there", async () => {
    await populate(createStore(ctx.database, { clock }));
    const doc = await exportAll(ctx.database, { clock });
    const target = await ctx.createDatabase(ctx.dialect);
    value(await createStore(target, { clock }).settings.set("only", "this"));
    const outcome = await restoreAll(target, doc);
    expect(outcome.ok ? [] : outcome.problems).toMatchObject([
      { kind: "conflict", code: "database-not-empty" },
    ]);
    expect((await exportAll(target, { clock })).tables.people).toEqual([]);
  });

  it("refuses documents that are not valid backups, saying where", async () => {
    await populate(createStore(ctx.database, { clock }));
    const doc = await exportAll(ctx.database, { clock });
    const target = await ctx.createDatabase(ctx.dialect);
    const problemsOf = async (input: unknown) => {
      const outcome = await restoreAll(target, input);
      return outcome.ok ? [] : outcome.problems.map((p) => `${p.code}: ${p.message}`);
    };
    const mutate = (change: (copy: BackupDocument) => void): BackupDocument => {
      const copy = structuredClone(doc);
      change(copy);
      return copy;
    };
    const [first, second] = doc.tables.people;
    if (!first || !second) throw new Error("setup");

    expect(await problemsOf("not json at all")).toEqual([
      expect.stringContaining("invalid-backup: (document)"),
    ]);
    expect(await problemsOf({ ...doc, format: "something-else" })).toEqual([
      expect.stringContaining("format"),
    ]);
    expect(await problemsOf(mutate((d) => Object.assign(d.tables.people[1] ?? {}, { email: 42 })))).toEqual([
      expect.stringContaining("tables.people[1].email"),
    ]);
    expect(await problemsOf(mutate((d) => d.migrations.push("9999_from_the_future")))).toEqual([
      expect.stringContaining("newer version"),
    ]);
    expect(
      await problemsOf(
        mutate((d) => {
          const [a, b] = d.tables.people;
          if (a && b) {
            a.manager_id = b.id;
            b.manager_id = a.id;
          }
        }),
      ),
    ).toEqual([expect.stringContaining("loop")]);
    expect(
      await problemsOf(
        mutate((d) => Object.assign(d.tables.people[0] ?? {}, { email: second.email.toUpperCase() })),
      ),
    ).toEqual([expect.stringContaining("share the email")]);
    expect(
      await problemsOf(
        mutate((d) => Object.assign(d.tables.people[0] ?? {}, { manager_id: crypto.randomUUID() })),
      ),
    ).toEqual([expect.stringContaining("not in the backup")]);
    const [assessment] = doc.tables.assessments;
    const [pick] = doc.tables.assessment_picks;
    const [goal] = doc.tables.goals;
    if (!assessment || !pick || !goal) throw new Error("setup");
    expect(
      await problemsOf(
        mutate((d) => {
          d.tables.assessment_picks.push({
            ...pick,
            assessment_id: crypto.randomUUID(),
          });
          d.tables.goals.push({
            ...goal,
            id: crypto.randomUUID(),
            person_id: crypto.randomUUID(),
          });
          const draft = d.tables.assessments.find((a) => a.status === "draft");
          if (draft) d.tables.assessments.push({ ...draft, id: crypto.randomUUID() });
          d.tables.assessments.push({
            ...assessment,
            id: crypto.randomUUID(),
            cycle_id: crypto.randomUUID(),
          });
        }),
      ),
    ).toEqual([
      expect.stringContaining("assessments (drafts)"),
      expect.stringContaining("names a cycle that is not in the backup"),
      expect.stringContaining("belongs to an assessment not in the backup"),
      expect.stringContaining("goals:"),
    ]);
    expect(
      await problemsOf(
        mutate((d) => Object.assign(d.tables.assessment_picks[0] ?? {}, { links: "https://x" })),
      ),
    ).toEqual([expect.stringContaining("tables.assessment_picks[0].links")]);
    expect(
      await problemsOf(mutate((d) => Object.assign(d.tables.assessments[0] ?? {}, { kind: "peer" }))),
    ).toEqual([expect.stringContaining("tables.assessments[0].kind")]);
    expect(await exportAll(target, { clock })).toMatchObject({
      tables: { people: [], settings: [], assessments: [], goals: [] },
    });
  });
});
