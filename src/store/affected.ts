/**
 * What `rungs diff --db` needs to say whom a change touches: counts only, never who. Active people of a
 * framework by level, and its open (draft) assessments by the level they are for and by picked competency.
 */

import { decodeCount, encodeBool } from "./columns.js";
import type { Database } from "./db.js";

export interface AffectedCounts {
  /** Active people whose framework is this one, by their level id. */
  peopleByLevel: Map<string, number>;
  /** Draft assessments on this framework, by the level they assess the person at. */
  openByLevel: Map<string, number>;
  /** Draft assessments on this framework with a pick on the competency, by competency id. */
  openByCompetency: Map<string, number>;
}

const counted = (rows: { key: string | null; n: string | number | bigint | null }[]) =>
  new Map(rows.filter((r) => r.key !== null).map((r) => [r.key as string, decodeCount(r.n)]));

export async function affectedCounts(database: Database, framework: string): Promise<AffectedCounts> {
  const { db } = database;
  const people = await db
    .selectFrom("people")
    .select((eb) => ["level as key", eb.fn.countAll().as("n")])
    .where("framework", "=", framework)
    .where("active", "=", encodeBool(database.dialect, true) as never)
    .groupBy("level")
    .execute();
  const open = await db
    .selectFrom("assessments")
    .select((eb) => ["level as key", eb.fn.countAll().as("n")])
    .where("framework", "=", framework)
    .where("status", "=", "draft")
    .groupBy("level")
    .execute();
  const picks = await db
    .selectFrom("assessment_picks as p")
    .innerJoin("assessments as a", "a.id", "p.assessment_id")
    .select((eb) => ["p.competency as key", eb.fn.count("a.id").distinct().as("n")])
    .where("a.framework", "=", framework)
    .where("a.status", "=", "draft")
    .groupBy("p.competency")
    .execute();
  return { peopleByLevel: counted(people), openByLevel: counted(open), openByCompetency: counted(picks) };
}
