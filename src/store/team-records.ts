import { type QueryExecutorProvider, sql } from "kysely";
import type { Dialect } from "./db.js";
import { recordIdOf } from "./team.repository.js";
import { refreshTeamSums } from "./team-sums.js";

/**
 * The summary the team views read instead of working out each person's assessment of record from all
 * their assessments (migration 0011): `team_records` holds, per person with a submitted assessment, their
 * latest assessment of record (TeamRepository's `recordIdOf` rule, with no cycle asked for) with its
 * framework and version, and `team_record_picks` that assessment's picks (competency and level, null where
 * none was picked, and how many criteria were shown at that level), one row per competency, kept together
 * by person.
 *
 * Derived, never the source: written in the same transaction that submits an assessment (the only write
 * that changes a record: submitted assessments are frozen, and a person's deletion cascades here), rebuilt
 * by the migration that creates it, after a restore, and by anything that writes assessments around the
 * store (bench/team-org.ts). A cycle's own record (?cycle=) is still read from the assessments.
 */

/** The summary and the sums per subtree built on it (team-sums.ts): what a submit and a restore refresh. */
export async function refreshTeamSummary(
  db: QueryExecutorProvider,
  dialect: Dialect,
  who: string | "everyone",
): Promise<void> {
  await refreshTeamRecords(db, who);
  await refreshTeamSums(db, dialect, who === "everyone" ? "everyone" : [who]);
}

/** Recomputes the summary of one person (after a submit) or of everyone (`"everyone"`: a rebuild). */
export async function refreshTeamRecords(db: QueryExecutorProvider, who: string | "everyone"): Promise<void> {
  const mine = (column: string) => (who === "everyone" ? sql`` : sql`where ${sql.ref(column)} = ${who}`);
  await sql`delete from team_record_picks ${mine("person_id")}`.execute(db);
  await sql`delete from team_records ${mine("person_id")}`.execute(db);
  await sql`insert into team_records (person_id, assessment_id, framework, framework_version)
    select x.person_id, a.id, a.framework, a.framework_version
    -- CROSS JOIN: SQLite looks each record up by its key (not all assessments, probing the people)
    from (select p.id as person_id, ${recordIdOf(sql`p.id`, undefined)} as record_id from people p ${mine("p.id")}) x
    cross join assessments a
    where a.id = x.record_id`.execute(db);
  await sql`insert into team_record_picks (person_id, competency, level, criteria_shown)
    select r.person_id, ap.competency, ap.level, ap.criteria_shown
    from team_records r cross join assessment_picks ap
    where ap.assessment_id = r.assessment_id ${who === "everyone" ? sql`` : sql`and r.person_id = ${who}`}`.execute(
    db,
  );
}
