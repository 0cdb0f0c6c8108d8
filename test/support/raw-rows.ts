/**
 * Rows written straight into the tables, as a migration test needs them: the schema at an older migration
 * is not what the store's repositories write, so these go through the bare query builder.
 */
import { randomUUID } from "node:crypto";
import type { Database } from "../../src/store/db.js";

/** The timestamp a row holds: a Date on PostgreSQL, ISO text on SQLite. */
export function rawNow(database: Database): Date | string {
  return database.dialect === "postgres" ? new Date("2030-01-01T00:00:00Z") : "2030-01-01T00:00:00.000Z";
}

/** Inserts an active person named "A" (the columns every migration since 0001 has), and returns their id. */
export async function insertRawPerson(database: Database): Promise<string> {
  const pg = database.dialect === "postgres";
  const id = randomUUID();
  const now = rawNow(database);
  await database.db
    .insertInto("people")
    .values({
      id,
      name: "A",
      name_key: "a",
      email: "a@example.com",
      email_key: "a@example.com",
      active: pg ? true : 1,
      admin: pg ? false : 0,
      created_at: now,
      updated_at: now,
    } as never)
    .execute();
  return id;
}

/**
 * Inserts a submitted self-assessment of `personId` on eng v1 (the columns every migration since 0004 has)
 * with `picks` given as rows of assessment_picks at the migration under test, and returns its id.
 */
export async function insertRawSubmitted(
  database: Database,
  personId: string,
  picks: Record<string, unknown>[],
): Promise<string> {
  const id = randomUUID();
  const now = rawNow(database);
  await database.db
    .insertInto("assessments" as never)
    .values({
      id,
      person_id: personId,
      author_id: personId,
      kind: "self",
      framework: "eng",
      framework_version: "v1",
      status: "submitted",
      created_at: now,
      updated_at: now,
      submitted_at: now,
    } as never)
    .execute();
  if (picks.length)
    await database.db
      .insertInto("assessment_picks" as never)
      .values(picks.map((p) => ({ assessment_id: id, ...p })) as never)
      .execute();
  return id;
}
