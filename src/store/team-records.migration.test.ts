/**
 * The team views' summary (0011_team_records) is built by its migration from the assessments already there,
 * and rebuilt by a restore (a backup never holds it): each person's latest record with all its picks.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { insertRawPerson, rawNow } from "../../test/support/raw-rows.js";
import { exportAll, restoreAll } from "./backup.js";
import type { Database } from "./db.js";
import { migrate } from "./migrations.js";

async function summary(database: Database) {
  const records = await sql<{ person_id: string; assessment_id: string }>`
    select person_id, assessment_id from team_records`.execute(database.db);
  const picks = await sql<{ competency: string; level: string | null }>`
    select competency, level from team_record_picks order by competency`.execute(database.db);
  return { records: records.rows, picks: picks.rows };
}

describeEachDatabase("migration 0011_team_records", (ctx) => {
  it("builds each person's latest record and its picks from the rows there are, and a restore rebuilds them", async () => {
    const database = await ctx.createDatabase(ctx.dialect, { migrate: false });
    await migrate(database, { to: "0010_assessment_role" });
    const personId = await insertRawPerson(database);
    const now = rawNow(database);
    // a submitted self-assessment and a later draft: the submitted one is the record
    const assessment = (id: string, status: "submitted" | "draft") => ({
      id,
      person_id: personId,
      author_id: personId,
      kind: "self",
      cycle_id: null,
      framework: "eng",
      framework_version: "v1",
      level: null,
      target: null,
      status,
      version: 1,
      created_at: now,
      updated_at: now,
      submitted_at: status === "submitted" ? now : null,
    });
    const [submitted, draft] = [randomUUID(), randomUUID()];
    await database.db
      .insertInto("assessments" as never)
      .values([assessment(submitted, "submitted"), assessment(draft, "draft")] as never)
      .execute();
    await database.db
      .insertInto("assessment_picks" as never)
      .values([
        { assessment_id: submitted, competency: "a", level: "mid" },
        { assessment_id: submitted, competency: "b", level: null },
        { assessment_id: draft, competency: "a", level: "lead" },
      ] as never)
      .execute();

    expect(await migrate(database, { to: "0011_team_records" })).toEqual(["0011_team_records"]);
    const built = await summary(database);
    expect(built).toEqual({
      records: [{ person_id: personId, assessment_id: submitted }],
      picks: [
        { competency: "a", level: "mid" },
        { competency: "b", level: null },
      ],
    });

    const target = await ctx.createDatabase(ctx.dialect);
    const restored = await restoreAll(target, await exportAll(database), { allowUnsigned: true });
    expect(restored.ok).toBe(true);
    expect(await summary(target)).toEqual(built);
  });
});
