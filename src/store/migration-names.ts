import { sql } from "kysely";
import type { Database } from "./db.js";

/**
 * Names of all migrations this version knows, in the order they run: one per entry of migrations.ts (which
 * refuses to run when the two differ). Kept apart from the migrations so a start on a database that is
 * already up to date learns so with one query, without loading the migrator and every migration.
 */
export const MIGRATION_NAMES: readonly string[] = [
  "0001_people",
  "0002_sessions_and_tokens",
  "0003_rate_limits_locks_settings",
  "0004_assessments",
  "0005_goal_progress",
  "0006_team_indexes",
  "0007_assessment_notes",
  "0008_invitations",
  "0009_team_covering_indexes",
  "0010_assessment_role",
  "0011_team_records",
  "0012_snapshot_commit",
  "0013_team_sums",
  "0014_team_ready",
  "0015_criteria_shown",
  "0016_api_tokens",
];

/**
 * Whether the database has applied exactly the migrations this version knows (Kysely's table of them, one
 * query): then there is nothing to do. Anything else (no table yet, a migration missing, one this version
 * does not know) is for the migrator to handle or refuse.
 */
export async function isCurrent(database: Database): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      database.db,
    );
    return rows.length === MIGRATION_NAMES.length && rows.every((row, i) => row.name === MIGRATION_NAMES[i]);
  } catch {
    // no migration table: a new database
    return false;
  }
}
