import { type RawBuilder, type SqlBool, sql } from "kysely";
import { decodeCount, encodeBool, isId } from "./columns.js";
import type { Database, Dialect } from "./db.js";
import { personFromRow } from "./person-row.js";
import { recordIdOf } from "./team.repository.js";
import { carriedWhere, picksOf } from "./team-picks.js";
import { READY_WRITE_ROUNDS, readinessBases, readyIsGood, readySet } from "./team-ready.js";
import {
  ANY,
  BEST,
  type ByLevel,
  carriedColumns,
  carriedJoins,
  carriedOf,
  carryCtes,
  carryVersions,
  criteriaCount,
  levelLookups,
  lookup,
  perLevel,
  type TeamCarry,
  type TeamScales,
} from "./team-scales.js";
import { branchNodes, rootIsValid, start, type TeamRoot, WALKED } from "./team-walk.js";
import type { Person } from "./types.js";

/**
 * The reads behind the paged team pages at 10,000 people: a page of people in a part of the org tree
 * (sorted and filtered in SQL, the total counted in SQL), and the heatmap aggregated by team (per branch
 * of the tree: how many people, how many assessed in the due cycle, how many ready for their next level,
 * and the mean difference from their own level per competency), all computed in the database with the
 * indexes of migrations 0006 and 0009 (their plans are read in team-pages.repository.test.ts). A fixed
 * number of queries whatever the size of the team; nothing is read per person.
 *
 * What the database cannot know, the framework (level ranks, and which competencies a level expects), is
 * bound into the query as CASE expressions over the framework and level (see `lookup`).
 */

export type { TeamRoot } from "./team-walk.js";

export const TEAM_STATUSES = ["assessed", "unassessed", "ready"] as const;
export type TeamStatus = (typeof TEAM_STATUSES)[number];
export const TEAM_SORTS = ["name", "level", "team", "status"] as const;
export type TeamSort = (typeof TEAM_SORTS)[number];

export interface TeamFilter {
  framework?: string;
  level?: string;
  track?: string;
  /** assessed / unassessed: in the due cycle (any submitted assessment without one); ready: see TeamScales. */
  status?: TeamStatus;
}

export interface TeamWhen {
  /** Only this cycle's assessments count for the assessment of record (?cycle=). */
  cycleId?: string;
  /** "Assessed" means a submitted assessment in this cycle; without one, any submitted assessment. */
  dueCycleId?: string;
}

export type { TeamCarry, TeamScales } from "./team-scales.js";

export interface TeamPageRow {
  person: Person;
  /** Their manager's name (their team), if any. */
  managerName: string | null;
  /** A submitted assessment in the due cycle (any, without one). */
  assessed: boolean;
}

export interface TeamBranch {
  /** The person at the top of the branch. */
  person: Person;
  people: number;
  assessed: number;
  ready: number;
  /** Competency id → mean of (picked rank − own rank) and how many picks it is over. */
  cells: Map<string, TeamCell>;
}

/** A competency of a team: the mean difference over its picks, and the criteria shown at the picked levels. */
export interface TeamCell {
  mean: number;
  picks: number;
  /** Where the picked levels write criteria: how many ticked as shown (at most `of`), of how many written. */
  criteria?: { shown: number; of: number };
}

type PersonRow = Parameters<typeof personFromRow>[0];

/** A row of the heatmap by team's statement (see #aggregated). */
interface BranchRow {
  branch: string;
  part: number | string;
  competency: string | null;
  n: number | string;
  assessed: number | string | null;
  mean: number | string | null;
  /** Part 2: criteria shown at the picked levels, and written there (TeamCell's criteria). */
  shown?: number | string | null;
  offered?: number | string | null;
}

/**
 * What a read computes for every person in scope beyond the columns of people: whether they are assessed
 * in the due cycle (a status filter or sort, the heatmap's counts), their own level's rank (a sort by
 * level), and their assessment of record with whether it makes them ready (the "ready" filter, the
 * heatmap). The first page of a table sorted by name computes none of them but for the 50 people shown.
 */
interface Needs {
  assessed: boolean;
  rank: boolean;
  record: boolean;
  /** Each person's branch (the heatmap's rows): the tree walk even for everyone. */
  branches: boolean;
  /** Only the people (`p`) for whom this holds. */
  only?: RawBuilder<SqlBool>;
}

const MAX_TREE_DEPTH = 10_000;
const PERSON_COLUMNS = sql.raw(
  "p.id, p.name, p.name_key, p.email, p.email_key, p.manager_id, p.framework, p.track, p.level, p.role, p.active, p.admin, p.password_hash, p.version, p.created_at, p.updated_at",
);

export class TeamPagesRepository {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  get #dialect(): Dialect {
    return this.#database.dialect;
  }

  /**
   * One page of the people in `root` that pass `filter`, sorted (ties by name, then id), and how many pass
   * in all. One query (two past the last page): the people are sorted on lean rows, and only the page's
   * rows are joined to their columns, their manager and whether they are assessed.
   */
  async page(
    root: TeamRoot,
    filter: TeamFilter,
    when: TeamWhen,
    scales: TeamScales,
    order: { sort: TeamSort; descending: boolean; offset: number; limit: number },
  ): Promise<{ rows: TeamPageRow[]; total: number }> {
    if (!rootIsValid(root)) return { rows: [], total: 0 };
    const needs: Needs = {
      assessed: order.sort === "status" || filter.status === "assessed" || filter.status === "unassessed",
      rank: order.sort === "level",
      record: filter.status === "ready",
      branches: false,
    };
    const ctes = this.#ctes(root, filter, when, scales, needs);
    const direction = sql.raw(order.descending ? "desc" : "asc");
    const key = {
      name: sql`f.name_key ${direction}`,
      level: sql`(f.own_rank is null), f.own_rank ${direction}`,
      team: sql`(m.name_key is null), m.name_key ${direction}`,
      status: sql`f.assessed ${direction}`,
    }[order.sort];
    const sorted = sql`order by ${key}, f.name_key asc, f.id asc`;
    const { rows } = await sql<
      PersonRow & { manager_name: string | null; assessed: number | boolean; total: number | string }
    >`
      ${ctes},
      shown as (
        select f.id, row_number() over (${sorted}) as rn, count(*) over () as total from filtered f
        ${order.sort === "team" ? sql`left join people m on m.id = f.manager_id` : sql``}
        ${sorted}
        limit ${order.limit} offset ${order.offset}
      )
      select ${PERSON_COLUMNS}, m.name as manager_name, ${this.#assessed(when)} as assessed, shown.total
      from shown join people p on p.id = shown.id
      left join people m on m.id = p.manager_id
      order by shown.rn`.execute(this.#database.db);
    // past the last page there is no row to carry the total: count apart (only then)
    const total =
      rows.length || order.offset === 0
        ? decodeCount(rows[0]?.total)
        : decodeCount(
            (
              await sql<{ n: string | number }>`${ctes} select count(*) as n from filtered`.execute(
                this.#database.db,
              )
            ).rows[0]?.n,
          );
    return {
      rows: rows.map((row) => ({
        person: personFromRow(row),
        managerName: row.manager_name,
        assessed: row.assessed === true || row.assessed === 1,
      })),
      total,
    };
  }

  /**
   * The heatmap by team: per branch of `root` (see TeamRoot), over the people passing `filter` (give it a
   * framework: the competencies are that framework's), the counts and the mean difference per competency.
   * Branches with nobody passing are left out; ordered by the name of the person at the top. Two queries.
   */
  async branches(
    root: TeamRoot,
    filter: TeamFilter,
    when: TeamWhen,
    scales: TeamScales,
  ): Promise<TeamBranch[]> {
    if (!rootIsValid(root)) return [];
    const rows =
      (await this.#summed(root, filter, when, scales)) ??
      (await this.#aggregated(root, filter, when, scales));
    const part = (row: { part: number | string }) => Number(row.part);
    const counts = new Map(rows.filter((row) => part(row) === 0).map((row) => [row.branch, row]));
    const ready = new Map(rows.filter((row) => part(row) === 1).map((row) => [row.branch, row.n]));
    // ordered by the name of the person at the top, as the database orders names
    const branches = new Map<string, TeamBranch>();
    for (const person of await this.#people([...counts.keys()])) {
      const row = counts.get(person.id);
      if (!row) continue;
      branches.set(person.id, {
        person,
        people: decodeCount(row.n),
        assessed: decodeCount(row.assessed ?? 0),
        ready: decodeCount(ready.get(person.id) ?? 0),
        cells: new Map(),
      });
    }
    for (const row of rows) {
      if (part(row) !== 2 || row.competency === null) continue;
      branches.get(row.branch)?.cells.set(row.competency, cellOf(row));
    }
    return [...branches.values()];
  }

  /**
   * How many active people of `root` are on each framework (null: on none), whatever the other filters: what
   * a team page says of the people its framework leaves out. One query, counted by the database.
   */
  async frameworks(root: TeamRoot): Promise<Map<string | null, number>> {
    if (!rootIsValid(root)) return new Map();
    const lean = { assessed: false, rank: false, record: false, branches: false };
    const ctes = this.#ctes(root, {}, {}, { ranks: [], needs: [] }, lean);
    const { rows } = await sql<{ framework: string | null; n: number | string }>`
      ${ctes} select framework, count(*) as n from filtered group by framework`.execute(this.#database.db);
    return new Map(rows.map((row) => [row.framework, decodeCount(row.n)]));
  }

  /**
   * The heatmap's rows read from the sums per subtree (team-sums.ts, migration 0013): a few rows per branch
   * whatever its size. Only for what the sums count: a framework, no other filter, the latest records
   * (no ?cycle=), none of them on a version whose carry table takes two old competencies to one (the sums
   * of a table one to one are carried as counted; else undefined: work it out person by person, #aggregated).
   * A drill-down's top person is a branch of their own: their node's sums less their reports'. Who is ready
   * depends on the loaded framework: kept per record with what it was worked out on (#ready).
   */
  async #summed(
    root: TeamRoot,
    filter: TeamFilter,
    when: TeamWhen,
    scales: TeamScales,
  ): Promise<BranchRow[] | undefined> {
    const framework = filter.framework;
    const others = [filter.level, filter.track, filter.status, when.cycleId];
    if (framework === undefined || others.some((v) => v !== undefined)) return undefined;
    const due = when.dueCycleId !== undefined && isId(when.dueCycleId) ? when.dueCycleId : undefined;
    const rank = levelLookups(scales).rank;
    // a carried row's competency and level are today's (its table's; a dropped one drops the row)
    const level = sql`coalesce(cl.to_id, s.level)`;
    const known = sql`${lookup(rank, sql`s.framework`, level)} is not null and ${lookup(rank, sql`s.framework`, sql`s.own_level`)} is not null`;
    const delta = sql`(${lookup(rank, sql`s.framework`, level)} - ${lookup(rank, sql`s.framework`, sql`s.own_level`)})`;
    const carried = carriedOf(scales.carry, sql`s.framework`, sql`s.version`);
    const versions = carryVersions(scales.carry);
    const key = sql`coalesce(${lookup(versions.key, sql`s.framework`, sql`s.version`)}, ${ANY})`;
    const byLevel = perLevel(scales, framework);
    const on = (alias: string) =>
      sql`${carried} = 1 and ${sql.raw(alias)}.framework = s.framework and ${sql.raw(alias)}.version = ${key}`;
    const { rows } = await sql<BranchRow & { carried: number | string }>`
      with ${carryCtes(scales.carry ?? [])} b(branch, node, sign) as (${branchNodes(root)})
      select b.branch, case when s.kind = '' then 0 else 3 end as part, null as competency,
        sum(b.sign * s.n) as n, null as assessed, cast(null as numeric) as mean, 0 as carried,
        0 as shown, 0 as offered
      from b cross join team_sum_people s
      where s.node_id = b.node and s.framework = ${framework} and s.kind in ('', ${due ?? ANY})
      group by b.branch, s.kind
      union all
      select y.branch, 2, y.competency, sum(y.n), null, sum(y.nd) * 1.0 / nullif(sum(y.n), 0), 0,
        sum(y.shown), sum(y.n * ${criteriaCount(scales, sql`${framework}`, sql`y.competency`, sql`y.level`)})
      from (
      select x.branch, x.competency, ${byLevel.column("x")}, sum(x.n) as n, sum(x.n * x.delta) as nd,
        sum(x.shown) as shown
      from (
        select b.branch, coalesce(cm.to_id, s.competency) as competency, ${level} as level, b.sign * s.n as n,
          ${delta} as delta, b.sign * s.criteria_shown as shown
        from b cross join team_sums s
        left join carry_competency cm on ${on("cm")} and cm.from_id = s.competency
        left join carry_level cl on ${on("cl")} and cl.from_id = s.level
        where s.node_id = b.node and s.framework = ${framework} and ${known}
          and (cm.from_id is null or cm.to_id is not null) and (cl.from_id is null or cl.to_id is not null)
      ) x
      group by x.branch, x.competency${byLevel.key("x")}
      ) y
      group by y.branch, y.competency
      union all
      -- rows carried through a table where two old competencies reach one: a person's best of them counts
      select null, 4, null, 0, null, null, count(*), 0, 0
      from b cross join team_sums s where s.node_id = b.node and s.framework = ${framework} and ${carried} <> 0
        and coalesce(${lookup(versions.oneToOne, sql`s.framework`, key)}, 0) = 0`.execute(this.#database.db);
    if (rows.some((row) => Number(row.part) === 4 && Number(row.carried) > 0)) return undefined;
    const assessed = new Map(rows.filter((row) => Number(row.part) === 3).map((row) => [row.branch, row.n]));
    const counts = rows
      .filter((row) => Number(row.part) === 0 && decodeCount(row.n) > 0)
      .map((row) => ({ ...row, assessed: assessed.get(row.branch) ?? 0 }));
    const cells = rows.filter((row) => Number(row.part) === 2 && decodeCount(row.n) > 0);
    return [...counts, ...(await this.#ready(root, filter, when, scales)), ...cells];
  }

  /**
   * Part 1 of the heatmap's rows, how many are ready per branch, read from the records (team-ready.ts): one
   * statement when every record's "ready" still holds; else those that do not are worked out (#ctes'
   * record) and written back first, and the count read again.
   */
  async #ready(root: TeamRoot, filter: TeamFilter, when: TeamWhen, scales: TeamScales): Promise<BranchRow[]> {
    const bases = readinessBases(scales);
    const good = (r: string, p: string) =>
      sql`coalesce(${readyIsGood(bases, sql.raw(r), sql.raw(p))}, false)`;
    const count = async () => {
      const ctes = this.#ctes(root, filter, when, scales, {
        assessed: false,
        rank: false,
        record: false,
        branches: true,
      });
      // part 5: records whose "ready" no longer holds
      const { rows } = await sql<BranchRow>`
        ${ctes}
        select x.branch, x.part, null as competency, count(*) as n, null as assessed, null as mean from (
          select s.branch, case when ${good("r", "s")} then 1 else 5 end as part
          from filtered s cross join team_records r
          where r.person_id = s.id and r.framework = s.framework and (r.ready = 1 or not ${good("r", "s")})
        ) x group by x.branch, x.part`.execute(this.#database.db);
      return rows;
    };
    let rows = await count();
    if (!rows.some((row) => Number(row.part) === 5)) return rows;
    const stale = this.#ctes(root, filter, when, scales, {
      assessed: false,
      rank: true,
      record: true,
      branches: false,
      only: sql<SqlBool>`exists (select 1 from team_records r
        where r.person_id = p.id and r.framework = p.framework and not ${good("r", "p")})`,
    });
    // PostgreSQL: only the rows it can lock at once (SKIP LOCKED), so a read never waits on a row lock and
    // cannot deadlock (two reads locking shared records in different orders, a read and a restore's delete)
    const locked =
      this.#dialect === "postgres"
        ? sql`, locked as materialized (select t.person_id from team_records t
            where t.person_id in (select id from record) for update skip locked)`
        : sql``;
    const mine = this.#dialect === "postgres" ? sql`and x.id in (select person_id from locked)` : sql``;
    // rows skipped were held by another transaction's write (a statement, so a moment): try them again
    for (let round = 0; round < READY_WRITE_ROUNDS && rows.some((row) => Number(row.part) === 5); round++) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 5 * round));
      await sql`${stale}${locked}
        update team_records set ${readySet(bases)}
        from record x where team_records.person_id = x.id ${mine}`.execute(this.#database.db);
      rows = await count();
    }
    // one still held (a long transaction), or submitted meanwhile, is counted once a read works it out
    return rows.filter((row) => Number(row.part) === 1);
  }

  /**
   * The heatmap's rows worked out from every person below the root: the tree walk, each one's record and
   * picks (any filter, any cycle, records carried from earlier versions). Part 0: people and assessed per
   * branch; 1: ready; 2: per competency, the picks and their mean difference.
   */
  async #aggregated(
    root: TeamRoot,
    filter: TeamFilter,
    when: TeamWhen,
    scales: TeamScales,
  ): Promise<BranchRow[]> {
    const ctes = this.#ctes(root, filter, when, scales, {
      assessed: true,
      rank: true,
      record: true,
      branches: true,
    });
    const ranks = levelLookups(scales).rank;
    const byLevel = perLevel(scales, filter.framework);
    const picks = picksOf(when);
    const pickRank = lookup(ranks, sql`r.framework`, sql`ap.level`);
    const status = statusOf(filter, sql`r`);
    const also = status ? sql`and ${status}` : sql``;
    // One statement for the counts, the ready and the cells: each statement computes its CTEs anew (the
    // assessments of record: most of the time), so separate statements did it again for each
    const { rows } = await sql<BranchRow>`
      ${ctes}
      select f.branch, 0 as part, null as competency, count(*) as n,
        sum(case when f.assessed then 1 else 0 end) as assessed, cast(null as numeric) as mean,
        0 as shown, 0 as offered
      from filtered f group by f.branch
      union all
      select r.branch, 1, null, count(*), null, null, 0, 0 from record r
      where r.ready = 1 ${status ? sql`and ${status}` : sql``} group by r.branch
      union all
      select e.branch, 2, e.competency, sum(e.n), null, sum(e.nd) * 1.0 / nullif(sum(e.n), 0),
        sum(e.shown), sum(e.offered) + sum(e.n * ${criteriaCount(scales, sql`e.framework`, sql`e.competency`, sql`e.level`)})
      from (
      select d.branch, d.framework, d.competency, ${byLevel.column("d")}, count(*) as n, sum(d.delta) as nd,
        sum(d.shown) as shown, sum(d.offered) as offered
      from (
        select r.branch, r.framework, ap.competency, ap.level, ${pickRank} - r.own_rank as delta,
          ap.criteria_shown as shown, 0 as offered
        -- CROSS JOIN: SQLite reads the picks by each record's key (not all picks, probing records)
        from record r cross join ${picks.table} ap
        where ${picks.of(sql`r`)} and ap.level is not null and r.carried = 0 ${also}
        union all
        -- records made on an earlier version: their picks carried, one value per competency they reach
        select cp.branch, cp.framework, cp.competency, null, ${BEST} - cp.own_rank, sum(cp.shown), sum(cp.offered)
        from (
          select r.branch, r.framework, r.pick_key, r.own_rank, ${carriedColumns(ranks, sql`r`)},
            ap.criteria_shown as shown, ${criteriaCount(scales, sql`r.framework`, sql`coalesce(cm.to_id, ap.competency)`, sql`coalesce(cl.to_id, ap.level)`)} as offered
          from record r cross join ${picks.table} ap ${carriedJoins(sql`r`)}
          where r.carried = 1 and ${carriedWhere(picks, sql`r`)} ${also}
        ) cp
        group by cp.branch, cp.framework, cp.pick_key, cp.own_rank, cp.competency
      ) d
      where d.delta is not null
      group by d.branch, d.framework, d.competency${byLevel.key("d")}
      ) e
      group by e.branch, e.competency`.execute(this.#database.db);
    return rows;
  }

  /** The people at the top of branches, ordered by name as the database orders them (500 ids a query). */
  async #people(ids: string[]): Promise<Person[]> {
    const rows: PersonRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      rows.push(
        ...(
          await sql<PersonRow>`select ${PERSON_COLUMNS} from people p where p.id in (${sql.join(part)}) order by p.name_key, p.id`.execute(
            this.#database.db,
          )
        ).rows,
      );
    }
    // the database's own order when one query held them all; else by the same key, in code point order
    if (ids.length > 500)
      rows.sort((a, b) =>
        a.name_key < b.name_key ? -1 : a.name_key > b.name_key ? 1 : a.id < b.id ? -1 : 1,
      );
    return rows.map(personFromRow);
  }

  /** Whether the person `p` has a submitted assessment in the due cycle (any, without one): by its index. */
  #assessed(when: TeamWhen): RawBuilder<unknown> {
    const due = when.dueCycleId !== undefined && isId(when.dueCycleId) ? when.dueCycleId : undefined;
    return sql`exists (select 1 from assessments a where a.person_id = p.id and a.status = 'submitted'${
      due ? sql` and a.cycle_id = ${due}` : sql``
    })`;
  }

  /**
   * The common table expressions every read starts with: `scope` (the active people of the root passing
   * the filter, lean: the columns to sort and filter on, their branch, and what `needs` asks; the tree walk
   * `below` unless the root is everyone and no branch is needed), with `needs.record` also `record` (see
   * #recordCte), and `filtered` (those of the status asked for).
   *
   * No CTE is joined to another: each carries forward the columns the next needs. PostgreSQL cannot
   * estimate the rows of a recursive walk (it guesses ~80 for 10,000), so a join of two of them is planned
   * as a nested loop over both, 10,000 × 10,000 (the heatmap took minutes).
   */
  #ctes(root: TeamRoot, filter: TeamFilter, when: TeamWhen, scales: TeamScales, needs: Needs) {
    const walk = root !== "everyone" || needs.branches;
    const where: RawBuilder<SqlBool>[] = [sql<SqlBool>`p.active = ${encodeBool(this.#dialect, true)}`];
    if (filter.framework !== undefined) where.push(sql<SqlBool>`p.framework = ${filter.framework}`);
    if (filter.level !== undefined) where.push(sql<SqlBool>`p.level = ${filter.level}`);
    if (filter.track !== undefined) where.push(sql<SqlBool>`p.track = ${filter.track}`);
    if (needs.only) where.push(needs.only);
    const lookups = levelLookups(scales);
    const names = [
      ...["id", "name_key", "manager_id", "framework", "level", "branch"],
      ...(needs.assessed ? ["assessed"] : []),
      ...(needs.rank || needs.record ? ["own_rank"] : []),
    ];
    const columns = [
      sql`p.id, p.name_key, p.manager_id, p.framework, p.level, ${walk ? sql`p.branch` : sql`null`} as branch`,
      ...(needs.assessed ? [sql`${this.#assessed(when)} as assessed`] : []),
      ...(needs.rank || needs.record
        ? [sql`${lookup(lookups.rank, sql`p.framework`, sql`p.level`)} as own_rank`]
        : []),
    ];
    const walkCte = walk
      ? sql`below(${WALKED}, branch, depth) as (
          ${start(root)}
          union all
          select ${sql.raw("c.id, c.name_key, c.manager_id, c.framework, c.level, c.track, c.active")},
            b.branch, b.depth + 1
          from people c join below b on c.manager_id = b.id
          where b.depth >= 1 and b.depth < ${MAX_TREE_DEPTH}
        ),`
      : sql``;
    const status = statusOf(filter, sql`s`);
    // kept for the statement only where it is read more than once (the record): else inlined, as it is cheaper
    const kept = sql.raw(needs.record ? "materialized" : "not materialized");
    return sql`
      with recursive ${walkCte}${needs.record ? carryCtes(scales.carry ?? []) : sql``}
      scope as ${kept} (
        select ${sql.join(columns)} from ${walk ? sql`below p` : sql`people p`}
        where ${sql.join(where, sql` and `)}
      )${needs.record ? this.#recordCte(when, lookups, scales.carry, names) : sql``},
      filtered as ${kept} (
        select ${sql.raw(names.join(", "))} from ${filter.status === "ready" ? sql`record s` : sql`scope s`}
        ${status ? sql`where ${status}` : sql``}
      )`;
  }

  /**
   * `record`: each person in scope with their assessment of record (TeamRepository.recordsOf's rule) if it
   * is on their own framework, carrying the scope's `columns`, with what their next level asks and whether
   * they are `ready` (1) for it: a pick of record reaching the next level's rank in each competency it
   * expects (and it expects at least one). The picks are read by each record's key, never all of them;
   * the first expected pick below the rank (or without a level) settles it, before any are counted.
   */
  #recordCte(
    when: TeamWhen,
    lookups: ReturnType<typeof levelLookups>,
    carry: TeamCarry[] | undefined,
    columns: string[],
  ): RawBuilder<unknown> {
    const cycle = when.cycleId !== undefined && isId(when.cycleId) ? when.cycleId : undefined;
    const listed = (competency: RawBuilder<unknown>) =>
      this.#dialect === "postgres"
        ? sql`strpos(x.need_list, '|' || ${competency} || '|') > 0`
        : sql`instr(x.need_list, '|' || ${competency} || '|') > 0`;
    const need = (values: ByLevel) => lookup(values, sql`s.framework`, sql`s.level`);
    const pickRank = lookup(lookups.rank, sql`x.framework`, sql`ap.level`);
    const kept = columns.map((c) => sql.raw(`s.${c}`));
    const picks = picksOf(when);
    const versions = carryVersions(carry);
    const version = sql`a.framework_version`;
    const carried = carriedOf(carry, sql`s.framework`, version);
    const key = sql`coalesce(${lookup(versions.key, sql`s.framework`, version)}, ${ANY})`;
    return sql`,
        record as materialized (
          select x.*, case when x.carried = 0 then (case when x.need_count > 0 and not exists (
              select 1 from ${picks.table} ap
              where ${picks.of(sql`x`)} and ${listed(sql`ap.competency`)}
                and coalesce(${pickRank}, -1) < x.need_rank
            ) and (
              select count(*) from ${picks.table} ap
              where ${picks.of(sql`x`)} and ap.level is not null and ${listed(sql`ap.competency`)}
            ) = x.need_count then 1 else 0 end)
            -- carried: each expected competency's one value (BEST) at the next level's rank or above
            else (case when x.need_count > 0 and (
              select count(*) from (
                select cp.competency, ${BEST} as rank from (
                  select ${carriedColumns(lookups.rank, sql`x`)}
                  from ${picks.table} ap ${carriedJoins(sql`x`)}
                  where ${carriedWhere(picks, sql`x`)}
                ) cp group by cp.competency
              ) best where ${listed(sql`best.competency`)} and best.rank >= x.need_rank
            ) = x.need_count then 1 else 0 end) end as ready
          from (
            select ${sql.join(kept)}, ${picks.latest ? sql`s.id` : sql`a.id`} as pick_key,
              ${need(lookups.needCount)} as need_count, ${need(lookups.needRank)} as need_rank,
              ${need(lookups.needList)} as need_list, ${carried} as carried, ${key} as carry_key
            -- CROSS JOIN: SQLite looks each record up by its key (not all records, probing the scope)
            ${
              picks.latest
                ? sql`from scope s cross join team_records a where a.person_id = s.id`
                : sql`from (select s.*, ${recordIdOf(sql`s.id`, cycle)} as record_id from scope s) s
                    cross join assessments a where a.id = s.record_id`
            } and a.framework = s.framework
          ) x
        )`;
  }
}

/** A heatmap cell from its row (part 2): the criteria only where the picked levels write some. */
function cellOf(row: BranchRow): TeamCell {
  const of = Number(row.offered ?? 0);
  const shown = Math.min(Number(row.shown ?? 0), of);
  return { mean: Number(row.mean), picks: Number(row.n), ...(of > 0 ? { criteria: { shown, of } } : {}) };
}

/** The rows of `alias` (scope or record) of the status asked for, if one is. */
function statusOf(filter: TeamFilter, alias: RawBuilder<unknown>): RawBuilder<SqlBool> | undefined {
  if (filter.status === "assessed") return sql<SqlBool>`${alias}.assessed`;
  if (filter.status === "unassessed") return sql<SqlBool>`not ${alias}.assessed`;
  if (filter.status === "ready") return sql<SqlBool>`${alias}.ready = 1`;
  return undefined;
}
