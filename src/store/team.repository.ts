import { type RawBuilder, type SqlBool, sql } from "kysely";
import { decodeTime, encodeBool, idIn, isId } from "./columns.js";
import type { Database } from "./db.js";
import { personFromRow } from "./person-row.js";
import type { AssessmentKind, Person } from "./types.js";

/**
 * The reads behind team views (a manager's subtree, the whole organization): lean, set-at-a-time queries
 * that hold up at 10,000 people × 60 competencies (bench/team.ts). Each answers for all the people at
 * once, whatever their number (no query per person), and reads only the columns a heatmap needs: no
 * evidence, links or bands, which the single-assessment reads of AssessmentsRepository carry.
 */

/** Whose assessments: the given people, or every active person. */
export type TeamScope = { personIds: readonly string[] } | "everyone";

/** A person's assessment of record (see `recordsOf`), with its picked levels only. */
export interface RecordAssessment {
  assessmentId: string;
  personId: string;
  kind: AssessmentKind;
  cycleId: string | null;
  framework: string;
  frameworkVersion: string;
  /** The role the assessment was made in (migration 0010), null without one. */
  role: string | null;
  submittedAt: Date;
  /** Competency id → picked level id; competencies without a picked level are absent. */
  picks: Map<string, string>;
  /**
   * Competency id → how many criteria were ticked as shown at the picked level (`criteria_shown`,
   * docs/assessments.md "Criteria shown"); competencies with none ticked there are absent.
   */
  shown: Map<string, number>;
}

/**
 * What calibration compares for one person: their self-assessment and a manager's assessment of them from
 * the same cycle, with the picked levels of each.
 */
export interface CalibrationSource {
  personId: string;
  /** Who wrote the manager assessment. */
  managerId: string;
  managerName: string;
  framework: string;
  /** The person's level and track now: calibration pairs only what their place is assessed on. */
  level: string | null;
  track: string | null;
  cycleId: string;
  /** Competency id → picked level id, picked competencies only. */
  self: Map<string, string>;
  manager: Map<string, string>;
  /** The framework versions the two were made on (carried to the loaded one before they are compared). */
  selfVersion: string;
  managerVersion: string;
}

interface RecordRow {
  id: string;
  person_id: string;
  kind: AssessmentKind;
  cycle_id: string | null;
  framework: string;
  framework_version: string;
  role: string | null;
  submitted_at: Date | string;
  /** The picked (competency, level) pairs as JSON (see `picksFrom`); null without any. */
  picks: unknown;
}

/**
 * Competency id → level id from a JSON array of pairs (`#pairs`), and competency id → criteria shown from
 * a third member where the array has one: PostgreSQL's driver parses json, SQLite gives the text.
 */
function picksFrom(value: unknown): { picks: Map<string, string>; shown: Map<string, number> } {
  const list: unknown = typeof value === "string" ? JSON.parse(value) : value;
  const picks = new Map<string, string>();
  const shown = new Map<string, number>();
  if (Array.isArray(list)) {
    for (const pair of list) {
      if (!Array.isArray(pair) || typeof pair[0] !== "string" || typeof pair[1] !== "string") continue;
      picks.set(pair[0], pair[1]);
      const count = Number(pair[2] ?? 0);
      if (count > 0) shown.set(pair[0], count);
    }
  }
  return { picks, shown };
}

/**
 * The id of the assessment of record (see `recordsOf`) of the person whose id is `personId` (a column of
 * the outer query), among their submitted assessments passing `inCycle` (on `a`): a correlated subquery
 * that reads only that person's assessments, by the index on (person_id, ...), so a team's records cost a
 * few index lookups a person instead of ranking every assessment of the organization with window
 * functions (at 10,000 people that ranking was most of a heatmap's time). The latest round is the one
 * holding the latest submission (with a tie, each round holding one), so it needs no window. Shared with
 * TeamPagesRepository, so both read one rule.
 */
export function recordIdOf(personId: RawBuilder<unknown>, cycleId: string | undefined): RawBuilder<unknown> {
  const mine = (alias: string) => {
    const t = sql.raw(alias);
    const inCycle = cycleId === undefined ? sql`` : sql` and ${t}.cycle_id = ${cycleId}`;
    return sql`${t}.person_id = ${personId} and ${t}.status = 'submitted'${inCycle}`;
  };
  return sql`(select a.id from assessments a
    where ${mine("a")} and coalesce(a.cycle_id, a.id) in (
      select coalesce(r.cycle_id, r.id) from assessments r
      where ${mine("r")} and r.submitted_at = (select max(m.submitted_at) from assessments m where ${mine("m")}))
    order by case a.kind when 'agreed' then 0 when 'manager' then 1 else 2 end, a.submitted_at desc, a.id desc
    limit 1)`;
}

export class TeamRepository {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  #idIn(column: string, ids: readonly string[]): RawBuilder<SqlBool> {
    return idIn(this.#database.dialect, column, ids);
  }

  /** The assessments of the people in scope: `a` joined to their (active) person when the scope is everyone. */
  #scoped(scope: TeamScope): { join: RawBuilder<unknown>; where: RawBuilder<SqlBool> } {
    if (scope === "everyone") {
      return {
        join: sql`join people p on p.id = a.person_id and p.active = ${encodeBool(this.#database.dialect, true)}`,
        where: sql<SqlBool>`1 = 1`,
      };
    }
    return { join: sql``, where: this.#idIn("a.person_id", scope.personIds) };
  }

  /** Every active person, ordered by name (then id), in one query. */
  async activePeople(): Promise<Person[]> {
    const rows = await this.#database.db
      .selectFrom("people")
      .selectAll()
      .where("active", "=", encodeBool(this.#database.dialect, true))
      .orderBy("name_key")
      .orderBy("id")
      .execute();
    return rows.map(personFromRow);
  }

  /**
   * Each person's assessment of record among their submitted ones: from their latest round (a cycle, or a
   * single assessment outside cycles, whose last submission is the most recent) the agreed assessment, else
   * the manager's, else the self-assessment; the latest of that kind in the round. With `cycleId`, only that
   * cycle's assessments count. The rule is AssessmentsRepository.latestOfRecord's (a test holds them
   * together), read per person by `recordIdOf`, or without a cycle from its summary, kept on submit
   * (team-records.ts). One query whatever the number of people: each record's picks come with it.
   */
  async recordsOf(
    scope: TeamScope,
    options: { cycleId?: string } = {},
  ): Promise<Map<string, RecordAssessment>> {
    if (scope !== "everyone" && !scope.personIds.some(isId)) return new Map();
    if (options.cycleId !== undefined && !isId(options.cycleId)) return new Map();
    const who =
      scope === "everyone"
        ? sql<SqlBool>`p.active = ${encodeBool(this.#database.dialect, true)}`
        : this.#idIn("p.id", scope.personIds);
    const { rows } = await sql<RecordRow>`
      select a.id, a.person_id, a.kind, a.cycle_id, a.framework, a.framework_version, a.role, a.submitted_at,
        (select ${this.#pairs(true)} from assessment_picks k where k.assessment_id = a.id and k.level is not null) as picks
      -- CROSS JOIN: SQLite looks each record up by its key (not all assessments, probing the people)
      from (select ${
        options.cycleId === undefined
          ? sql`(select r.assessment_id from team_records r where r.person_id = p.id)`
          : recordIdOf(sql`p.id`, options.cycleId)
      } as record_id from people p where ${who}) x
      cross join assessments a
      where a.id = x.record_id`.execute(this.#database.db);
    const records = new Map<string, RecordAssessment>();
    for (const row of rows) {
      records.set(row.person_id, {
        assessmentId: row.id,
        personId: row.person_id,
        kind: row.kind,
        cycleId: row.cycle_id,
        framework: row.framework,
        frameworkVersion: row.framework_version,
        role: row.role,
        submittedAt: decodeTime(row.submitted_at),
        ...picksFrom(row.picks),
      });
    }
    return records;
  }

  /** Who in scope has at least one submitted assessment (of any kind) in the cycle. One query. */
  async assessedIn(cycleId: string, scope: TeamScope): Promise<Set<string>> {
    if (!isId(cycleId)) return new Set();
    if (scope !== "everyone" && !scope.personIds.some(isId)) return new Set();
    const { join, where } = this.#scoped(scope);
    const { rows } = await sql<{ person_id: string }>`
      select distinct a.person_id from assessments a ${join}
      where a.status = 'submitted' and a.cycle_id = ${cycleId} and ${where}`.execute(this.#database.db);
    return new Set(rows.map((r) => r.person_id));
  }

  /**
   * What calibration compares: for each person in scope, their latest cycle (by start date) with both a
   * submitted self-assessment and a submitted manager assessment on the same framework (only `cycleId`
   * when given), and the latest of each kind there; the manager is the manager assessment's author. Two
   * queries whatever the number of people.
   */
  async calibrationSources(
    scope: TeamScope,
    options: { cycleId?: string } = {},
  ): Promise<CalibrationSource[]> {
    if (scope !== "everyone" && !scope.personIds.some(isId)) return [];
    if (options.cycleId !== undefined && !isId(options.cycleId)) return [];
    const { join, where } = this.#scoped(scope);
    const inCycle =
      options.cycleId === undefined
        ? sql`and a.cycle_id is not null`
        : sql`and a.cycle_id = ${options.cycleId}`;
    const latest = (kind: "self" | "manager") => sql`
      select a.id, a.person_id, a.cycle_id, a.framework, a.framework_version, a.author_id,
        row_number() over (partition by a.person_id, a.cycle_id order by a.submitted_at desc, a.id desc) as rn
      from assessments a ${join}
      where a.kind = ${kind} and a.status = 'submitted' and ${where} ${inCycle}`;
    const { rows } = await sql<{
      person_id: string;
      cycle_id: string;
      framework: string;
      self_id: string;
      manager_assessment_id: string;
      manager_id: string;
      manager_name: string;
      self_version: string;
      manager_version: string;
      level: string | null;
      track: string | null;
    }>`
      with s as (${latest("self")}), m as (${latest("manager")}),
      paired as (
        select s.person_id, s.cycle_id, s.framework, s.id as self_id, m.id as manager_assessment_id, m.author_id,
          s.framework_version as self_version, m.framework_version as manager_version,
          row_number() over (
            partition by s.person_id order by c.starts_on desc, c.created_at desc, c.id desc
          ) as rk
        from s
        join m on m.person_id = s.person_id and m.cycle_id = s.cycle_id and m.framework = s.framework
        join cycles c on c.id = s.cycle_id
        where s.rn = 1 and m.rn = 1 and m.author_id is not null
      )
      select paired.person_id, paired.cycle_id, paired.framework, paired.self_id, paired.manager_assessment_id,
        paired.author_id as manager_id, author.name as manager_name, paired.self_version, paired.manager_version,
        assessed.level, assessed.track
      from paired join people author on author.id = paired.author_id
      join people assessed on assessed.id = paired.person_id
      where paired.rk = 1`.execute(this.#database.db);
    if (rows.length === 0) return [];
    const picks = await this.#picksOf(rows.flatMap((r) => [r.self_id, r.manager_assessment_id]));
    return rows.map((r) => ({
      personId: r.person_id,
      managerId: r.manager_id,
      managerName: r.manager_name,
      framework: r.framework,
      level: r.level,
      track: r.track,
      cycleId: r.cycle_id,
      self: picks.get(r.self_id) ?? new Map(),
      manager: picks.get(r.manager_assessment_id) ?? new Map(),
      selfVersion: r.self_version,
      managerVersion: r.manager_version,
    }));
  }

  /**
   * The picked levels of each assessment, read grouped: one row per assessment with its picks as a JSON
   * array of [competency, level]. For a team of 10,000 that is 10,000 rows rather than 600,000 row
   * objects, several times faster to read on both databases.
   */
  async #picksOf(assessmentIds: readonly string[]): Promise<Map<string, Map<string, string>>> {
    const picks = new Map<string, Map<string, string>>();
    if (assessmentIds.length === 0) return picks;
    const { rows } = await sql<{ assessment_id: string; picks: unknown }>`
      select assessment_id, ${this.#pairs()} as picks from assessment_picks
      where level is not null and ${this.#idIn("assessment_id", assessmentIds)}
      group by assessment_id`.execute(this.#database.db);
    for (const row of rows) picks.set(row.assessment_id, picksFrom(row.picks).picks);
    return picks;
  }

  /**
   * The aggregate of an `assessment_picks` group into a JSON array of (competency, level) pairs; `shown`
   * adds each pick's criteria_shown as a third member.
   */
  #pairs(shown = false): RawBuilder<unknown> {
    const members = shown ? sql`competency, level, criteria_shown` : sql`competency, level`;
    return this.#database.dialect === "postgres"
      ? sql`json_agg(json_build_array(${members}))`
      : sql`json_group_array(json_array(${members}))`;
  }
}
