import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import {
  type ColumnType,
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from "kysely";
import { DEFAULT_SQLITE_FILE } from "./default-database.js";
import { forKysely } from "./node-sqlite.js";

/**
 * Timestamps: SQLite keeps ISO-8601 strings (`Date#toISOString`, so they sort and compare as text),
 * PostgreSQL `timestamptz` (read back as `Date`). Repositories always write ISO strings, which both accept.
 */
export type Timestamp = ColumnType<Date | string, string, string>;
/** Booleans: SQLite keeps 0/1, PostgreSQL `boolean`; repositories encode per dialect. */
export type Bool = ColumnType<boolean | number, boolean | number, boolean | number>;

export interface PeopleTable {
  id: string;
  name: string;
  /** lower-cased name, for case-insensitive search and an order that is the same on both databases */
  name_key: string;
  email: string;
  /** lower(trim(email)): the unique key that makes emails case-insensitive */
  email_key: string;
  manager_id: string | null;
  framework: string | null;
  track: string | null;
  level: string | null;
  role: string | null;
  active: Bool;
  admin: Bool;
  password_hash: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the token; the token itself is never stored */
  id: string;
  person_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  idle_ms: number;
  user_agent: string | null;
  ip: string | null;
  revoked_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: string;
  /** SHA-256 (hex) of the secret; the secret itself is never stored */
  hash: string;
  person_id: string;
  name: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
}

export interface OneTimeTokensTable {
  hash: string;
  purpose: string;
  person_id: string | null;
  payload: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface InvitationsTable {
  person_id: string;
  invited_at: Timestamp;
  expires_at: Timestamp;
  /** how the link went out: by mail, or shown to the admin to pass on */
  delivery: "mail" | "link";
  accepted_at: Timestamp | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  count: number;
  /** end of the window, so pruning needs no knowledge of each key's window length */
  expires_at: Timestamp;
}

export interface LocksTable {
  name: string;
  owner: string;
  expires_at: Timestamp;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface CyclesTable {
  id: string;
  name: string;
  /** YYYY-MM-DD */
  starts_on: string;
  /** YYYY-MM-DD, not before starts_on */
  ends_on: string;
  status: "open" | "closed";
  created_at: Timestamp;
  closed_at: Timestamp | null;
  version: number;
}

export interface FrameworkSnapshotsTable {
  framework: string;
  /** the framework's content version (hash) */
  version: string;
  /** JSON of a FrameworkSnapshot (src/core/assessment.ts) */
  snapshot: string;
  created_at: Timestamp;
  /**
   * The git commit whose files are this version, when the framework was served from a repository with its
   * files as committed (0012_snapshot_commit); null when unknown.
   */
  git_commit: string | null;
}

export interface AssessmentsTable {
  id: string;
  person_id: string;
  author_id: string | null;
  kind: "self" | "manager" | "agreed";
  cycle_id: string | null;
  framework: string;
  framework_version: string;
  /** the person's level when the assessment was started */
  level: string | null;
  /** the person's role when the assessment was started (0010_assessment_role) */
  role: string | null;
  target: string | null;
  status: "draft" | "submitted";
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
}

export interface AssessmentPicksTable {
  assessment_id: string;
  competency: string;
  /** null: no level picked */
  level: string | null;
  band: string | null;
  evidence: string;
  /** JSON array of URLs */
  links: string;
  /** JSON array of the criteria shown, `{ criterion, evidence }` (0007_assessment_notes) */
  criteria: ColumnType<string, string | undefined, string>;
  /** the author's comment on the competency for the review; "" for none (0007_assessment_notes) */
  comment: ColumnType<string, string | undefined, string>;
  /** how many of `criteria` are at the picked `level` (criteriaShownAt; 0015_criteria_shown) */
  criteria_shown: ColumnType<number, number | undefined, number>;
}

export interface GoalsTable {
  id: string;
  person_id: string;
  author_id: string | null;
  assessment_id: string | null;
  framework: string;
  target: string | null;
  text: string;
  /** the goal as generated when kept (what `sources` quote); `text` is the wording as edited */
  original: string;
  /** the value of its ⟨target⟩ placeholder, once given */
  target_value: string | null;
  /** the value of its ⟨date⟩ placeholder: YYYY-MM-DD */
  due: string | null;
  /** JSON array of SourceRef (src/core/goals.ts) */
  sources: string;
  status: "not-started" | "in-progress" | "done" | "dropped";
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Every table the store owns, as Kysely sees them. */
export interface Tables {
  people: PeopleTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  one_time_tokens: OneTimeTokensTable;
  rate_limits: RateLimitsTable;
  locks: LocksTable;
  settings: SettingsTable;
  cycles: CyclesTable;
  framework_snapshots: FrameworkSnapshotsTable;
  assessments: AssessmentsTable;
  assessment_picks: AssessmentPicksTable;
  goals: GoalsTable;
  invitations: InvitationsTable;
}

export type Dialect = "sqlite" | "postgres";

/** An open database: the query layer, which dialect it speaks, and how to close it. */
export interface Database {
  db: Kysely<Tables>;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…` or `postgresql://…` (typically `DATABASE_URL`). When set, `file` is ignored. */
  url?: string | undefined;
  /** SQLite file; its directory is created. Default `./rungs-data/rungs.db`; `:memory:` for a throwaway one. */
  file?: string | undefined;
  /** Largest PostgreSQL pool (default 10). */
  poolSize?: number | undefined;
}

/** A program fault in the store (bad configuration, not a user's mistake), with a stable code. */
export class StoreError extends Error {
  constructor(
    readonly code: "store.unsupported-url" | "store.migration-failed",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "StoreError";
  }
}

export { DEFAULT_SQLITE_FILE };

/** Waits this long for another process's write lock before SQLite gives up with SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens PostgreSQL when `url` is given, otherwise a SQLite file. Nothing is migrated here: call `migrate`.
 * Reading `DATABASE_URL` is the caller's business (`openDatabase({ url: process.env.DATABASE_URL })`).
 *
 * Open one per process. SQLite (node:sqlite) is synchronous, so a second connection to the same SQLite file
 * in the same process would wait for a lock (busy timeout) while blocking the event loop that the first
 * connection needs to finish its transaction. Separate processes share a file safely.
 */
export function openDatabase(options: OpenDatabaseOptions = {}): Database {
  const url = options.url?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//i.test(url)) {
      throw new StoreError(
        "store.unsupported-url",
        `unsupported database URL scheme in "${url.split(":")[0]}:…"; use postgres://user@host:port/database`,
      );
    }
    return openPostgres(url, options.poolSize ?? 10);
  }
  return openSqlite(options.file ?? DEFAULT_SQLITE_FILE);
}

function openPostgres(url: string, poolSize: number): Database {
  // pg is imported when the first query needs a connection: a process on SQLite (the default) never loads it.
  const pool = async () => {
    const { default: pg } = await import("pg");
    const created = new pg.Pool({ connectionString: url, max: poolSize });
    // An idle client that loses its connection (server restart, network) emits 'error' on the pool;
    // unhandled, that would crash the process. The pool drops the client and the next query gets a fresh one.
    created.on("error", () => {});
    return created;
  };
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}

function openSqlite(file: string): Database {
  const memory = file === ":memory:";
  const path = memory ? file : resolve(file);
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new DatabaseSync(path, {
    enableForeignKeyConstraints: true,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
  });
  // WAL: readers never block the writer, which matters once the web app serves while an import runs.
  sqlite.exec("pragma journal_mode = WAL");
  sqlite.exec("pragma synchronous = NORMAL");
  const db = new Kysely<Tables>({ dialect: new ImmediateSqliteDialect({ database: forKysely(sqlite) }) });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

/**
 * SQLite's plain BEGIN is deferred: a transaction that reads and then writes can fail with SQLITE_BUSY
 * (without waiting) when another connection wrote in between. BEGIN IMMEDIATE takes the write lock first,
 * so writers queue behind busy_timeout instead, and a read-check-write transaction (setManager's cycle
 * check, single-use tokens) cannot interleave with another process's.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

/**
 * SQLite does run DDL inside transactions, but Kysely's adapter says it does not, so its Migrator would run
 * migrations unwrapped and unlocked (it assumes one connection per database). Saying so makes each
 * migration run inside a BEGIN IMMEDIATE transaction: two processes starting on one file apply every
 * migration once, and a failing migration leaves nothing half-done.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
