import { type RawBuilder, sql } from "kysely";

/**
 * The scales of the loaded frameworks as the team queries read them (team-pages.repository.ts, and the sums
 * per subtree it reads): values bound into the SQL as CASE expressions over the framework and level, and
 * the carry tables of earlier versions as rows.
 */

/**
 * The frameworks as the query needs them: each level's rank, and for each level what its next level asks
 * (the competencies with an expectation there, and the rank a pick must reach). A person is ready when
 * their assessment of record reaches that rank in every one of them (and there is at least one): the rule
 * of core's teamHeatmap `meetsNext`, which a test holds this to.
 */
export interface TeamScales {
  ranks: { framework: string; level: string; rank: number }[];
  needs: { framework: string; level: string; competency: string; rank: number }[];
  /** Per competency and level, how many criteria it writes for everyone (the heatmap's "of N"); none: none. */
  criteria?: { framework: string; competency: string; level: string; count: number }[];
  /**
   * Records made on another version than the loaded one are read through these, as every page about people
   * reads them (carried across versions, issue 16): without it, every record is read as stored.
   */
  carry?: TeamCarry[];
}

/**
 * One framework's carry: its loaded version (records made on it are read as stored) and, per earlier
 * version (`*`: any version without one of its own), the ids that move (core carryTable: an old competency
 * to the ids it reaches, `to` null when dropped, `direct` false when marked carried; an old level to
 * today's, null when gone). An id listed nowhere stays itself.
 */
export interface TeamCarry {
  framework: string;
  current: string;
  versions: {
    version: string;
    competencies: { from: string; to: string | null; direct: boolean }[];
    levels: { from: string; to: string | null }[];
    /**
     * Each competency today is reached from one old competency at most: a record's picks then carry one by
     * one, so the sums per subtree (team-sums.ts) are carried as they are counted. Unset: two may reach one,
     * and a person's carried value is their best of them (BEST), worked out person by person.
     */
    oneToOne?: boolean;
  }[];
}

/** Per framework, per level: a value the query reads from the scales (bound, never a column). */
export type ByLevel = Map<string, Map<string, number | string>>;

/**
 * The scales by framework and level: each level's rank, and what its next level asks (the rank, how many
 * competencies, and which, as |a|b|c|).
 */
export function levelLookups(
  scales: TeamScales,
): Record<"rank" | "needRank" | "needCount" | "needList", ByLevel> {
  const made = { rank: new Map(), needRank: new Map(), needCount: new Map(), needList: new Map() };
  const at = (values: ByLevel, framework: string) => {
    const levels = values.get(framework) ?? new Map<string, number | string>();
    values.set(framework, levels);
    return levels;
  };
  for (const r of scales.ranks) at(made.rank, r.framework).set(r.level, r.rank);
  for (const n of scales.needs) {
    at(made.needRank, n.framework).set(n.level, n.rank);
    const count = at(made.needCount, n.framework);
    count.set(n.level, Number(count.get(n.level) ?? 0) + 1);
    const list = at(made.needList, n.framework);
    list.set(n.level, `${list.get(n.level) ?? "|"}${n.competency}|`);
  }
  return made;
}

/**
 * A value from the scales, as a CASE on the framework and, inside, on the level (bound values): a join to
 * a table of them, or a JSON lookup, cost a scan or a parse per pick, minutes at 10,000 people; and
 * comparing the level alone, within its framework, costs no string built per pick. Null when not there.
 */
export function lookup(
  values: ByLevel,
  framework: RawBuilder<unknown>,
  level: RawBuilder<unknown>,
): RawBuilder<unknown> {
  // a framework with no values says nothing (a CASE needs at least one WHEN)
  const given = [...values].filter(([, levels]) => levels.size > 0);
  if (given.length === 0) return sql`null`;
  const value = (v: number | string) => (typeof v === "number" ? sql.lit(v) : sql`${v}`);
  const frameworks = given.map(([id, levels]) => {
    const whens = [...levels].map(([l, v]) => sql`when ${l} then ${value(v)}`);
    return sql`when ${id} then (case ${level} ${sql.join(whens, sql` `)} end)`;
  });
  return sql`(case ${framework} ${sql.join(frameworks, sql` `)} end)`;
}

/**
 * How many criteria a competency writes at a level for everyone (TeamScales.criteria), 0 where none: a CASE
 * on the framework, then the competency, then the level, as `lookup`'s (only competencies with criteria).
 */
export function criteriaCount(
  scales: TeamScales,
  framework: RawBuilder<unknown>,
  competency: RawBuilder<unknown>,
  level: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const byFramework = new Map<string, ByLevel>();
  for (const c of scales.criteria ?? []) {
    const competencies = byFramework.get(c.framework) ?? new Map<string, Map<string, number>>();
    byFramework.set(c.framework, competencies);
    const levels = competencies.get(c.competency) ?? new Map<string, number>();
    competencies.set(c.competency, levels);
    levels.set(c.level, c.count);
  }
  if (byFramework.size === 0) return sql.lit(0);
  const frameworks = [...byFramework].map(
    ([id, competencies]) => sql`when ${id} then ${lookup(competencies, competency, level)}`,
  );
  return sql`coalesce((case ${framework} ${sql.join(frameworks, sql` `)} end), 0)`;
}

/**
 * How the heatmap's cells group their picks first: per picked level where the framework writes criteria,
 * so the number a level writes is looked up once a level rather than once a row (a CASE over every
 * competency and level: ~0.5 µs a row on SQLite, 80 ms over the 160,000 rows of a large organization's
 * sums); else per competency alone, as sorting by the level too costs more than it saves.
 */
export function perLevel(scales: TeamScales, framework: string | undefined) {
  const some = (scales.criteria ?? []).some((c) => framework === undefined || c.framework === framework);
  return {
    column: (alias: string) => (some ? sql.raw(`${alias}.level`) : sql`null as level`),
    key: (alias: string) => (some ? sql.raw(`, ${alias}.level`) : sql``),
  };
}

/** The version key of records on a version the carry names no table for (services ANY_VERSION). */
export const ANY = "*";

/**
 * A carried pick's one value where several old picks reach one competency: the one made on it (direct)
 * wins, else the lowest rank (core carryPicks' rule), over `cp` (carriedColumns' rows).
 */
export const BEST = sql`case when max(cp.direct) = 1 then max(case when cp.direct = 1 then cp.rank end) else min(cp.rank) end`;

/**
 * Per framework, whether a record on a version is carried (0: read as stored: the loaded version, and any
 * whose table moves nothing; 1: through its table), and the key of each version with a table of its own.
 */
export function carryVersions(carry: TeamCarry[] | undefined): {
  carried: ByLevel;
  key: ByLevel;
  /** Per framework, per key: 1 where the table is one to one (TeamCarry's oneToOne). */
  oneToOne: ByLevel;
} {
  const carried: ByLevel = new Map();
  const key: ByLevel = new Map();
  const oneToOne: ByLevel = new Map();
  for (const c of carry ?? []) {
    // a version whose table moves nothing (most changes only reword) reads as stored, as the loaded one
    const moves = c.versions.filter((v) => v.competencies.length || v.levels.length);
    const still = c.versions.filter((v) => !moves.includes(v)).map((v): [string, number] => [v.version, 0]);
    carried.set(
      c.framework,
      new Map([[c.current, 0], ...still, ...moves.map((v): [string, number] => [v.version, 1])]),
    );
    key.set(c.framework, new Map(moves.map((v) => [v.version, v.version])));
    oneToOne.set(c.framework, new Map(moves.map((v) => [v.version, v.oneToOne ? 1 : 0])));
  }
  return { carried, key, oneToOne };
}

/**
 * `carry_competency` and `carry_level`: the carry tables as rows (framework, version, from_id, to_id and,
 * for competencies, direct), an empty table when there are none. A few rows per changed id, joined only
 * for the picks of records made on an earlier version.
 */
export function carryCtes(carry: TeamCarry[]): RawBuilder<unknown> {
  const competencies: RawBuilder<unknown>[] = [];
  const levels: RawBuilder<unknown>[] = [];
  // written in as literals (quotes doubled), not bound: a framework rewritten across a few versions gives
  // thousands of rows, past the number of parameters a statement may bind
  const lit = (value: string | null) => (value === null ? sql`null` : sql.lit(value));
  for (const c of carry) {
    for (const v of c.versions) {
      const at = sql`${lit(c.framework)}, ${lit(v.version)}`;
      for (const r of v.competencies)
        competencies.push(sql`(${at}, ${lit(r.from)}, ${lit(r.to)}, ${sql.lit(r.direct ? 1 : 0)})`);
      for (const r of v.levels) levels.push(sql`(${at}, ${lit(r.from)}, ${lit(r.to)})`);
    }
  }
  const text = "cast(null as text)";
  const table = (list: RawBuilder<unknown>[], empty: string) =>
    list.length ? sql`values ${sql.join(list)}` : sql.raw(`select ${empty} where 1 = 0`);
  return sql`
      carry_competency(framework, version, from_id, to_id, direct) as (
        ${table(competencies, `${text}, ${text}, ${text}, ${text}, 0`)}
      ),
      carry_level(framework, version, from_id, to_id) as (${table(levels, `${text}, ${text}, ${text}, ${text}`)}),`;
}

/** A carried pick of the record `r` (alias), read from `ap`: its competency, whether direct, its rank today. */
export function carriedColumns(ranks: ByLevel, r: RawBuilder<unknown>): RawBuilder<unknown> {
  const level = sql`coalesce(cl.to_id, ap.level)`;
  return sql`coalesce(cm.to_id, ap.competency) as competency, coalesce(cm.direct, 1) as direct,
    ${lookup(ranks, sql`${r}.framework`, level)} as rank`;
}

export function carriedJoins(r: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`left join carry_competency cm
      on cm.framework = ${r}.framework and cm.version = ${r}.carry_key and cm.from_id = ap.competency
    left join carry_level cl
      on cl.framework = ${r}.framework and cl.version = ${r}.carry_key and cl.from_id = ap.level`;
}

/**
 * Whether a record of `framework` made on `version` is carried (1) or read as stored (0): 0 throughout when
 * the caller carries nothing; a version without a table of its own is carried as ANY's table says.
 */
export function carriedOf(
  carry: TeamCarry[] | undefined,
  framework: RawBuilder<unknown>,
  version: RawBuilder<unknown>,
): RawBuilder<unknown> {
  if (!carry) return sql.lit(0);
  const { carried } = carryVersions(carry);
  return sql`coalesce(${lookup(carried, framework, version)}, ${lookup(carried, framework, sql.lit(ANY))}, 1)`;
}
