import { type Insertable, sql, type Transaction } from "kysely";
import { z } from "zod";
import { decodeBool, decodeOptionalTime, decodeTime, encodeBool, encodeTime, isId } from "./columns.js";
import type { Database, Tables } from "./db.js";
import { appliedMigrations, MIGRATION_NAMES, migrate } from "./migrations.js";
import { findCycles } from "./people.repository.js";
import { emailKey, nameKey } from "./person-input.js";
import { type Clock, type Outcome, type Problem, systemClock } from "./types.js";

/*
 * The whole database as one JSON document, the same whichever database wrote it: booleans as booleans,
 * timestamps as ISO-8601 UTC strings, rows in primary-key order, columns in a fixed order. So a backup of
 * SQLite restores into PostgreSQL and back, and two exports of the same data are byte-identical apart
 * from `exportedAt`. Derived columns (name_key, email_key) are left out and recomputed on restore.
 */

export const BACKUP_FORMAT = "rungs-backup";
export const BACKUP_VERSION = 1;

const iso = z.iso.datetime();
const id = z.string().refine(isId, "must be a UUID");
const text = z.string().refine((s) => !s.includes("\u0000"), "must not contain NUL");

const personRecord = z.strictObject({
  id,
  name: text,
  email: text,
  manager_id: id.nullable(),
  framework: text.nullable(),
  track: text.nullable(),
  level: text.nullable(),
  role: text.nullable(),
  active: z.boolean(),
  admin: z.boolean(),
  password_hash: text.nullable(),
  version: z.number().int().positive(),
  created_at: iso,
  updated_at: iso,
});

const sessionRecord = z.strictObject({
  id: text,
  person_id: id,
  created_at: iso,
  last_seen_at: iso,
  expires_at: iso,
  idle_ms: z.number().int().positive(),
  user_agent: text.nullable(),
  ip: text.nullable(),
  revoked_at: iso.nullable(),
});

const tokenRecord = z.strictObject({
  hash: text,
  purpose: z.enum(["setup", "reset", "oidc-state"]),
  person_id: id.nullable(),
  payload: text.nullable(),
  expires_at: iso,
  used_at: iso.nullable(),
});

const rateLimitRecord = z.strictObject({
  key: text,
  window_start: iso,
  count: z.number().int().nonnegative(),
  expires_at: iso,
});

const lockRecord = z.strictObject({ name: text, owner: text, expires_at: iso });
const settingRecord = z.strictObject({ key: text, value: text });

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");

const cycleRecord = z.strictObject({
  id,
  name: text,
  starts_on: day,
  ends_on: day,
  status: z.enum(["open", "closed"]),
  created_at: iso,
  closed_at: iso.nullable(),
  version: z.number().int().positive(),
});

/** The snapshot itself is kept as JSON (not as a string) so the backup stays readable. */
const snapshotRecord = z.strictObject({
  framework: text,
  version: text,
  snapshot: z.record(z.string(), z.unknown()),
  created_at: iso,
});

const assessmentRecord = z.strictObject({
  id,
  person_id: id,
  author_id: id.nullable(),
  kind: z.enum(["self", "manager", "agreed"]),
  cycle_id: id.nullable(),
  framework: text,
  framework_version: text,
  level: text.nullable(),
  target: text.nullable(),
  status: z.enum(["draft", "submitted"]),
  version: z.number().int().positive(),
  created_at: iso,
  updated_at: iso,
  submitted_at: iso.nullable(),
});

const pickRecord = z.strictObject({
  assessment_id: id,
  competency: text,
  level: text.nullable(),
  band: text.nullable(),
  evidence: text,
  links: z.array(text),
});

const goalRecord = z.strictObject({
  id,
  person_id: id,
  author_id: id.nullable(),
  assessment_id: id.nullable(),
  framework: text,
  target: text.nullable(),
  text,
  sources: z.array(z.record(z.string(), z.union([text, z.number().int().nonnegative()]))),
  status: z.enum(["active", "done", "dropped"]),
  created_at: iso,
  updated_at: iso,
});

const backupDocument = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: iso,
  /** the schema the data was taken from */
  migrations: z.array(z.string()),
  tables: z.strictObject({
    people: z.array(personRecord),
    sessions: z.array(sessionRecord),
    one_time_tokens: z.array(tokenRecord),
    rate_limits: z.array(rateLimitRecord),
    locks: z.array(lockRecord),
    settings: z.array(settingRecord),
    // absent from backups taken before assessments existed (migration 0004)
    cycles: z.array(cycleRecord).default([]),
    framework_snapshots: z.array(snapshotRecord).default([]),
    assessments: z.array(assessmentRecord).default([]),
    assessment_picks: z.array(pickRecord).default([]),
    goals: z.array(goalRecord).default([]),
  }),
});

/** A whole-database backup, as written by `exportAll` (the JSON Schema of this shape is `backupDocument`). */
export type BackupDocument = z.output<typeof backupDocument>;
export type BackupTableName = keyof BackupDocument["tables"];

/** Tables in the order they are restored (referenced before referencing). */
const TABLES: readonly BackupTableName[] = [
  "people",
  "sessions",
  "one_time_tokens",
  "rate_limits",
  "locks",
  "settings",
  "cycles",
  "framework_snapshots",
  "assessments",
  "assessment_picks",
  "goals",
];

/** Rows per INSERT: far below SQLite's bound-variable limit. */
const CHUNK = 500;
const PROBLEMS_SHOWN = 20;

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

/**
 * Reads every table into one document. Sorting happens here, not in SQL, so the order does not depend on
 * either database's collation.
 */
export async function exportAll(
  database: Database,
  options: { clock?: Clock } = {},
): Promise<BackupDocument> {
  const exportedAt = (options.clock ?? systemClock).now().toISOString();
  const migrations = await appliedMigrations(database);
  // One transaction, so the tables are read at one moment even while the app keeps writing (a session
  // created mid-export must not point at a person the export missed). PostgreSQL needs repeatable read for
  // that; SQLite's transaction (BEGIN IMMEDIATE) already holds writers off until it ends.
  let snapshot = database.db.transaction();
  if (database.dialect === "postgres") snapshot = snapshot.setIsolationLevel("repeatable read");
  const [
    people,
    sessions,
    tokens,
    rateLimits,
    locks,
    settings,
    cycles,
    snapshots,
    assessments,
    picks,
    goals,
  ] = await snapshot.execute(
    async (trx) =>
      [
        await trx.selectFrom("people").selectAll().execute(),
        await trx.selectFrom("sessions").selectAll().execute(),
        await trx.selectFrom("one_time_tokens").selectAll().execute(),
        await trx.selectFrom("rate_limits").selectAll().execute(),
        await trx.selectFrom("locks").selectAll().execute(),
        await trx.selectFrom("settings").selectAll().execute(),
        await trx.selectFrom("cycles").selectAll().execute(),
        await trx.selectFrom("framework_snapshots").selectAll().execute(),
        await trx.selectFrom("assessments").selectAll().execute(),
        await trx.selectFrom("assessment_picks").selectAll().execute(),
        await trx.selectFrom("goals").selectAll().execute(),
      ] as const,
  );
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt,
    migrations,
    tables: {
      people: people
        .map((p) => ({
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
        }))
        .sort(byKeys((r) => r.id)),
      sessions: sessions
        .map((s) => ({
          id: s.id,
          person_id: s.person_id,
          created_at: iso8601(s.created_at),
          last_seen_at: iso8601(s.last_seen_at),
          expires_at: iso8601(s.expires_at),
          idle_ms: Number(s.idle_ms),
          user_agent: s.user_agent,
          ip: s.ip,
          revoked_at: isoOrNull(s.revoked_at),
        }))
        .sort(byKeys((r) => r.id)),
      one_time_tokens: tokens
        .map((t) => ({
          hash: t.hash,
          purpose: t.purpose as "setup" | "reset" | "oidc-state",
          person_id: t.person_id,
          payload: t.payload,
          expires_at: iso8601(t.expires_at),
          used_at: isoOrNull(t.used_at),
        }))
        .sort(byKeys((r) => r.hash)),
      rate_limits: rateLimits
        .map((r) => ({
          key: r.key,
          window_start: iso8601(r.window_start),
          count: Number(r.count),
          expires_at: iso8601(r.expires_at),
        }))
        .sort(
          byKeys(
            (r) => r.key,
            (r) => r.window_start,
          ),
        ),
      locks: locks
        .map((l) => ({ name: l.name, owner: l.owner, expires_at: iso8601(l.expires_at) }))
        .sort(byKeys((r) => r.name)),
      settings: settings.map((s) => ({ key: s.key, value: s.value })).sort(byKeys((r) => r.key)),
      cycles: cycles
        .map((c) => ({
          id: c.id,
          name: c.name,
          starts_on: c.starts_on,
          ends_on: c.ends_on,
          status: c.status,
          created_at: iso8601(c.created_at),
          closed_at: isoOrNull(c.closed_at),
          version: Number(c.version),
        }))
        .sort(byKeys((r) => r.id)),
      framework_snapshots: snapshots
        .map((f) => ({
          framework: f.framework,
          version: f.version,
          snapshot: JSON.parse(f.snapshot) as Record<string, unknown>,
          created_at: iso8601(f.created_at),
        }))
        .sort(
          byKeys(
            (r) => r.framework,
            (r) => r.version,
          ),
        ),
      assessments: assessments
        .map((a) => ({
          id: a.id,
          person_id: a.person_id,
          author_id: a.author_id,
          kind: a.kind,
          cycle_id: a.cycle_id,
          framework: a.framework,
          framework_version: a.framework_version,
          level: a.level,
          target: a.target,
          status: a.status,
          version: Number(a.version),
          created_at: iso8601(a.created_at),
          updated_at: iso8601(a.updated_at),
          submitted_at: isoOrNull(a.submitted_at),
        }))
        .sort(byKeys((r) => r.id)),
      assessment_picks: picks
        .map((p) => ({
          assessment_id: p.assessment_id,
          competency: p.competency,
          level: p.level,
          band: p.band,
          evidence: p.evidence,
          links: JSON.parse(p.links) as string[],
        }))
        .sort(
          byKeys(
            (r) => r.assessment_id,
            (r) => r.competency,
          ),
        ),
      goals: goals
        .map((g) => ({
          id: g.id,
          person_id: g.person_id,
          author_id: g.author_id,
          assessment_id: g.assessment_id,
          framework: g.framework,
          target: g.target,
          text: g.text,
          sources: JSON.parse(g.sources) as Array<Record<string, string | number>>,
          status: g.status,
          created_at: iso8601(g.created_at),
          updated_at: iso8601(g.updated_at),
        }))
        .sort(byKeys((r) => r.id)),
    },
  };
}

function invalid(message: string): Problem {
  return { kind: "invalid", code: "invalid-backup", message };
}

/** What a document would break if restored: duplicate keys, dangling references, a manager cycle. */
function integrityProblems(doc: BackupDocument): Problem[] {
  const problems: Problem[] = [];
  const { people, sessions, one_time_tokens: tokens } = doc.tables;
  const ids = new Set<string>();
  const emails = new Map<string, string>();
  for (const person of people) {
    if (ids.has(person.id)) problems.push(invalid(`people: the id ${person.id} appears twice`));
    ids.add(person.id);
    const key = emailKey(person.email);
    const other = emails.get(key);
    if (other !== undefined)
      problems.push(invalid(`people: ${other} and ${person.id} share the email ${person.email}`));
    emails.set(key, person.id);
  }
  const managerOf = new Map<string, string | null>();
  for (const person of people) {
    if (person.manager_id !== null && !ids.has(person.manager_id)) {
      problems.push(
        invalid(`people: ${person.id} names a manager ${person.manager_id} who is not in the backup`),
      );
    }
    managerOf.set(
      person.id,
      person.manager_id !== null && ids.has(person.manager_id) ? person.manager_id : null,
    );
  }
  for (const loop of findCycles(managerOf))
    problems.push(invalid(`people: managers form a loop: ${loop.join(" → ")}`));
  for (const session of sessions) {
    if (!ids.has(session.person_id))
      problems.push(invalid(`sessions: ${session.id} belongs to nobody in the backup`));
  }
  for (const token of tokens) {
    if (token.person_id !== null && !ids.has(token.person_id)) {
      problems.push(invalid(`one_time_tokens: a token belongs to nobody in the backup`));
    }
  }
  const unique = <T>(table: string, rows: T[], key: (row: T) => string) => {
    const seen = new Set<string>();
    for (const row of rows) {
      const k = key(row);
      if (seen.has(k)) problems.push(invalid(`${table}: the key ${k} appears twice`));
      seen.add(k);
    }
  };
  unique("sessions", sessions, (s) => s.id);
  unique("one_time_tokens", tokens, (t) => t.hash);
  unique("rate_limits", doc.tables.rate_limits, (r) => `${r.key} @ ${r.window_start}`);
  unique("locks", doc.tables.locks, (l) => l.name);
  unique("settings", doc.tables.settings, (s) => s.key);
  problems.push(...assessmentProblems(doc, ids));
  return problems;
}

/** The same for cycles, snapshots, assessments, their picks and goals (`people`: the ids in the backup). */
function assessmentProblems(doc: BackupDocument, people: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const { cycles, framework_snapshots: snapshots, assessments, assessment_picks: picks, goals } = doc.tables;
  const keysOf = <T>(table: string, rows: T[], key: (row: T) => string): Set<string> => {
    const seen = new Set<string>();
    for (const row of rows) {
      const k = key(row);
      if (seen.has(k)) problems.push(invalid(`${table}: the key ${k} appears twice`));
      seen.add(k);
    }
    return seen;
  };
  const cycleIds = keysOf("cycles", cycles, (c) => c.id);
  for (const cycle of cycles) {
    if (cycle.ends_on < cycle.starts_on) problems.push(invalid(`cycles: ${cycle.id} ends before it starts`));
  }
  keysOf("framework_snapshots", snapshots, (f) => `${f.framework} @ ${f.version}`);
  for (const f of snapshots) {
    if (f.snapshot.framework !== f.framework || f.snapshot.version !== f.version) {
      problems.push(
        invalid(`framework_snapshots: ${f.framework} @ ${f.version} holds another version's snapshot`),
      );
    }
  }
  const assessmentIds = keysOf("assessments", assessments, (a) => a.id);
  // one draft per person, kind and cycle (the partial unique indexes)
  keysOf(
    "assessments (drafts)",
    assessments.filter((a) => a.status === "draft"),
    (a) => `${a.person_id}/${a.kind}/${a.cycle_id ?? "no cycle"}`,
  );
  for (const a of assessments) {
    if (!people.has(a.person_id))
      problems.push(invalid(`assessments: ${a.id} is about nobody in the backup`));
    if (a.author_id !== null && !people.has(a.author_id))
      problems.push(invalid(`assessments: ${a.id} names an author who is not in the backup`));
    if (a.cycle_id !== null && !cycleIds.has(a.cycle_id))
      problems.push(invalid(`assessments: ${a.id} names a cycle that is not in the backup`));
    if ((a.status === "submitted") !== (a.submitted_at !== null))
      problems.push(invalid(`assessments: ${a.id} is ${a.status} but its submitted_at says otherwise`));
  }
  keysOf("assessment_picks", picks, (p) => `${p.assessment_id} / ${p.competency}`);
  for (const p of picks) {
    if (!assessmentIds.has(p.assessment_id))
      problems.push(invalid(`assessment_picks: ${p.competency} belongs to an assessment not in the backup`));
  }
  keysOf("goals", goals, (g) => g.id);
  for (const g of goals) {
    if (!people.has(g.person_id)) problems.push(invalid(`goals: ${g.id} belongs to nobody in the backup`));
    if (g.author_id !== null && !people.has(g.author_id))
      problems.push(invalid(`goals: ${g.id} names an author who is not in the backup`));
    if (g.assessment_id !== null && !assessmentIds.has(g.assessment_id))
      problems.push(invalid(`goals: ${g.id} names an assessment that is not in the backup`));
  }
  return problems;
}

/** People ordered so that everyone's manager comes before them. */
function inManagerOrder(people: BackupDocument["tables"]["people"]): BackupDocument["tables"]["people"] {
  const byManager = new Map<string | null, typeof people>();
  for (const person of people) {
    const list = byManager.get(person.manager_id) ?? [];
    list.push(person);
    byManager.set(person.manager_id, list);
  }
  // breadth first from the top: `ordered` doubles as the queue
  const ordered: typeof people = [...(byManager.get(null) ?? [])];
  for (let i = 0; i < ordered.length; i++) {
    ordered.push(...(byManager.get((ordered[i] as (typeof people)[number]).id) ?? []));
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

/**
 * Restores a backup into an empty database of either dialect (migrating it first if needed). A document
 * that is not a valid backup, comes from a newer schema, or a database that already holds data are
 * refused as problems, and nothing is written. Everything is inserted in one transaction.
 */
export async function restoreAll(
  database: Database,
  document: unknown,
): Promise<Outcome<Record<BackupTableName, number>>> {
  const parsed = backupDocument.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, PROBLEMS_SHOWN).map((issue) => {
      const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
      return invalid(`${path.replace(/^\./, "") || "(document)"}: ${issue.message}`);
    });
    return { ok: false, problems };
  }
  const doc = parsed.data;
  const unknown = doc.migrations.filter((name) => !MIGRATION_NAMES.includes(name));
  if (unknown.length > 0) {
    return {
      ok: false,
      problems: [
        invalid(
          `the backup comes from a newer version of rungs (schema ${unknown.join(", ")}); upgrade first`,
        ),
      ],
    };
  }
  const problems = integrityProblems(doc);
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, PROBLEMS_SHOWN) };

  await migrate(database);
  const bool = (value: boolean) => encodeBool(database.dialect, value);
  const t = (value: string) => encodeTime(new Date(value));
  const tOrNull = (value: string | null) => (value === null ? null : t(value));

  return database.db.transaction().execute(async (trx) => {
    for (const table of TABLES) {
      const row = await trx.selectFrom(table).select(sql<number>`1`.as("one")).limit(1).executeTakeFirst();
      if (row !== undefined) {
        return {
          ok: false as const,
          problems: [
            {
              kind: "conflict" as const,
              code: "database-not-empty" as const,
              message: `The target database already holds data (table ${table}); restore only into an empty one`,
            },
          ],
        };
      }
    }
    const insert = <T extends keyof Tables>(table: T, rows: Insertable<Tables[T]>[]) =>
      insertRows(trx, table, rows);
    await insert(
      "people",
      inManagerOrder(doc.tables.people).map((p) => ({
        id: p.id,
        name: p.name,
        name_key: nameKey(p.name),
        email: p.email,
        email_key: emailKey(p.email),
        manager_id: p.manager_id,
        framework: p.framework,
        track: p.track,
        level: p.level,
        role: p.role,
        active: bool(p.active),
        admin: bool(p.admin),
        password_hash: p.password_hash,
        version: p.version,
        created_at: t(p.created_at),
        updated_at: t(p.updated_at),
      })),
    );
    await insert(
      "sessions",
      doc.tables.sessions.map((s) => ({
        ...s,
        created_at: t(s.created_at),
        last_seen_at: t(s.last_seen_at),
        expires_at: t(s.expires_at),
        revoked_at: tOrNull(s.revoked_at),
      })),
    );
    await insert(
      "one_time_tokens",
      doc.tables.one_time_tokens.map((o) => ({
        ...o,
        expires_at: t(o.expires_at),
        used_at: tOrNull(o.used_at),
      })),
    );
    await insert(
      "rate_limits",
      doc.tables.rate_limits.map((r) => ({
        ...r,
        window_start: t(r.window_start),
        expires_at: t(r.expires_at),
      })),
    );
    await insert(
      "locks",
      doc.tables.locks.map((l) => ({ ...l, expires_at: t(l.expires_at) })),
    );
    await insert("settings", doc.tables.settings);
    await insert(
      "cycles",
      doc.tables.cycles.map((c) => ({ ...c, created_at: t(c.created_at), closed_at: tOrNull(c.closed_at) })),
    );
    await insert(
      "framework_snapshots",
      doc.tables.framework_snapshots.map((f) => ({
        ...f,
        snapshot: JSON.stringify(f.snapshot),
        created_at: t(f.created_at),
      })),
    );
    await insert(
      "assessments",
      doc.tables.assessments.map((a) => ({
        ...a,
        created_at: t(a.created_at),
        updated_at: t(a.updated_at),
        submitted_at: tOrNull(a.submitted_at),
      })),
    );
    await insert(
      "assessment_picks",
      doc.tables.assessment_picks.map((p) => ({ ...p, links: JSON.stringify(p.links) })),
    );
    await insert(
      "goals",
      doc.tables.goals.map((g) => ({
        ...g,
        sources: JSON.stringify(g.sources),
        created_at: t(g.created_at),
        updated_at: t(g.updated_at),
      })),
    );
    const counts = Object.fromEntries(TABLES.map((table) => [table, doc.tables[table].length]));
    return { ok: true as const, value: counts as Record<BackupTableName, number> };
  });
}
