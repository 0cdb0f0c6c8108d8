/**
 * Migration 0015_criteria_shown counts, in SQL, the criteria each pick there is ticked at its own level, and
 * carries the counts into the team summary and the sums per subtree: the same as the live code writes and
 * rebuilds (assessment-row.ts criteriaShownAt, team-records.ts, team-sums.ts).
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { insertRawSubmitted, rawNow } from "../../test/support/raw-rows.js";
import { criteriaShownAt } from "./assessment-row.js";
import type { Database } from "./db.js";
import { migrate } from "./migrations.js";
import { refreshTeamSummary } from "./team-records.js";

async function counts(database: Database) {
  const read = async (query: ReturnType<typeof sql>) =>
    (await query.execute(database.db)).rows.map((row) =>
      Object.fromEntries(
        Object.entries(row as object).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]),
      ),
    );
  return {
    picks: await read(sql`select assessment_id, competency, criteria_shown from assessment_picks
      order by assessment_id, competency`),
    records: await read(sql`select person_id, competency, criteria_shown from team_record_picks
      order by person_id, competency`),
    sums: await read(sql`select node_id, competency, level, own_level, n, criteria_shown from team_sums
      order by node_id, competency, level, own_level`),
  };
}

describeEachDatabase("migration 0015_criteria_shown", (ctx) => {
  it("counts the ticks at each pick's level in SQL, into the picks, the records and the sums, as the live code does", async () => {
    const database = await ctx.createDatabase(ctx.dialect, { migrate: false });
    await migrate(database, { to: "0010_assessment_role" });
    const pg = database.dialect === "postgres";
    const now = rawNow(database);
    // a boss, two reports on eng, and a third who has left (not counted in the sums)
    const people = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const [boss] = people as [string];
    await database.db
      .insertInto("people" as never)
      .values(
        people.map((id, i) => ({
          id,
          name: `P${i}`,
          name_key: `p${i}`,
          email: `p${i}@example.com`,
          email_key: `p${i}@example.com`,
          manager_id: i === 0 ? null : boss,
          framework: "eng",
          level: i === 2 ? "l2" : "l1",
          active: pg ? i !== 3 : i !== 3 ? 1 : 0,
          admin: pg ? false : 0,
          created_at: now,
          updated_at: now,
        })) as never,
      )
      .execute();
    const tick = (level: string, criterion: string) => ({ level, criterion, evidence: "seen" });
    const picks: { competency: string; level: string | null; criteria: ReturnType<typeof tick>[] }[] = [
      { competency: "a", level: "l2", criteria: [tick("l2", "k1"), tick("l2", "k2"), tick("l3", "k1")] },
      { competency: "b", level: "l1", criteria: [tick("l2", "k1")] },
      { competency: "c", level: null, criteria: [tick("l1", "k1")] },
      { competency: "d", level: "l1", criteria: [] },
    ];
    for (const personId of people)
      await insertRawSubmitted(
        database,
        personId,
        picks.map((p) => ({ ...p, criteria: JSON.stringify(p.criteria) })),
      );

    expect(await migrate(database, { to: "0015_criteria_shown" })).toContain("0015_criteria_shown");
    const migrated = await counts(database);
    const shown = (competency: string) =>
      criteriaShownAt(
        picks.find((p) => p.competency === competency)?.level ?? null,
        picks.find((p) => p.competency === competency)?.criteria ?? [],
      );
    expect(migrated.picks.map((p) => `${p.competency}:${p.criteria_shown}`).sort()).toEqual(
      people.flatMap(() => ["a", "b", "c", "d"].map((c) => `${c}:${shown(c)}`)).sort(),
    );
    expect(shown("a")).toBe(2);
    // the boss's node: three active people's "a" at l2, two of them at own level l1, one at l2
    expect(migrated.sums.filter((s) => s.node_id === boss && s.competency === "a")).toEqual([
      { node_id: boss, competency: "a", level: "l2", own_level: "l1", n: 2, criteria_shown: 4 },
      { node_id: boss, competency: "a", level: "l2", own_level: "l2", n: 1, criteria_shown: 2 },
    ]);
    // what the live code rebuilds from the same rows
    await database.db.transaction().execute((trx) => refreshTeamSummary(trx, database.dialect, "everyone"));
    expect(await counts(database)).toEqual(migrated);
  });
});
