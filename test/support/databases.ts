import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, type KyselyPlugin, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, inject, it } from "vitest";
import { type Database, type Dialect, openDatabase, type Tables } from "../../src/store/db.js";
import { migrate } from "../../src/store/migrations.js";

/**
 * The PostgreSQL server the tests use: a maintenance database on it is used to create and drop one
 * throwaway database per suite. CI uses the machine's PostgreSQL at 127.0.0.1:5432.
 */
export const POSTGRES_ADMIN_URL =
  process.env.RUNGS_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const inCi = process.env.CI === "true";

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}

/** Undefined when PostgreSQL answers; otherwise why not. Probed once per test file. */
async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return undefined;
  } catch (error) {
    const detail = error instanceof Error ? error.message || error.name : String(error);
    return `PostgreSQL at ${redact(POSTGRES_ADMIN_URL)} is unreachable (${detail})`;
  } finally {
    await client.end().catch(() => {});
  }
}

const postgresProblem = await probePostgres();

/** The dialects this run can test. */
export const availableDialects: readonly Dialect[] = postgresProblem ? ["sqlite"] : ["sqlite", "postgres"];

export interface DatabaseContext {
  readonly dialect: Dialect;
  /** The suite's database: migrated, and emptied before each test. Valid inside hooks and tests. */
  readonly database: Database;
  /** Shortcut for `database.db`. */
  readonly db: Kysely<Tables>;
  /** Dialects reachable in this run (PostgreSQL may be missing locally). */
  readonly availableDialects: readonly Dialect[];
  /**
   * A second, independent connection (another app process, in effect) to the suite's database, or to one
   * made by `createDatabase`. Closed after the suite.
   */
  openAnother(of?: Database): Database;
  /** What `openDatabase` needs to reach that database (e.g. from a child process). */
  connectionOptions(of?: Database): { url?: string; file?: string };
  /** A new empty database of any available dialect, migrated unless told otherwise; dropped after the suite. */
  createDatabase(dialect: Dialect, options?: { migrate?: boolean }): Promise<Database>;
}

interface Created {
  database: Database;
  /** How to open it again. */
  options: { url?: string; file?: string };
  dispose(): Promise<void>;
}

/**
 * The run's migrated databases that suites copy (database-templates.ts), by dialect: the SQLite file or the
 * PostgreSQL database name, and its tables in delete order.
 */
export type DatabaseTemplates = Partial<Record<Dialect, { copyOf: string; deleteOrder: string[] }>>;

/** The run's template of `dialect`, where the project made one (the db and cli projects do). */
function templateOf(dialect: Dialect): { copyOf: string; deleteOrder: string[] } | undefined {
  return inject("databaseTemplates")?.[dialect];
}

/** `prefix` and random digits: a database name no other suite or run on the same server has. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

/** The URL of database `name` on the tests' PostgreSQL server. */
export function postgresUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new database, migrated (a copy of the run's template where there is one) or empty. */
async function createDatabase(dialect: Dialect, migrated: boolean): Promise<Created> {
  const template = migrated ? templateOf(dialect) : undefined;
  const created = await createEmpty(dialect, template?.copyOf);
  if (migrated && !template) await migrate(created.database);
  return created;
}

/** A new database, empty or a copy of `copyOf` (a SQLite file, or a PostgreSQL database nobody is connected to). */
async function createEmpty(dialect: Dialect, copyOf?: string): Promise<Created> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "rungs-test-"));
    const file = join(dir, "rungs.db");
    if (copyOf) copyFileSync(copyOf, file);
    const database = openDatabase({ file });
    return {
      database,
      options: { file },
      dispose: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = uniqueDatabaseName("rungs_test");
  await adminQuery(`create database ${name}${copyOf ? ` template ${copyOf}` : ""}`);
  const url = postgresUrl(name);
  const database = openDatabase({ url, poolSize: 5 });
  return {
    database,
    options: { url },
    dispose: async () => {
      await database.close();
      // force: a connection a failed test left open must not keep the database alive
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * The database's tables, each after every table that references it, read from the database itself (its
 * foreign keys), so a new table is emptied between tests without being listed here. A table's references
 * to itself do not order it: people's own manager references are set null when the manager goes.
 */
export async function tablesInDeleteOrder(database: Database): Promise<string[]> {
  const tables = (await database.db.introspection.getTables()).map((t) => t.name);
  const query =
    database.dialect === "sqlite"
      ? sql<Reference>`select m.name as child, f."table" as parent
          from sqlite_master m join pragma_foreign_key_list(m.name) f where m.type = 'table'`
      : sql<Reference>`select conrelid::regclass::text as child, confrelid::regclass::text as parent
          from pg_constraint where contype = 'f'`;
  const references = (await query.execute(database.db)).rows.filter((r) => r.child !== r.parent);
  const ordered: string[] = [];
  const left = new Set(tables);
  while (left.size > 0) {
    const free = [...left].filter((t) => !references.some((r) => r.parent === t && left.has(r.child)));
    if (free.length === 0) throw new Error(`foreign keys form a cycle among ${[...left].join(", ")}`);
    for (const table of free.sort()) {
      ordered.push(table);
      left.delete(table);
    }
  }
  return ordered;
}

interface Reference {
  child: string;
  parent: string;
}

/**
 * Runs `suite` twice: against a fresh SQLite file and a fresh PostgreSQL database, each migrated once and
 * emptied before every test. Without a reachable PostgreSQL the PostgreSQL run is skipped (saying why),
 * except with CI=true, where it fails: CI must test both.
 */
export function describeEachDatabase(name: string, suite: (ctx: DatabaseContext) => void): void {
  for (const dialect of ["sqlite", "postgres"] as const) {
    const title = `${name} [${dialect}]`;
    if (dialect === "postgres" && postgresProblem) {
      if (inCi) {
        describe(title, () => {
          it("needs a reachable PostgreSQL in CI", () => {
            throw new Error(`${postgresProblem}; CI=true requires the PostgreSQL run`);
          });
        });
      } else {
        console.warn(`skipping ${title}: ${postgresProblem} (set CI=true to make this a failure)`);
        // Skipped, not failed: a developer without PostgreSQL still gets the SQLite run; CI=true forbids this.
        describe.skip(`${title} — skipped: ${postgresProblem}`, () => suite(unavailableContext(dialect)));
      }
      continue;
    }
    describe(title, () => {
      let main: Created | undefined;
      let deleteOrder: string[] = [];
      const extras: Array<() => Promise<void>> = [];
      const optionsOf = new Map<Database, Created["options"]>();
      beforeAll(async () => {
        main = await createDatabase(dialect, true);
        optionsOf.set(main.database, main.options);
        deleteOrder = templateOf(dialect)?.deleteOrder ?? (await tablesInDeleteOrder(main.database));
      });
      afterAll(async () => {
        // side by side, not one after the other (a suite may make dozens); then the suite's own database,
        // which some of the extras were connections to
        await Promise.all(extras.map((dispose) => dispose()));
        await main?.dispose();
      });
      beforeEach(async () => {
        const db = current().db;
        // PostgreSQL: every delete in one round trip (a simple query may hold several statements); SQLite runs
        // in this process, where a statement costs no trip but runs only one at a time
        if (dialect === "postgres")
          await sql.raw(deleteOrder.map((table) => `delete from ${table}`).join(";\n")).execute(db);
        else for (const table of deleteOrder) await db.deleteFrom(table as keyof Tables).execute();
      });
      function current(): Database {
        if (!main) throw new Error("the database is only available inside hooks and tests");
        return main.database;
      }
      suite({
        dialect,
        availableDialects,
        get database() {
          return current();
        },
        get db() {
          return current().db;
        },
        connectionOptions(of = current()) {
          const options = optionsOf.get(of);
          if (!options) throw new Error("not a database of this suite");
          return options;
        },
        openAnother(of = current()) {
          const options = optionsOf.get(of);
          if (!options) throw new Error("not a database of this suite");
          const another = openDatabase({ ...options, poolSize: 5 });
          extras.push(() => another.close());
          return another;
        },
        async createDatabase(other, options = {}) {
          if (!availableDialects.includes(other)) throw new Error(`${other} is not available in this run`);
          const created = await createDatabase(other, options.migrate !== false);
          extras.push(created.dispose);
          optionsOf.set(created.database, created.options);
          return created.database;
        },
      });
    });
  }
}

function unavailableContext(dialect: Dialect): DatabaseContext {
  const fail = (): never => {
    throw new Error(`${dialect} is not available in this run`);
  };
  return {
    dialect,
    availableDialects,
    get database() {
      return fail();
    },
    get db() {
      return fail();
    },
    openAnother: fail,
    connectionOptions: fail,
    createDatabase: async () => fail(),
  };
}

/** A clock that stands still until a test moves it (for expiry rules). */
export function manualClock(start = "2030-01-01T00:00:00.000Z") {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    set(iso: string) {
      now = new Date(iso).getTime();
    },
  };
}

/**
 * The same database with every query counted (a plugin sees each executed statement's result), to hold a
 * page or a repository method to a number of queries that does not grow with the people it is about.
 */
export function countingQueries(database: Database): {
  database: Database;
  queries: () => number;
  reset: () => void;
} {
  let count = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    // called once per executed statement (transformQuery also sees each subquery builder)
    transformResult: async (args) => {
      count++;
      return args.result;
    },
  };
  return {
    database: { ...database, db: database.db.withPlugin(plugin) },
    queries: () => count,
    reset: () => {
      count = 0;
    },
  };
}
