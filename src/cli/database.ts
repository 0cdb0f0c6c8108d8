/**
 * Which database a command works on, shared by every command that touches one: `--db FILE` or
 * `--db postgres://…` when given, else `DATABASE_URL`, else the SQLite file `./rungs-data/rungs.db` under
 * the working directory. Opening runs pending migrations first (the one exception is `migrate --dry-run`),
 * so a command never meets an older schema. A database that cannot be opened is a one-line UsageError.
 * Only the commands that create data (`serve`, `user add`, `user import`, `migrate`, `restore`) may create
 * a missing SQLite file; every other command refuses one, so a mistyped `--db` is never a new empty database.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { type Database, type Dialect, openDatabase } from "../store/db.js";
import { DEFAULT_SQLITE_FILE } from "../store/default-database.js";
import { isCurrent } from "../store/migration-names.js";
import { createStore, type Store } from "../store/store.js";
import { type CliIo, print, UsageError } from "./context.js";
import { DATABASE_URL_ENV, type DatabaseCliOptions } from "./options.js";

export interface DatabaseTarget {
  dialect: Dialect;
  /** PostgreSQL connection string. */
  url?: string;
  /** Absolute SQLite path. */
  file?: string;
  /** For messages: the file, or the URL without its password. */
  label: string;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/** Where the command's database is, without opening it. */
export function databaseTarget(options: DatabaseCliOptions, io: CliIo): DatabaseTarget {
  const flag = options.db?.trim();
  if (options.db !== undefined && !flag) throw new UsageError("--db needs a file name or a postgres:// URL");
  const chosen = flag || io.env[DATABASE_URL_ENV]?.trim() || undefined;
  if (chosen !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(chosen)) {
    if (!POSTGRES_URL.test(chosen)) {
      const scheme = `got a "${chosen.split(":")[0]}:" URL`;
      throw new UsageError(
        flag
          ? `--db must be a SQLite file or a postgres:// URL; ${scheme}`
          : `${DATABASE_URL_ENV} must be a postgres:// URL (for a SQLite file use --db FILE); ${scheme}`,
      );
    }
    return { dialect: "postgres", url: chosen, label: `PostgreSQL ${redactUrl(chosen)}` };
  }
  if (chosen !== undefined && !flag) {
    throw new UsageError(`${DATABASE_URL_ENV} must be a postgres:// URL (for a SQLite file use --db FILE)`);
  }
  const file = resolve(io.cwd, chosen ?? DEFAULT_SQLITE_FILE);
  return { dialect: "sqlite", file, label: `SQLite ${file}` };
}

/** The URL with its password replaced, so it can be printed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
  }
}

/** Whether the target already exists (a SQLite file; a PostgreSQL database is assumed to). */
export function targetExists(target: DatabaseTarget): boolean {
  return target.file === undefined || existsSync(target.file);
}

/** The refusal of a SQLite file that is not there, for a command that does not create one. */
export function refuseMissing(target: DatabaseTarget): void {
  if (targetExists(target)) return;
  throw new UsageError(
    `there is no database at ${target.file} (check --db or the working directory; \`rungs migrate\` creates one)`,
  );
}

/** One line for a driver's error (pg's connection errors on Node 20 can be an AggregateError without a message). */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) {
    const cause = error.cause;
    const own = error.message || (error as { code?: string }).code || error.name;
    // a migration failure wraps the driver's error: the driver's own words say what is wrong
    if (cause instanceof Error && !error.message.includes(describeError(cause))) {
      return `${own}: ${describeError(cause)}`;
    }
    return own.split("\n")[0] ?? own;
  }
  return String(error);
}

/**
 * Why migrating failed, in words for the person running rungs. Kysely refuses a database that has applied
 * a migration this version does not know (it was migrated by a newer rungs) with "corrupted migrations";
 * that case gets its own advice.
 */
export function migrationFailure(error: unknown): string {
  const text = describeError(error);
  const unknown = text.match(/previously executed migration (\S+) is missing/);
  if (unknown) {
    return `the database was migrated by a newer version of rungs (it has ${unknown[1]}, which this version does not know); upgrade rungs, or restore a backup taken before into an empty database`;
  }
  // each migration runs in its own transaction: the failing one left nothing behind
  return `${text}; nothing of that migration was applied`;
}

export interface OpenedDatabase {
  target: DatabaseTarget;
  database: Database;
  store: Store;
}

export interface OpenSettings {
  /** Bring the schema up to date (default true). */
  migrate?: boolean;
  /** Create a missing SQLite file (default false: refused with exit 2). */
  create?: boolean;
}

/**
 * Opens the command's database and brings its schema up to date (unless `migrate: false`). The names of
 * migrations this ran are reported on standard error, so a schema change is never silent.
 */
export async function openCliDatabase(
  options: DatabaseCliOptions,
  io: CliIo,
  settings: OpenSettings = {},
): Promise<OpenedDatabase & { migrated: string[] }> {
  const target = databaseTarget(options, io);
  if (!settings.create) refuseMissing(target);
  let database: Database;
  try {
    database = openDatabase({ url: target.url, file: target.file });
  } catch (error) {
    throw new UsageError(`cannot open the database (${target.label}): ${describeError(error)}`);
  }
  let migrated: string[] = [];
  try {
    // reach the database first, so a wrong URL or a server that is down gets its own plain message
    await database.db.selectNoFrom((eb) => eb.lit(1).as("one")).execute();
  } catch (error) {
    await database.close().catch(() => {});
    throw new UsageError(`cannot connect to the database (${target.label}): ${describeError(error)}`);
  }
  try {
    if (settings.migrate !== false) migrated = await migrateIfBehind(database);
  } catch (error) {
    await database.close().catch(() => {});
    throw new UsageError(
      `cannot bring the database up to date (${target.label}): ${migrationFailure(error)}`,
    );
  }
  if (migrated.length > 0 && settings.migrate !== false) {
    print(io.stderr, `rungs: migrated ${target.label}: ${migrated.join(", ")}\n`);
  }
  return { target, database, store: createStore(database), migrated };
}

/**
 * Brings the schema up to date and returns the names of the migrations that ran; on a database already
 * current (every start after the first) one query answers, and the migrator and the migrations stay unloaded.
 */
export async function migrateIfBehind(database: Database): Promise<string[]> {
  if (await isCurrent(database)) return [];
  const { migrate } = await import("../store/migrations.js");
  return migrate(database);
}

/**
 * Runs `work` on the command's migrated database and closes it afterwards, whatever happens (an open
 * PostgreSQL pool would keep the process alive).
 */
export async function withStore<T>(
  options: DatabaseCliOptions,
  io: CliIo,
  work: (opened: OpenedDatabase) => Promise<T>,
  settings: OpenSettings = {},
): Promise<T> {
  const opened = await openCliDatabase(options, io, settings);
  try {
    return await work(opened);
  } finally {
    await opened.database.close();
  }
}
