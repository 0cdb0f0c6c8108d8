import { type RawBuilder, type SqlBool, sql } from "kysely";
import { isId } from "./columns.js";

/** What the heatmap's reads need of when they look (team-pages.repository.ts TeamWhen). */
interface PicksWhen {
  cycleId?: string;
}

/**
 * Where the picks of a record (`record`'s rows, whose `pick_key` says which) are read: the latest records'
 * from their summary (team-records.ts, by person), a cycle's (?cycle=) from the assessments' own picks.
 */
export function picksOf(when: PicksWhen): {
  latest: boolean;
  table: RawBuilder<unknown>;
  of: (r: RawBuilder<unknown>) => RawBuilder<SqlBool>;
} {
  const latest = when.cycleId === undefined || !isId(when.cycleId);
  const key = sql.raw(latest ? "ap.person_id" : "ap.assessment_id");
  return {
    latest,
    table: sql.raw(latest ? "team_record_picks" : "assessment_picks"),
    of: (r) => sql<SqlBool>`${key} = ${r}.pick_key`,
  };
}

/** The record's picks (read by `picksOf`), less those dropped on the way (a competency retired, a level gone). */
export function carriedWhere(picks: ReturnType<typeof picksOf>, r: RawBuilder<unknown>): RawBuilder<SqlBool> {
  return sql<SqlBool>`${picks.of(r)} and (cm.from_id is null or cm.to_id is not null) and (cl.from_id is null or cl.to_id is not null)`;
}
