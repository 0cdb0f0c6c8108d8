import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Dialect } from "./db.js";

/*
 * The rebuilds migrations 0011 and 0013 ran, frozen as they stood then: a migration, once released, does
 * the same whatever the live code (team-records.ts, team-sums.ts) later becomes. A column the live code
 * writes today that a later migration adds (0015's criteria_shown) would otherwise break the older ones.
 * Later migrations fill what they add themselves; migrations.test.ts holds the whole chain to a rebuild by
 * the live code.
 */

const MAX_TREE_DEPTH = 10_000;

/** The assessment of record of person `personId` (team.repository.ts recordIdOf as 0011 ran it, no cycle). */
function recordIdAt0011(personId: RawBuilder<unknown>): RawBuilder<unknown> {
  const mine = (alias: string) => {
    const t = sql.raw(alias);
    return sql`${t}.person_id = ${personId} and ${t}.status = 'submitted'`;
  };
  return sql`(select a.id from assessments a
    where ${mine("a")} and coalesce(a.cycle_id, a.id) in (
      select coalesce(r.cycle_id, r.id) from assessments r
      where ${mine("r")} and r.submitted_at = (select max(m.submitted_at) from assessments m where ${mine("m")}))
    order by case a.kind when 'agreed' then 0 when 'manager' then 1 else 2 end, a.submitted_at desc, a.id desc
    limit 1)`;
}

/** 0011_team_records: each person's latest record and its picks, from the assessments there are. */
export async function teamRecordsAt0011(db: Kysely<unknown>): Promise<void> {
  await sql`insert into team_records (person_id, assessment_id, framework, framework_version)
    select x.person_id, a.id, a.framework, a.framework_version
    from (select p.id as person_id, ${recordIdAt0011(sql`p.id`)} as record_id from people p) x
    cross join assessments a
    where a.id = x.record_id`.execute(db);
  await sql`insert into team_record_picks (person_id, competency, level)
    select r.person_id, ap.competency, ap.level
    from team_records r cross join assessment_picks ap
    where ap.assessment_id = r.assessment_id`.execute(db);
}

/** 0013_team_sums: the sums of every node, the deepest people first. */
export async function teamSumsAt0013(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const depths = sql`with recursive d(id, depth) as (
      select id, 0 from people where manager_id is null
      union all
      select c.id, d.depth + 1 from people c join d on c.manager_id = d.id where d.depth < ${MAX_TREE_DEPTH}
    )`;
  const { rows } = await sql<{
    deepest: number | string | null;
  }>`${depths} select max(depth) as deepest from d`.execute(db);
  const active = sql`p.active = ${dialect === "postgres" ? sql`true` : sql`1`}`;
  for (let depth = Number(rows[0]?.deepest ?? -1); depth >= 0; depth--) {
    const nodes = sql`(${depths} select id from d where depth = ${depth})`;
    await sql`insert into team_sums (node_id, framework, version, competency, level, own_level, n)
      select x.node_id, x.framework, x.version, x.competency, x.level, x.own_level, sum(x.n) from (
        select p.id as node_id, p.framework, r.framework_version as version, tp.competency, tp.level,
          coalesce(p.level, '') as own_level, 1 as n
        from people p cross join team_records r cross join team_record_picks tp
        where p.id in ${nodes} and ${active} and r.person_id = p.id and r.framework = p.framework
          and tp.person_id = p.id and tp.level is not null
        union all
        select c.manager_id, s.framework, s.version, s.competency, s.level, s.own_level, s.n
        from people c cross join team_sums s
        where c.manager_id in ${nodes} and s.node_id = c.id
      ) x
      group by x.node_id, x.framework, x.version, x.competency, x.level, x.own_level`.execute(db);
    await sql`insert into team_sum_people (node_id, framework, kind, n)
      select x.node_id, x.framework, x.kind, sum(x.n) from (
        select p.id as node_id, p.framework, '' as kind, 1 as n
        from people p where p.id in ${nodes} and ${active} and p.framework is not null
        union all
        select p.id, p.framework, '*', 1
        from people p where p.id in ${nodes} and ${active} and p.framework is not null
          and exists (select 1 from assessments a where a.person_id = p.id and a.status = 'submitted')
        union all
        select distinct p.id, p.framework, cast(a.cycle_id as text), 1
        from people p cross join assessments a
        where p.id in ${nodes} and ${active} and p.framework is not null
          and a.person_id = p.id and a.status = 'submitted' and a.cycle_id is not null
        union all
        select c.manager_id, s.framework, s.kind, s.n
        from people c cross join team_sum_people s
        where c.manager_id in ${nodes} and s.node_id = c.id
      ) x
      group by x.node_id, x.framework, x.kind`.execute(db);
  }
}
