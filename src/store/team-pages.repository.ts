import { type RawBuilder, type SqlBool, sql } from "kysely";
import { decodeCount, encodeBool, isId } from "./columns.js";
import type { Database, Dialect } from "./db.js";
import { personFromRow } from "./people.repository.js";
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
   * in all. Two queries.
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
      level: sql`(own.rank is null), own.rank ${direction}`,
      team: sql`(m.name_key is null), m.name_key ${direction}`,
      status: sql`p.assessed ${direction}`,
    }[order.sort];
    const [{ rows }, counted] = await Promise.all([
      sql<PersonRow & { manager_name: string | null; assessed: number | boolean }>`
        ${ctes}
        select p.*, m.name as manager_name from filtered p
        left join people m on m.id = p.manager_id
        left join ranks own on own.framework = p.framework and own.level = p.level
        order by ${key}, p.name_key asc, p.id asc
        limit ${order.limit} offset ${order.offset}`.execute(this.#database.db),
      sql<{ n: string | number }>`${ctes} select count(*) as n from filtered`.execute(this.#database.db),
    ]);
    return {
      rows: rows.map((row) => ({
        person: personFromRow(row),
        managerName: row.manager_name,
        assessed: row.assessed === true || row.assessed === 1,
      })),
      total: decodeCount(counted.rows[0]?.n),
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
    const [counts, cells] = await Promise.all([
      sql<PersonRow & { people: number | string; assessed: number | string; ready: number | string }>`
        ${ctes}
        select ${PERSON_COLUMNS}, t.people, t.assessed, t.ready from (
          select f.branch, count(*) as people,
            sum(case when f.assessed then 1 else 0 end) as assessed,
            sum(case when f.id in (select person_id from ready) then 1 else 0 end) as ready
          from filtered f group by f.branch
        ) t join people p on p.id = t.branch
        order by p.name_key, p.id`.execute(this.#database.db),
      sql<{ branch: string; competency: string; mean: number | string; picks: number | string }>`
        ${ctes}
        select c.branch, c.competency, avg(c.delta) as mean, count(*) as picks from cells c
        where c.delta is not null and c.person_id in (select id from filtered)
        group by c.branch, c.competency`.execute(this.#database.db),
    ]);
    const branches = new Map<string, TeamBranch>();
    for (const row of counts.rows) {
      branches.set(row.id, {
        person: personFromRow(row),
        people: decodeCount(row.people),
        assessed: decodeCount(row.assessed),
        ready: decodeCount(row.ready),
        cells: new Map(),
      });
    }
    for (const row of cells.rows) {
      branches
        .get(row.branch)
        ?.cells.set(row.competency, { mean: Number(row.mean), picks: Number(row.picks) });
    }
    return [...branches.values()];
  }

  #jsonTable(rows: unknown[][], columns: string[]): RawBuilder<unknown> {
    return jsonTableSql(this.#dialect, rows, columns);
  }

  /**
   * The common table expressions every read starts with: `below` (the tree walk from the root, each person
   * with their branch), `ranks` and `needs` (the scales), `filtered` (the active people passing the filter,
   * with `assessed`), and with `withCells` or a "ready" filter also `record` (each person's assessment of
   * record, TeamRepository.recordsOf's rule), `cells` (their picks against their own level) and `ready`.
   */
  #ctes(root: TeamRoot, filter: TeamFilter, when: TeamWhen, scales: TeamScales, withCells = false) {
    const active = encodeBool(this.#dialect, true);
    const ranksTable = this.#jsonTable(
      scales.ranks.map((r) => [r.framework, r.level, r.rank]),
      ["framework", "level", "rank"],
    );
    const needsTable = this.#jsonTable(
      scales.needs.map((n) => [n.framework, n.level, n.competency, n.rank]),
      ["framework", "level", "competency", "rank"],
    );
    const cycle = when.cycleId !== undefined && isId(when.cycleId) ? when.cycleId : undefined;
    const due = when.dueCycleId !== undefined && isId(when.dueCycleId) ? when.dueCycleId : undefined;
    const assessed = sql`exists (select 1 from assessments a where a.person_id = p.id and a.status = 'submitted'${
      due ? sql` and a.cycle_id = ${due}` : sql``
    })`;
    const needCells = withCells || filter.status === "ready";
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
    const cellCtes = needCells
      ? sql`,
        record as (
          select ranked.id, ranked.person_id, ranked.framework from (${recordRanking(
            sql`assessments a join scope s on s.id = a.person_id`,
            sql`a.status = 'submitted' ${inCycle}`,
          )}) ranked where ranked.rn = 1
        ),
        cells as (
          select s.id as person_id, s.branch, ap.competency, pr.rank - own.rank as delta,
            case when nd.rank is not null and pr.rank >= nd.rank then 1 else 0 end as met
          from scope s
          join record r on r.person_id = s.id and r.framework = s.framework
          join assessment_picks ap on ap.assessment_id = r.id and ap.level is not null
          join ranks pr on pr.framework = s.framework and pr.level = ap.level
          left join ranks own on own.framework = s.framework and own.level = s.level
          left join needs nd on nd.framework = s.framework and nd.level = s.level and nd.competency = ap.competency
        ),
        need_count as (select framework, level, count(*) as n from needs group by framework, level),
        ready as (
          select c.person_id from cells c
          join scope s on s.id = c.person_id
          join need_count k on k.framework = s.framework and k.level = s.level
          group by c.person_id, k.n having sum(c.met) = k.n
        )`
      : sql``;
    return sql`
      with recursive below(id, branch, depth) as (
        ${start(root)}
        union all
        select c.id, b.branch, b.depth + 1 from people c join below b on c.manager_id = b.id
        where b.depth >= 1 and b.depth < ${MAX_TREE_DEPTH}
      ),
      ranks as (${ranksTable}),
      needs as (${needsTable}),
      scope as materialized (
        select ${PERSON_COLUMNS}, b.branch, ${assessed} as assessed
        from below b join people p on p.id = b.id
        where ${sql.join(where, sql` and `)}
      )${cellCtes},
      filtered as (select s.* from scope s ${status})`;
  }
}

/** Rows bound as one JSON array, read as a table: every column text but the last, an integer (a rank). */
function jsonTableSql(dialect: Dialect, rows: unknown[][], columns: string[]): RawBuilder<unknown> {
  const last = columns.length - 1;
  if (dialect === "postgres") {
    const cols = columns.map((c, i) => `(x ->> ${i})${i === last ? "::int" : ""} as ${c}`).join(", ");
    return sql`select ${sql.raw(cols)} from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) x`;
  }
  const cols = columns.map((c, i) => `value ->> ${i} as ${c}`).join(", ");
  return sql`select ${sql.raw(cols)} from json_each(${JSON.stringify(rows)})`;
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
