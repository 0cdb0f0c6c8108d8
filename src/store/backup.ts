import { type Insertable, type Selectable, sql, type Transaction } from "kysely";
import type { CriterionShown } from "../core/assessment.js";
import { criteriaShownAt } from "./assessment-row.js";
import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  BACKUP_VERSION,
  type BackupDocument,
  type BackupTableName,
  type BackupTables,
  backupDocument,
  locate,
  NOT_BACKED_UP,
  type NotBackedUpTable,
} from "./backup-format.js";
import { integrityProblems } from "./backup-integrity.js";
import { type BackupSignature, checkSignature, type SignatureCheck, signBackup } from "./backup-signature.js";
import { decodeBool, decodeOptionalTime, decodeTime, encodeBool, encodeTime } from "./columns.js";
import type { Database, Tables } from "./db.js";
import { MIGRATION_NAMES } from "./migration-names.js";
import { appliedMigrations, migrate } from "./migrations.js";
import { emailKey, nameKey } from "./person-input.js";
import { refreshTeamSummary } from "./team-records.js";
import { type Clock, type Outcome, type Problem, systemClock } from "./types.js";

/*
 * The database's data as one JSON document, the same whichever database wrote it: booleans as booleans,
 * timestamps as ISO-8601 UTC strings, rows in primary-key order, columns in a fixed order. So a backup of
 * SQLite restores into PostgreSQL and back, and two exports of the same data are byte-identical apart
 * from `exportedAt` (and so the signature). Derived columns (name_key, email_key) are left out and
 * recomputed on restore; sessions, one-time tokens, rate limits and locks are never in it (NOT_BACKED_UP).
 *
 * With the instance's secret, a backup is signed (backup-signature.ts), and a restore refuses a file whose
 * signature does not hold unless told to accept it. Whatever the signature, every row is checked
 * (backup-format.ts, backup-integrity.ts) before anything is written, and everything is written in one
 * transaction: a refused or failed restore leaves the database as it was.
 */

export {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupDocument,
  type BackupTableName,
  NOT_BACKED_UP,
  type NotBackedUpTable,
};

/** Rows per INSERT: far below SQLite's bound-variable limit. */
const CHUNK = 500;
/** Problems listed at most; the count of the rest is given. */
export const PROBLEMS_SHOWN = 20;

function byKeys<T>(...keys: Array<(row: T) => string>) {
  return (a: T, b: T): number => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

const iso8601 = (value: Date | string) => decodeTime(value).toISOString();
const isoOrNull = (value: Date | string | null) => decodeOptionalTime(value)?.toISOString() ?? null;

export interface ExportOptions {
  clock?: Clock;
  /** The instance's secret (RUNGS_SECRET): the backup is signed with it. Without one it is not signed. */
  secret?: string | undefined;
}

/**
 * Reads every backed-up table into one document. Sorting happens here, not in SQL, so the order does not
 * depend on either database's collation.
 */
export async function exportAll(database: Database, options: ExportOptions = {}): Promise<BackupDocument> {
  const exportedAt = (options.clock ?? systemClock).now().toISOString();
  const migrations = await appliedMigrations(database);
  // One transaction, so the tables are read at one moment even while the app keeps writing (an assessment
  // started mid-export must not point at a person the export missed). PostgreSQL needs repeatable read for
  // that; SQLite's transaction (BEGIN IMMEDIATE) already holds writers off until it ends.
  let snapshot = database.db.transaction();
  if (database.dialect === "postgres") snapshot = snapshot.setIsolationLevel("repeatable read");
  const [people, settings, cycles, snapshots, assessments, picks, goals] = await snapshot.execute(
    async (trx) =>
      [
        await trx.selectFrom("people").selectAll().execute(),
        await trx.selectFrom("settings").selectAll().execute(),
        await trx.selectFrom("cycles").selectAll().execute(),
        await trx.selectFrom("framework_snapshots").selectAll().execute(),
        await trx.selectFrom("assessments").selectAll().execute(),
        await trx.selectFrom("assessment_picks").selectAll().execute(),
        await trx.selectFrom("goals").selectAll().execute(),
      ] as const,
  );
  const tables: BackupTables = {
    people: people.map(personRow).sort(byKeys((r) => r.id)),
    settings: settings.map((s) => ({ key: s.key, value: s.value })).sort(byKeys((r) => r.key)),
    cycles: cycles.map(cycleRow).sort(byKeys((r) => r.id)),
    framework_snapshots: snapshots.map(snapshotRow).sort(
      byKeys(
        (r) => r.framework,
        (r) => r.version,
      ),
    ),
    assessments: assessments.map(assessmentRow).sort(byKeys((r) => r.id)),
    assessment_picks: picks.map(pickRow).sort(
      byKeys(
        (r) => r.assessment_id,
        (r) => r.competency,
      ),
    ),
    goals: goals.map(goalRow).sort(byKeys((r) => r.id)),
  };
  const unsigned = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt,
    migrations,
    tables,
  } as const;
  return options.secret ? { ...unsigned, signature: signBackup(unsigned, options.secret) } : unsigned;
}

/* One row of each table as the backup holds it: the same whichever database wrote it. */
function personRow(p: Selectable<Tables["people"]>) {
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    manager_id: p.manager_id,
    framework: p.framework,
    track: p.track,
    level: p.level,
    role: p.role,
    active: decodeBool(p.active),
    admin: decodeBool(p.admin),
    password_hash: p.password_hash,
    version: Number(p.version),
    created_at: iso8601(p.created_at),
    updated_at: iso8601(p.updated_at),
  };
}

function cycleRow(c: Selectable<Tables["cycles"]>) {
  return {
    id: c.id,
    name: c.name,
    starts_on: c.starts_on,
    ends_on: c.ends_on,
    status: c.status,
    created_at: iso8601(c.created_at),
    closed_at: isoOrNull(c.closed_at),
    version: Number(c.version),
  };
}

function snapshotRow(f: Selectable<Tables["framework_snapshots"]>) {
  return {
    framework: f.framework,
    version: f.version,
    snapshot: JSON.parse(f.snapshot) as BackupTables["framework_snapshots"][number]["snapshot"],
    created_at: iso8601(f.created_at),
    git_commit: f.git_commit,
  };
}

function assessmentRow(a: Selectable<Tables["assessments"]>) {
  return {
    id: a.id,
    person_id: a.person_id,
    author_id: a.author_id,
    kind: a.kind,
    cycle_id: a.cycle_id,
    framework: a.framework,
    framework_version: a.framework_version,
    level: a.level,
    role: a.role,
    target: a.target,
    status: a.status,
    version: Number(a.version),
    created_at: iso8601(a.created_at),
    updated_at: iso8601(a.updated_at),
    submitted_at: isoOrNull(a.submitted_at),
  };
}

function pickRow(p: Selectable<Tables["assessment_picks"]>) {
  return {
    assessment_id: p.assessment_id,
    competency: p.competency,
    level: p.level,
    band: p.band,
    evidence: p.evidence,
    links: JSON.parse(p.links) as string[],
    criteria: JSON.parse(p.criteria) as CriterionShown[],
    comment: p.comment,
  };
}

function goalRow(g: Selectable<Tables["goals"]>) {
  return {
    id: g.id,
    person_id: g.person_id,
    author_id: g.author_id,
    assessment_id: g.assessment_id,
    framework: g.framework,
    target: g.target,
    text: g.text,
    original: g.original,
    target_value: g.target_value,
    due: g.due,
    sources: JSON.parse(g.sources) as Array<Record<string, unknown>>,
    status: g.status,
    created_at: iso8601(g.created_at),
    updated_at: iso8601(g.updated_at),
  };
}

function invalid(message: string): Problem {
  return { kind: "invalid", code: "invalid-backup", message };
}

const SIGNATURE_PROBLEMS: Record<Exclude<SignatureCheck, "valid">, string> = {
  unsigned: "the backup is not signed, so nothing shows it is the file rungs wrote",
  "no-secret":
    "the backup is signed, but there is no secret to check the signature with (RUNGS_SECRET is not set)",
  "other-secret": "the backup was signed with another secret than this instance's (RUNGS_SECRET)",
  modified: "the backup was changed after it was signed",
};

/** People ordered so that everyone's manager comes before them. */
function inManagerOrder(people: BackupTables["people"]): BackupTables["people"] {
  const byManager = new Map<string | null, BackupTables["people"]>();
  for (const person of people) {
    const list = byManager.get(person.manager_id) ?? [];
    list.push(person);
    byManager.set(person.manager_id, list);
  }
  // breadth first from the top: `ordered` doubles as the queue
  const ordered: BackupTables["people"] = [...(byManager.get(null) ?? [])];
  for (let i = 0; i < ordered.length; i++) {
    ordered.push(...(byManager.get((ordered[i] as BackupTables["people"][number]).id) ?? []));
  }
  return ordered;
}

async function insertRows<T extends keyof Tables>(
  trx: Transaction<Tables>,
  table: T,
  rows: Insertable<Tables[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // Kysely cannot type a generic table's values; each caller passes rows of the right table's shape
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
  }
}

export interface RestoreOptions {
  /** The instance's secret (RUNGS_SECRET), to check the backup's signature with. */
  secret?: string | undefined;
  /**
   * Restore a backup whose signature does not hold (unsigned, another secret, changed since): the
   * operator says they know where the file comes from. Every row is checked all the same.
   */
  allowUnsigned?: boolean;
}

export interface RestoreReport {
  /** Rows restored per table. */
  restored: Record<BackupTableName, number>;
  /** Rows of a format-1 backup's tables that are never restored (sessions, tokens…), when it had any. */
  leftOut: Partial<Record<NotBackedUpTable, number>>;
  /** Whether the signature held (false only with `allowUnsigned`). */
  signed: boolean;
}

/**
 * Restores a backup into an empty database of either dialect (migrating it first if needed). Refused as
 * problems, with nothing written, when: it is not a backup; a row is malformed, too long or refers to a
 * row it does not hold (the first PROBLEMS_SHOWN, as table/row/column, then how many more); it comes from
 * a newer schema; its signature does not hold (unless `allowUnsigned`); or the database holds data.
 */
export async function restoreAll(
  database: Database,
  input: unknown,
  options: RestoreOptions = {},
): Promise<Outcome<RestoreReport>> {
  const parsed = backupDocument.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    return refuse(issues.map((issue) => invalid(`${locate(issue.path)}: ${issue.message}`)));
  }
  const doc = parsed.data;
  const unknown = doc.migrations.filter((name) => !MIGRATION_NAMES.includes(name));
  if (unknown.length > 0) {
    return refuse([
      invalid(`the backup comes from a newer version of rungs (schema ${unknown.join(", ")}); upgrade first`),
    ]);
  }
  const { signature, ...unsigned } = doc as BackupDocument & { signature?: BackupSignature };
  // checked on the document as given (before defaults fill in absent tables), which is what was signed
  const check = checkSignature(withoutSignature(input), signature, options.secret);
  if (check !== "valid" && !options.allowUnsigned) {
    return refuse([{ kind: "invalid", code: "invalid-signature", message: SIGNATURE_PROBLEMS[check] }]);
  }
  const tables = unsigned.tables as BackupTables;
  const broken = integrityProblems(tables);
  if (broken.length > 0) return refuse(broken.map((p) => invalid(`${p.at}: ${p.message}`)));
  const leftOut = Object.fromEntries(
    NOT_BACKED_UP.flatMap((t) => {
      const rows = (doc.tables as Record<string, unknown[] | undefined>)[t];
      return rows?.length ? [[t, rows.length]] : [];
    }),
  );

  // the emptiness check comes before migrating, so a database that holds data is not even upgraded
  if (await holdsData(database.db)) {
    return refuse([
      {
        kind: "conflict",
        code: "database-not-empty",
        message: "The target database already holds data; restore only into an empty one",
      },
    ]);
  }
  await migrate(database);
  try {
    const restored = await database.db.transaction().execute(async (trx) => {
      // checked again inside: another process may have written since
      if (await holdsData(trx)) return undefined;
      await write(trx, database.dialect === "postgres", tables);
      // the team views' summary is derived from the assessments just written (team-records.ts)
      await refreshTeamSummary(trx, database.dialect, "everyone");
      return Object.fromEntries(BACKUP_TABLES.map((t) => [t, tables[t].length])) as RestoreReport["restored"];
    });
    if (!restored) {
      return refuse([
        { kind: "conflict", code: "database-not-empty", message: "The target database took data meanwhile" },
      ]);
    }
    return { ok: true, value: { restored, leftOut, signed: check === "valid" } };
  } catch (error) {
    // a row the checks let through but the database refused: the transaction is rolled back
    const reason = error instanceof Error ? error.message : String(error);
    return refuse([invalid(`the database refused the backup, and nothing was restored: ${reason}`)]);
  }
}

function refuse<T>(problems: Problem[]): Outcome<T> {
  if (problems.length <= PROBLEMS_SHOWN) return { ok: false, problems };
  const more = problems.length - PROBLEMS_SHOWN;
  return {
    ok: false,
    problems: [
      ...problems.slice(0, PROBLEMS_SHOWN),
      invalid(`… and ${more} more problem${more === 1 ? "" : "s"}`),
    ],
  };
}

function withoutSignature(input: unknown): unknown {
  if (typeof input !== "object" || input === null) return input;
  const { signature: _left, ...rest } = input as Record<string, unknown>;
  return rest;
}

/**
 * Whether any table of the database holds a row: every table there is, as the database lists them (not a
 * list kept here). Kysely's introspection leaves out its own migration log and lock.
 */
async function holdsData(db: Database["db"] | Transaction<Tables>): Promise<boolean> {
  for (const { name } of await db.introspection.getTables()) {
    const row = await db
      .selectFrom(name as keyof Tables)
      .select(sql<number>`1`.as("one"))
      .limit(1)
      .executeTakeFirst();
    if (row !== undefined) return true;
  }
  return false;
}

async function write(trx: Transaction<Tables>, postgres: boolean, tables: BackupTables): Promise<void> {
  const bool = (value: boolean) => encodeBool(postgres ? "postgres" : "sqlite", value);
  const t = (value: string) => encodeTime(new Date(value));
  const tOrNull = (value: string | null) => (value === null ? null : t(value));
  const roles = new Map(tables.people.map((p) => [p.id, p.role]));
  await insertRows(
    trx,
    "people",
    inManagerOrder(tables.people).map((p) => ({
      ...p,
      name_key: nameKey(p.name),
      email_key: emailKey(p.email),
      active: bool(p.active),
      admin: bool(p.admin),
      created_at: t(p.created_at),
      updated_at: t(p.updated_at),
    })),
  );
  await insertRows(trx, "settings", tables.settings);
  await insertRows(
    trx,
    "cycles",
    tables.cycles.map((c) => ({ ...c, created_at: t(c.created_at), closed_at: tOrNull(c.closed_at) })),
  );
  await insertRows(
    trx,
    "framework_snapshots",
    tables.framework_snapshots.map((f) => ({
      ...f,
      snapshot: JSON.stringify(f.snapshot),
      created_at: t(f.created_at),
    })),
  );
  await insertRows(
    trx,
    "assessments",
    tables.assessments.map((a) => ({
      ...a,
      role: a.role === undefined ? (roles.get(a.person_id) ?? null) : a.role,
      created_at: t(a.created_at),
      updated_at: t(a.updated_at),
      submitted_at: tOrNull(a.submitted_at),
    })),
  );
  await insertRows(
    trx,
    "assessment_picks",
    tables.assessment_picks.map((p) => ({
      ...p,
      links: JSON.stringify(p.links),
      criteria: JSON.stringify(p.criteria),
      criteria_shown: criteriaShownAt(p.level, p.criteria),
    })),
  );
  await insertRows(
    trx,
    "goals",
    tables.goals.map((g) => ({
      ...g,
      original: g.original ?? g.text,
      sources: JSON.stringify(g.sources),
      created_at: t(g.created_at),
      updated_at: t(g.updated_at),
    })),
  );
}
