/**
 * The role an assessment was made in (0010_assessment_role): kept on the assessment, so changing someone's
 * role later does not change how their old assessments read; filled from the person's role for assessments
 * made before, by the migration and by a restore of a backup taken before it.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { insertRawPerson, rawNow } from "../../test/support/raw-rows.js";
import { exportAll, restoreAll } from "./backup.js";
import { migrate } from "./migrations.js";
import { createStore } from "./store.js";
import type { Outcome } from "./types.js";

function must<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.message).join("; "));
  return outcome.value;
}

describeEachDatabase("migration 0010_assessment_role", (ctx) => {
  it("gives each earlier assessment its person's role, the one it read in until now", async () => {
    const database = await ctx.createDatabase(ctx.dialect, { migrate: false });
    await migrate(database, { to: "0009_team_covering_indexes" });
    const personId = await insertRawPerson(database);
    await database.db
      .updateTable("people" as never)
      .set({ role: "mobile" } as never)
      .execute();
    const now = rawNow(database);
    const id = randomUUID();
    await database.db
      .insertInto("assessments" as never)
      .values({
        id,
        person_id: personId,
        author_id: personId,
        kind: "self",
        cycle_id: null,
        framework: "stepped-roles",
        framework_version: "v1",
        level: "e2",
        target: null,
        status: "submitted",
        version: 2,
        created_at: now,
        updated_at: now,
        submitted_at: now,
      } as never)
      .execute();

    expect(await migrate(database)).toContain("0010_assessment_role");
    const store = createStore(database);
    expect((await store.assessments.get(id))?.role).toBe("mobile");
    // the person moves to another discipline: the assessment keeps the role it was made in
    const person = await store.people.get(personId);
    must(await store.people.update(personId, person?.version ?? 0, { role: "web" }));
    expect((await store.people.get(personId))?.role).toBe("web");
    expect((await store.assessments.get(id))?.role).toBe("mobile");
  });

  it("keeps the role through a backup, and a backup from before it restores the person's role", async () => {
    const store = createStore(ctx.database);
    const person = must(await store.people.create({ name: "Ana", email: "ana@example.com", role: "mobile" }));
    const started = must(
      await store.assessments.startDraft({
        personId: person.id,
        authorId: person.id,
        kind: "self",
        cycleId: null,
        framework: "stepped-roles",
        frameworkVersion: "v1",
        level: "e2",
        role: "backend",
      }),
    );
    expect(started.role).toBe("backend");
    // a draft follows the role it is saved in
    const saved = must(await store.assessments.saveDraft(started.id, started.version, { role: "web" }));
    expect(saved.role).toBe("web");

    const doc = await exportAll(ctx.database);
    expect(doc.tables.assessments[0]?.role).toBe("web");
    const restored = await ctx.createDatabase(ctx.dialect);
    must(await restoreAll(restored, JSON.parse(JSON.stringify(doc)), { allowUnsigned: true }));
    expect((await createStore(restored).assessments.get(started.id))?.role).toBe("web");

    const old = JSON.parse(JSON.stringify(doc));
    delete old.tables.assessments[0].role;
    const fromOld = await ctx.createDatabase(ctx.dialect);
    must(await restoreAll(fromOld, old, { allowUnsigned: true }));
    expect((await createStore(fromOld).assessments.get(started.id))?.role).toBe("mobile");
  });
});
