import { type QueryExecutorProvider, type RawBuilder, sql } from "kysely";
import type { Dialect } from "./db.js";

/**
 * Sums per subtree of the org tree (migration 0013), so that the heatmap by team reads a few rows per branch
 * instead of every pick of every person below it (600,000 at 10,000 people: more than a second of grouping
 * on either database, the tree walk itself being 2 % of it). Per person (a node) and everyone below them:
 *
 * - `team_sums`: how many picks with a level there are per framework, version of the record, competency,
 *   picked level and the picker's own level, and how many criteria those picks showed at their level
 *   (`criteria_shown`): everything the mean difference and "shown k of N" per competency need (the ranks
 *   are the loaded framework's, applied when read: the sums hold ids, never ranks, so a new version of a
 *   framework changes no row);
 * - `team_sum_people`: how many active people per framework (`kind` ''), how many of them with a submitted
 *   assessment (`*`) and with one in each cycle (the cycle's id).
 *
 * Counted: active people, with their latest record of record (team_records) when it is on their own
 * framework, the rule of the full aggregate in team-pages.repository.ts, which a test holds these to.
 *
 * Kept exact by recomputing, in the transaction of the write, the node that changed and each of its managers
 * up the tree, each from its own rows and its direct reports' sums: a submit (team-records.ts), and any
 * change to a person (people.repository.ts: created, edited, moved, (de)activated); rebuilt for everyone by
 * the migration, a restore, an import and bench/team-org.ts. A chain is a handful of nodes, each a few
 * thousand rows at the top; recomputing (not adding differences) keeps one rule for every kind of write. On
 * PostgreSQL the org-tree lock serializes writers, so two submits below one manager cannot each recompute
 * the manager from the other's stale sums.
 */

/** The lock people.repository.ts holds to change who manages whom (pg_advisory_xact_lock). */
export const ORG_TREE_LOCK = 7_210_451_309;
const MAX_TREE_DEPTH = 10_000;

/** Recomputes the sums of the nodes given and of everyone above them, or (`"everyone"`) all of them. */
export async function refreshTeamSums(
  db: QueryExecutorProvider,
  dialect: Dialect,
  who: readonly (string | null)[] | "everyone",
): Promise<void> {
  if (dialect === "postgres") await sql`select pg_advisory_xact_lock(${ORG_TREE_LOCK}::bigint)`.execute(db);
  if (who === "everyone") return rebuild(db, dialect);
  for (const start of who) {
    if (start === null) continue;
    // the node, then its manager, and so on up: each after the reports it sums
    const { rows } = await sql<{ id: string }>`
      with recursive up(id, depth) as (
        select id, 0 from people where id = ${start}
        union all
        select p.manager_id, up.depth + 1 from people p join up on p.id = up.id
        where p.manager_id is not null and up.depth < ${MAX_TREE_DEPTH}
      )
      select id from up order by depth`.execute(db);
    for (const { id } of rows) await recompute(db, dialect, sql`(${id})`);
  }
}

/** Everything anew, the deepest people first (the tree's depth in statements). */
async function rebuild(db: QueryExecutorProvider, dialect: Dialect): Promise<void> {
  await sql`delete from team_sums`.execute(db);
  await sql`delete from team_sum_people`.execute(db);
  const depths = sql`with recursive d(id, depth) as (
      select id, 0 from people where manager_id is null
      union all
      select c.id, d.depth + 1 from people c join d on c.manager_id = d.id where d.depth < ${MAX_TREE_DEPTH}
    )`;
  const { rows } = await sql<{
    deepest: number | string | null;
  }>`${depths} select max(depth) as deepest from d`.execute(db);
  for (let depth = Number(rows[0]?.deepest ?? -1); depth >= 0; depth--)
    await recompute(db, dialect, sql`(${depths} select id from d where depth = ${depth})`);
}

/** The sums of `nodes` (a parenthesized list or subquery of ids), from their own rows and their reports' sums. */
async function recompute(
  db: QueryExecutorProvider,
  dialect: Dialect,
  nodes: RawBuilder<unknown>,
): Promise<void> {
  const active = sql`p.active = ${dialect === "postgres" ? sql`true` : sql`1`}`;
  await sql`delete from team_sums where node_id in ${nodes}`.execute(db);
  await sql`delete from team_sum_people where node_id in ${nodes}`.execute(db);
  await sql`insert into team_sums (node_id, framework, version, competency, level, own_level, n, criteria_shown)
    select x.node_id, x.framework, x.version, x.competency, x.level, x.own_level, sum(x.n), sum(x.shown) from (
      select p.id as node_id, p.framework, r.framework_version as version, tp.competency, tp.level,
        coalesce(p.level, '') as own_level, 1 as n, tp.criteria_shown as shown
      from people p cross join team_records r cross join team_record_picks tp
      where p.id in ${nodes} and ${active} and r.person_id = p.id and r.framework = p.framework
        and tp.person_id = p.id and tp.level is not null
      union all
      select c.manager_id, s.framework, s.version, s.competency, s.level, s.own_level, s.n, s.criteria_shown
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
