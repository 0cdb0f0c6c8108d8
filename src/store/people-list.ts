/** The people list and search (admin pages, the directory, `rungs user list`): one page and the total. */
import { type RawBuilder, sql } from "kysely";
import { decodeCount, encodeBool, isId, likeContains } from "./columns.js";
import type { Database } from "./db.js";
import { emailKey, nameKey } from "./person-input.js";
import { personFromRow } from "./person-row.js";
import type { Person, PersonScope } from "./types.js";

export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 500;

export interface ListPeopleOptions {
  /**
   * Matches people whose name contains this text, ignoring case, or whose email does if they are in
   * `emailsOf`: a search must not find people by what the searcher may not see.
   */
  query?: string | undefined;
  /** Whose emails the query matches (default: nobody's). */
  emailsOf?: PersonScope | undefined;
  /** Only active (true) or only deactivated (false) people; both when absent. */
  active?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface PeoplePage {
  people: Person[];
  /** How many match in all, for paging. */
  total: number;
  /** The ids of the page's people who are in `emailsOf` (the searcher and those below them), read with them. */
  inScope: Set<string>;
}

/** A page of people ordered by name (then id), optionally filtered by text and active state. */
export async function listPeople(database: Database, options: ListPeopleOptions): Promise<PeoplePage> {
  const limit = clampInt(options.limit ?? LIST_LIMIT_DEFAULT, 1, LIST_LIMIT_MAX);
  const offset = clampInt(options.offset ?? 0, 0, Number.MAX_SAFE_INTEGER);
  let query = database.db.selectFrom("people");
  const text = options.query?.trim();
  const emails = emailScope(options.emailsOf ?? "nobody");
  if (text) {
    const byName = likeContains(nameKey(text));
    const byEmail = likeContains(emailKey(text));
    // both sides are lower-cased in JS (keys and pattern), so this ignores case the same on both databases
    query = query.where(
      sql<boolean>`(name_key like ${byName} escape '\\' or (email_key like ${byEmail} escape '\\' and ${emails}))`,
    );
  }
  if (options.active !== undefined)
    query = query.where("active", "=", encodeBool(database.dialect, options.active));
  // the count rides on the page's rows (one round trip); a page past the end has none, so counts apart
  const rows = await query
    .selectAll()
    .select((eb) => eb.fn.countAll().over().as("n"))
    // who of them the searcher may read: the directory shows them more, without a second look at the tree
    .select(sql<number>`case when ${emails} then 1 else 0 end`.as("in_scope"))
    .orderBy("name_key")
    .orderBy("id")
    .limit(limit)
    .offset(offset)
    .execute();
  const n =
    rows[0]?.n ??
    (offset === 0 ? 0 : (await query.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  const inScope = new Set(rows.filter((r) => Number(r.in_scope) === 1).map((r) => r.id));
  return { people: rows.map(personFromRow), total: decodeCount(n as string | number), inScope };
}

/** A condition on `people.id`: the person is in the scope. */
function emailScope(scope: PersonScope): RawBuilder<boolean> {
  if (scope === "everyone") return sql<boolean>`1 = 1`;
  if (scope === "nobody" || !isId(scope.selfAndBelow)) return sql<boolean>`1 = 0`;
  const root = scope.selfAndBelow;
  // UNION (not ALL) also terminates on a tree corrupted by hand into a loop
  return sql<boolean>`(people.id = ${root} or people.id in (
    with recursive below(id) as (
      select id from people where manager_id = ${root}
      union select p.id from people p join below on p.manager_id = below.id
    ) select id from below))`;
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
