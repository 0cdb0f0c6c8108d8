import { type RawBuilder, type SqlBool, sql } from "kysely";
import { decodeCount, encodeBool, isId } from "./columns.js";
import type { Database, Dialect } from "./db.js";
import { personFromRow } from "./person-row.js";
import { recordRanking } from "./team.repository.js";
import type { Person } from "./types.js";

/**
 * The reads behind the paged team pages at 10,000 people: a page of people in a part of the org tree
 * (sorted and filtered in SQL, the total counted in SQL), and the heatmap aggregated by team (per branch
 * of the tree: how many people, how many assessed in the due cycle, how many ready for their next level,
 * and the mean difference from their own level per competency), all computed in the database with the
 * indexes of migration 0005 (see team-pages.plans.test.ts). A fixed number of queries whatever the size of
 * the team; nothing is read per person.
 *
 * What the database cannot know, the framework (level ranks, and which competencies a level expects), is
 * bound as one JSON value (`TeamScales`) and read as a table inside the query.
 */

/** Whose people, as a part of the org tree. Each person falls in one branch: the heatmap's rows. */
export type TeamRoot =
  /** Everyone below a person (their team): each direct report's subtree is a branch. */
  | { below: string }
  /** A person and everyone below them (a drill-down): the person is a branch of their own, and each of their
   * direct reports' subtrees is one. */
  | { subtree: string }
  /** Everyone active: each person at the top of the tree, with their subtree, is a branch. */
  | "everyone";

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

/**
 * The frameworks as the query needs them: each level's rank, and for each level what its next level asks
 * (the competencies with an expectation there, and the rank a pick must reach). A person is ready when
 * their assessment of record reaches that rank in every one of them (and there is at least one): the rule
 * of core's teamHeatmap `meetsNext`, which a test holds this to.
 */
export interface TeamScales {
  ranks: { framework: string; level: string; rank: number }[];
  needs: { framework: string; level: string; competency: string; rank: number }[];
}

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
  cells: Map<string, { mean: number; picks: number }>;
}

type PersonRow = Parameters<typeof personFromRow>[0];

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
   * in all. One query (two past the last page).
   */
  async page(
    root: TeamRoot,
    filter: TeamFilter,
    when: TeamWhen,
    scales: TeamScales,
    order: { sort: TeamSort; descending: boolean; offset: number; limit: number },
  ): Promise<{ rows: TeamPageRow[]; total: number }> {
    if (!rootIsValid(root)) return { rows: [], total: 0 };
    const ctes = this.#ctes(root, filter, when, scales);
    const direction = sql.raw(order.descending ? "desc" : "asc");
    const key = {
      name: sql`p.name_key ${direction}`,
      level: sql`(p.own_rank is null), p.own_rank ${direction}`,
      team: sql`(m.name_key is null), m.name_key ${direction}`,
      status: sql`p.assessed ${direction}`,
    }[order.sort];
    const { rows } = await sql<
      PersonRow & { manager_name: string | null; assessed: number | boolean; total: number | string }
    >`
      ${ctes}
      select p.*, m.name as manager_name, count(*) over () as total from filtered p
      left join people m on m.id = p.manager_id
      order by ${key}, p.name_key asc, p.id asc
      limit ${order.limit} offset ${order.offset}`.execute(this.#database.db);
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
    const ctes = this.#ctes(root, filter, when, scales, true);
    // One statement for the counts and the cells: each statement computes its CTEs anew (the assessments of
    // record and every pick: most of the time), so two statements did all of it twice.
    const { rows } = await sql<{
      branch: string;
      competency: string | null;
      people: number | string | null;
      assessed: number | string | null;
      ready: number | string | null;
      mean: number | string | null;
      picks: number | string | null;
    }>`
      ${ctes}
      select f.branch, null as competency, count(*) as people,
        sum(case when f.assessed then 1 else 0 end) as assessed,
        sum(case when f.id in (select person_id from ready) then 1 else 0 end) as ready,
        null as mean, null as picks
      from filtered f group by f.branch
      union all
      select c.branch, c.competency, null, null, null, avg(c.delta), count(*) from cells c
      where c.delta is not null and c.person_id in (select id from filtered)
      group by c.branch, c.competency`.execute(this.#database.db);
    const counts = new Map(rows.filter((row) => row.competency === null).map((row) => [row.branch, row]));
    // ordered by the name of the person at the top, as the database orders names
    const branches = new Map<string, TeamBranch>();
    for (const person of await this.#people([...counts.keys()])) {
      const row = counts.get(person.id);
      if (!row) continue;
      branches.set(person.id, {
        person,
        people: decodeCount(row.people ?? 0),
        assessed: decodeCount(row.assessed ?? 0),
        ready: decodeCount(row.ready ?? 0),
        cells: new Map(),
      });
    }
    for (const row of rows) {
      if (row.competency === null) continue;
      branches
        .get(row.branch)
        ?.cells.set(row.competency, { mean: Number(row.mean), picks: Number(row.picks) });
    }
    return [...branches.values()];
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

  /**
   * A value from the scales by key, as a CASE over the keys (bound values): a join to a table of them, or
   * a JSON lookup, cost a scan or a parse per pick, minutes at 10,000 people. Keys join ids with "|", which
   * no id contains. Null for a key not there.
   */
  #lookup(map: Map<string, number | string>, parts: RawBuilder<unknown>[]): RawBuilder<unknown> {
    if (map.size === 0) return sql`null`;
    const key = sql.join(parts, sql` || '|' || `);
    const whens = sql.join(
      [...map].map(([k, v]) => sql`when ${k} then ${typeof v === "number" ? sql.lit(v) : v}`),
      sql` `,
    );
    return sql`(case ${key} ${whens} end)`;
  }

  /**
   * The common table expressions every read starts with: `scope` (the active people of the root passing
   * the filter, with their branch, own rank and `assessed`; the tree walk `below` unless the root is
   * everyone and no branch is needed), `filtered` (and the status), and with `withCells` or a "ready" filter
   * also `record` (each person's assessment of record, TeamRepository.recordsOf's rule), `cells` (their
   * picks against their own level) and `ready`.
   */
  // long: the one place the pieces of every team query are assembled; split, the order of the CTEs and
  // which of them a query needs would be spread over several functions
  #ctes(root: TeamRoot, filter: TeamFilter, when: TeamWhen, scales: TeamScales, withCells = false) {
    const active = encodeBool(this.#dialect, true);
    const ranks = new Map(scales.ranks.map((r) => [`${r.framework}|${r.level}`, r.rank]));
    // per level: the rank its next level asks for, how many competencies, and which (|a|b|c|)
    const needRank = new Map<string, number>();
    const needCount = new Map<string, number>();
    const needList = new Map<string, string>();
    for (const n of scales.needs) {
      const key = `${n.framework}|${n.level}`;
      needRank.set(key, n.rank);
      needCount.set(key, (needCount.get(key) ?? 0) + 1);
      needList.set(key, `${needList.get(key) ?? "|"}${n.competency}|`);
    }
    const cycle = when.cycleId !== undefined && isId(when.cycleId) ? when.cycleId : undefined;
    const due = when.dueCycleId !== undefined && isId(when.dueCycleId) ? when.dueCycleId : undefined;
    const assessed = sql`exists (select 1 from assessments a where a.person_id = p.id and a.status = 'submitted'${
      due ? sql` and a.cycle_id = ${due}` : sql``
    })`;
    const needCells = withCells || filter.status === "ready";
    const walk = root !== "everyone" || withCells;
    const where: RawBuilder<SqlBool>[] = [sql<SqlBool>`p.active = ${active}`];
    if (filter.framework !== undefined) where.push(sql<SqlBool>`p.framework = ${filter.framework}`);
    if (filter.level !== undefined) where.push(sql<SqlBool>`p.level = ${filter.level}`);
    if (filter.track !== undefined) where.push(sql<SqlBool>`p.track = ${filter.track}`);
    const status =
      filter.status === "assessed"
        ? sql`where s.assessed`
        : filter.status === "unassessed"
          ? sql`where not s.assessed`
          : filter.status === "ready"
            ? sql`where s.id in (select person_id from ready)`
            : sql``;
    const inCycle = cycle ? sql`and a.cycle_id = ${cycle}` : sql``;
    const pickRank = this.#lookup(ranks, [sql`s.framework`, sql`ap.level`]);
    const listed =
      this.#dialect === "postgres"
        ? sql`strpos(s.need_list, '|' || ap.competency || '|') > 0`
        : sql`instr(s.need_list, '|' || ap.competency || '|') > 0`;
    const cellCtes = needCells
      ? sql`,
        record as materialized (
          select ranked.id, ranked.person_id, ranked.framework from (${recordRanking(
            sql`scope s join assessments a on a.person_id = s.id`,
            sql`a.status = 'submitted' ${inCycle}`,
          )}) ranked where ranked.rn = 1
        ),
        picked as materialized (
          select s.id as person_id, s.branch, s.own_rank, s.need_count, ap.competency,
            ${pickRank} as pick_rank, case when ${listed} then s.need_rank end as need_rank
          -- CROSS JOIN: SQLite reads the picks by each record's key (not all picks, probing records)
          from record r
          cross join assessment_picks ap
          join scope s on s.id = r.person_id and s.framework = r.framework
          where ap.assessment_id = r.id and ap.level is not null
        ),
        cells as materialized (
          select person_id, branch, competency, pick_rank - own_rank as delta,
            case when need_rank is not null and pick_rank >= need_rank then 1 else 0 end as met, need_count
          from picked where pick_rank is not null
        ),
        ready as materialized (
          select person_id from cells where need_count > 0
          group by person_id, need_count having sum(met) = need_count
        )`
      : sql``;
    const from = walk ? sql`below b join people p on p.id = b.id` : sql`people p`;
    const walkCte = walk
      ? sql`below(id, branch, depth) as (
          ${start(root)}
          union all
          select c.id, b.branch, b.depth + 1 from people c join below b on c.manager_id = b.id
          where b.depth >= 1 and b.depth < ${MAX_TREE_DEPTH}
        ),`
      : sql``;
    return sql`
      with recursive ${walkCte}
      scope as materialized (
        select ${PERSON_COLUMNS}, ${walk ? sql`b.branch` : sql`null`} as branch, ${assessed} as assessed,
          ${this.#lookup(ranks, [sql`p.framework`, sql`p.level`])} as own_rank,
          ${this.#lookup(needCount, [sql`p.framework`, sql`p.level`])} as need_count,
          ${this.#lookup(needRank, [sql`p.framework`, sql`p.level`])} as need_rank,
          ${this.#lookup(needList, [sql`p.framework`, sql`p.level`])} as need_list
        from ${from}
        where ${sql.join(where, sql` and `)}
      )${cellCtes},
      filtered as materialized (select s.* from scope s ${status})`;
  }
}

function rootIsValid(root: TeamRoot): boolean {
  return root === "everyone" || isId("below" in root ? root.below : root.subtree);
}

/** Where the tree walk starts: each row is a branch (its own id), at depth 1 unless it is the root itself. */
function start(root: TeamRoot): RawBuilder<unknown> {
  if (root === "everyone") return sql`select id, id, 1 from people where manager_id is null`;
  if ("below" in root) return sql`select id, id, 1 from people where manager_id = ${root.below}`;
  return sql`select id, id, 0 from people where id = ${root.subtree}
        union all
        select id, id, 1 from people where manager_id = ${root.subtree}`;
}
