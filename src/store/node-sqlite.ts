import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/*
 * Node's built-in SQLite (`node:sqlite`) in the shape Kysely's SqliteDialect expects (better-sqlite3's).
 * Built in means `npm install` compiles nothing, and no native addon has to match Node's ABI.
 *
 * The two shapes differ in two ways that matter here:
 * - node:sqlite takes bound parameters as separate arguments; Kysely hands over one array.
 * - node:sqlite has no `reader` flag. A statement returns rows exactly when it has result columns
 *   (`columns()`, since Node 22.16 / 23.11): a SELECT, a pragma that answers, and an INSERT/UPDATE/DELETE
 *   … RETURNING read; a plain write does not, and reports its changes and last row id instead.
 *
 * Rows come back as objects without a prototype, so a column named `__proto__` or `constructor` is only data.
 */

/** How many prepared statements are kept for reuse, the least recently used dropped first. */
const KEPT_STATEMENTS = 256;

/**
 * `database` as Kysely's SqliteDialect wants it. Closing through Kysely (`destroy`) closes `database`.
 * Kysely prepares every query it runs; the app asks the same few hundred queries over and over (a session
 * lookup on every signed-in request), so statements are kept by their SQL text and reused. A kept statement
 * is only ever run to its end at once (`all`, `run`); an `iterate` gets a statement of its own, since an
 * open iterator would be reset by another use of the same statement.
 */
export function forKysely(database: DatabaseSync): SqliteDatabase {
  const kept = new Map<string, SqliteStatement>();
  return {
    prepare: (sql) => {
      const found = kept.get(sql);
      if (found) {
        kept.delete(sql);
        kept.set(sql, found);
        return found;
      }
      const made = statement(database, sql);
      if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value as string);
      kept.set(sql, made);
      return made;
    },
    close: () => {
      kept.clear();
      database.close();
    },
  };
}

function statement(database: DatabaseSync, sql: string): SqliteStatement {
  const prepared: StatementSync = database.prepare(sql);
  const values = (parameters: ReadonlyArray<unknown>) => parameters as SQLInputValue[];
  return {
    reader: prepared.columns().length > 0,
    all: (parameters) => prepared.all(...values(parameters)),
    run: (parameters) => prepared.run(...values(parameters)),
    iterate: (parameters) => database.prepare(sql).iterate(...values(parameters)),
  };
}

/**
 * SQLite's extended result codes for a violated UNIQUE or PRIMARY KEY constraint
 * (https://sqlite.org/rescode.html#constraint_unique); node:sqlite reports them as `errcode` on an error
 * whose `code` is `ERR_SQLITE_ERROR`.
 */
const SQLITE_CONSTRAINT_UNIQUE = 2067;
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;

/** Whether `error` is node:sqlite refusing a duplicate key. */
export function isSqliteUniqueViolation(error: object): boolean {
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  return (
    code === "ERR_SQLITE_ERROR" &&
    (errcode === SQLITE_CONSTRAINT_UNIQUE || errcode === SQLITE_CONSTRAINT_PRIMARYKEY)
  );
}
