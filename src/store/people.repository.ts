import { randomUUID } from "node:crypto";
import {
  type Insertable,
  type Kysely,
  type RawBuilder,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from "kysely";
import {
  decodeBool,
  decodeCount,
  decodeTime,
  encodeBool,
  encodeTime,
  isId,
  isUniqueViolation,
  likeContains,
} from "./columns.js";
import type { Database, PeopleTable, Tables } from "./db.js";
import {
  checkEmail,
  checkManagerEmail,
  checkName,
  checkOptional,
  emailKey,
  nameKey,
  OPTIONAL_FIELDS,
  type OptionalField,
} from "./person-input.js";
import {
  type Clock,
  type Conflict,
  type ImportPreview,
  type ImportProblem,
  type ImportResult,
  type ImportRow,
  type ImportRowPlan,
  type NewPerson,
  type Outcome,
  type Person,
  type PersonChanges,
  type PersonScope,
  type Problem,
  type SubtreeEntry,
  systemClock,
} from "./types.js";

type PersonRow = Selectable<PeopleTable>;
type Executor = Kysely<Tables> | Transaction<Tables>;

/**
 * Walks of the org tree stop this deep. Cycles are refused on every write, so this never binds on a
 * healthy tree; it keeps a tree corrupted by hand (a manual UPDATE) from looping a recursive query forever.
 */
const MAX_TREE_DEPTH = 10_000;

/**
 * PostgreSQL advisory lock held (per transaction) by every change to who manages whom, so two concurrent
 * changes cannot each pass the cycle check and together make a cycle. SQLite needs none: its write
 * transactions start with BEGIN IMMEDIATE and so already run one at a time. The number is arbitrary but fixed.
 */
const ORG_TREE_LOCK = 7_210_451_309;

/** Rows written per INSERT: far below SQLite's 32,766 bound variables, and few round trips on PostgreSQL. */
const INSERT_CHUNK = 500;

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
}

/** The stored row → the domain object (also used by the sessions repository's join). */
export function personFromRow(row: PersonRow): Person {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    managerId: row.manager_id,
    framework: row.framework,
    track: row.track,
    level: row.level,
    role: row.role,
    active: decodeBool(row.active),
    admin: decodeBool(row.admin),
    hasPassword: row.password_hash !== null,
    version: Number(row.version),
    createdAt: decodeTime(row.created_at),
    updatedAt: decodeTime(row.updated_at),
  };
}

function notFound(): Problem {
  return { kind: "not-found", code: "not-found", message: "No such person" };
}

function emailTaken(email: string): Conflict {
  return {
    kind: "conflict",
    code: "email-taken",
    field: "email",
    message: `Someone already has the email ${email} (emails are compared ignoring case)`,
  };
}

function stale(): Conflict {
  return {
    kind: "conflict",
    code: "stale-version",
    message: "Someone else changed this person since you loaded it; reload and apply your change again",
  };
}

function fail<T>(...problems: Problem[]): Outcome<T> {
  return { ok: false, problems };
}

/** People and the org tree. All SQL about people lives here. */
export class PeopleRepository {
  readonly #database: Database;
  readonly #clock: Clock;

  constructor(database: Database, clock: Clock = systemClock) {
    this.#database = database;
    this.#clock = clock;
  }

  get #db(): Kysely<Tables> {
    return this.#database.db;
  }

  #bool(value: boolean): boolean | number {
    return encodeBool(this.#database.dialect, value);
  }

  /** Holds the org-tree lock until the transaction ends (see ORG_TREE_LOCK). */
  async #lockTree(trx: Transaction<Tables>): Promise<void> {
    if (this.#database.dialect === "postgres") {
      await sql`select pg_advisory_xact_lock(${ORG_TREE_LOCK}::bigint)`.execute(trx);
    }
  }

  /** Adds a person. An email already in use (ignoring case) is an `email-taken` conflict. */
  async create(input: NewPerson): Promise<Outcome<Person>> {
    const problems: Problem[] = [];
    const name = checkName(input.name);
    if (name.problem) problems.push(name.problem);
    const email = checkEmail(input.email);
    if (email.problem) problems.push(email.problem);
    const optional = {} as Record<OptionalField, string | null>;
    for (const field of OPTIONAL_FIELDS) {
      const checked = checkOptional(input[field], field);
      if (checked.problem) problems.push(checked.problem);
      else optional[field] = checked.value;
    }
    const managerId = input.managerId ?? null;
    if (managerId !== null && !(isId(managerId) && (await this.#exists(this.#db, managerId)))) {
      problems.push({
        kind: "invalid",
        code: "manager-not-found",
        field: "managerId",
        message: "The chosen manager does not exist",
      });
    }
    if (name.value === undefined || email.value === undefined || problems.length > 0)
      return fail(...problems);

    const key = emailKey(email.value);
    if (await this.#idByEmailKey(this.#db, key)) return fail(emailTaken(email.value));
    const now = encodeTime(this.#clock.now());
    const row: Insertable<PeopleTable> = {
      id: randomUUID(),
      name: name.value,
      name_key: nameKey(name.value),
      email: email.value,
      email_key: key,
      manager_id: managerId,
      ...optional,
      active: this.#bool(input.active ?? true),
      admin: this.#bool(input.admin ?? false),
      password_hash: input.passwordHash ?? null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    try {
      const stored = await this.#db.insertInto("people").values(row).returningAll().executeTakeFirstOrThrow();
      return { ok: true, value: personFromRow(stored) };
    } catch (error) {
      // someone took the email between the check and the insert
      if (isUniqueViolation(error)) return fail(emailTaken(email.value));
      throw error;
    }
  }

  async get(id: string): Promise<Person | undefined> {
    if (!isId(id)) return undefined;
    const row = await this.#db.selectFrom("people").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? personFromRow(row) : undefined;
  }

  /** Finds a person by email, ignoring case and surrounding spaces. */
  async getByEmail(email: string): Promise<Person | undefined> {
    const row = await this.#db
      .selectFrom("people")
      .selectAll()
      .where("email_key", "=", emailKey(email))
      .executeTakeFirst();
    return row ? personFromRow(row) : undefined;
  }

  /** The people with these emails (ignoring case and surrounding spaces), by email key; a query per 500. */
  async byEmails(emails: readonly string[]): Promise<Map<string, Person>> {
    const keys = [...new Set(emails.map(emailKey))];
    const found = new Map<string, Person>();
    for (let i = 0; i < keys.length; i += INSERT_CHUNK) {
      const rows = await this.#db
        .selectFrom("people")
        .selectAll()
        .where("email_key", "in", keys.slice(i, i + INSERT_CHUNK))
        .execute();
      for (const row of rows) found.set(row.email_key, personFromRow(row));
    }
    return found;
  }

  /** The person with that email and their password hash, for signing in (the hash never rides on Person). */
  async credentials(email: string): Promise<{ person: Person; passwordHash: string | null } | undefined> {
    const row = await this.#db
      .selectFrom("people")
      .selectAll()
      .where("email_key", "=", emailKey(email))
      .executeTakeFirst();
    return row ? { person: personFromRow(row), passwordHash: row.password_hash } : undefined;
  }

  /**
   * Sets or clears (null) the password hash. Not a profile edit, so the version is left alone and an edit
   * form open elsewhere stays valid. Returns false when there is no such person.
   */
  async setPasswordHash(id: string, passwordHash: string | null): Promise<boolean> {
    if (!isId(id)) return false;
    const result = await this.#db
      .updateTable("people")
      .set({ password_hash: passwordHash, updated_at: encodeTime(this.#clock.now()) })
      .where("id", "=", id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Changes the given fields if the stored version is still `expectedVersion`; otherwise a `stale-version`
   * conflict, so two admins editing one person cannot silently overwrite each other.
   */
  async update(id: string, expectedVersion: number, changes: PersonChanges): Promise<Outcome<Person>> {
    const problems: Problem[] = [];
    const set: Updateable<PeopleTable> = {};
    if (changes.name !== undefined) {
      const name = checkName(changes.name);
      if (name.problem) problems.push(name.problem);
      else Object.assign(set, { name: name.value, name_key: nameKey(name.value) });
    }
    let newEmail: string | undefined;
    if (changes.email !== undefined) {
      const email = checkEmail(changes.email);
      if (email.problem) problems.push(email.problem);
      else {
        newEmail = email.value;
        Object.assign(set, { email: email.value, email_key: emailKey(email.value) });
      }
    }
    for (const field of OPTIONAL_FIELDS) {
      if (changes[field] === undefined) continue;
      const checked = checkOptional(changes[field], field);
      if (checked.problem) problems.push(checked.problem);
      else set[field] = checked.value;
    }
    if (changes.admin !== undefined) set.admin = this.#bool(changes.admin);
    if (problems.length > 0) return fail(...problems);
    if (!isId(id)) return fail(notFound());

    if (newEmail !== undefined) {
      const holder = await this.#idByEmailKey(this.#db, emailKey(newEmail));
      if (holder !== undefined && holder !== id) return fail(emailTaken(newEmail));
    }
    try {
      return await this.#updateVersioned(this.#db, id, expectedVersion, set);
    } catch (error) {
      if (newEmail !== undefined && isUniqueViolation(error)) return fail(emailTaken(newEmail));
      throw error;
    }
  }

  /** Marks someone as having left: they keep their history but cannot sign in. */
  deactivate(id: string, expectedVersion?: number): Promise<Outcome<Person>> {
    return this.#setActive(id, false, expectedVersion);
  }

  reactivate(id: string, expectedVersion?: number): Promise<Outcome<Person>> {
    return this.#setActive(id, true, expectedVersion);
  }

  async #setActive(id: string, active: boolean, expectedVersion?: number): Promise<Outcome<Person>> {
    if (!isId(id)) return fail(notFound());
    return this.#updateVersioned(this.#db, id, expectedVersion, { active: this.#bool(active) });
  }

  /** UPDATE … WHERE version = expected, bumping the version; tells not-found from stale when nothing matched. */
  async #updateVersioned(
    db: Executor,
    id: string,
    expectedVersion: number | undefined,
    set: Updateable<PeopleTable>,
  ): Promise<Outcome<Person>> {
    let query = db
      .updateTable("people")
      .set({ ...set, version: sql`version + 1`, updated_at: encodeTime(this.#clock.now()) })
      .where("id", "=", id);
    if (expectedVersion !== undefined) query = query.where("version", "=", expectedVersion);
    const row = await query.returningAll().executeTakeFirst();
    if (row) return { ok: true, value: personFromRow(row) };
    return fail((await this.#exists(db, id)) ? stale() : notFound());
  }

  /** A page of people ordered by name (then id), optionally filtered by text and active state. */
  async list(options: ListPeopleOptions = {}): Promise<PeoplePage> {
    const limit = clampInt(options.limit ?? LIST_LIMIT_DEFAULT, 1, LIST_LIMIT_MAX);
    const offset = clampInt(options.offset ?? 0, 0, Number.MAX_SAFE_INTEGER);
    let query = this.#db.selectFrom("people");
    const text = options.query?.trim();
    if (text) {
      const byName = likeContains(nameKey(text));
      const byEmail = likeContains(emailKey(text));
      // both sides are lower-cased in JS (keys and pattern), so this ignores case the same on both databases
      const emails = emailScope(options.emailsOf ?? "nobody");
      query = query.where(
        sql<boolean>`(name_key like ${byName} escape '\\' or (email_key like ${byEmail} escape '\\' and ${emails}))`,
      );
    }
    if (options.active !== undefined) query = query.where("active", "=", this.#bool(options.active));
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy("name_key").orderBy("id").limit(limit).offset(offset).execute(),
      query.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { people: rows.map(personFromRow), total: decodeCount(count.n as string | number) };
  }

  /** How many active admins there are (none: first run, offer the setup link). */
  async countAdmins(): Promise<number> {
    const row = await this.#db
      .selectFrom("people")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("admin", "=", this.#bool(true))
      .where("active", "=", this.#bool(true))
      .executeTakeFirstOrThrow();
    return decodeCount(row.n as string | number);
  }

  /**
   * Sets (or with null clears) someone's manager. Refused with a `manager-cycle` conflict when the new manager
   * is the person or anyone below them. Check and write happen in one transaction under the org-tree lock,
   * so concurrent changes cannot combine into a cycle.
   */
  async setManager(id: string, managerId: string | null, expectedVersion?: number): Promise<Outcome<Person>> {
    if (!isId(id)) return fail(notFound());
    if (managerId !== null && !isId(managerId)) return fail(managerNotFound());
    if (managerId === id) return fail(cycle("Nobody can be their own manager"));
    return this.#db.transaction().execute(async (trx) => {
      await this.#lockTree(trx);
      if (!(await this.#exists(trx, id))) return fail<Person>(notFound());
      if (managerId !== null) {
        if (!(await this.#exists(trx, managerId))) return fail<Person>(managerNotFound());
        if (await this.#isBelow(trx, managerId, id)) {
          return fail<Person>(cycle("The new manager reports to this person (directly or further down)"));
        }
      }
      return this.#updateVersioned(trx, id, expectedVersion, { manager_id: managerId });
    });
  }

  /** Whether `candidate` is anywhere below `root` in the org tree. */
  async #isBelow(db: Executor, candidate: string, root: string): Promise<boolean> {
    const hit = await db
      .withRecursive("below(id)", (qb) =>
        qb
          .selectFrom("people")
          .select("id")
          .where("manager_id", "=", root)
          // UNION (not ALL) also terminates on a corrupted tree
          .union(
            qb.selectFrom("people").innerJoin("below", "below.id", "people.manager_id").select("people.id"),
          ),
      )
      .selectFrom("below")
      .select("id")
      .where("id", "=", candidate)
      .limit(1)
      .executeTakeFirst();
    return hit !== undefined;
  }

  /** Direct reports, ordered by name. */
  async reports(id: string): Promise<Person[]> {
    if (!isId(id)) return [];
    const rows = await this.#db
      .selectFrom("people")
      .selectAll()
      .where("manager_id", "=", id)
      .orderBy("name_key")
      .orderBy("id")
      .execute();
    return rows.map(personFromRow);
  }

  /** Everyone below a person, with depth (1 = direct report), ordered by depth then name. */
  async subtree(id: string): Promise<SubtreeEntry[]> {
    if (!isId(id)) return [];
    const rows = await this.#db
      .withRecursive("below(id, depth)", (qb) =>
        qb
          .selectFrom("people")
          .select(["id", sql<number>`1`.as("depth")])
          .where("manager_id", "=", id)
          .unionAll(
            qb
              .selectFrom("people")
              .innerJoin("below", "below.id", "people.manager_id")
              .select(["people.id", sql<number>`below.depth + 1`.as("depth")])
              .where("below.depth", "<", MAX_TREE_DEPTH),
          ),
      )
      .selectFrom("below")
      .innerJoin("people", "people.id", "below.id")
      .selectAll("people")
      .select("below.depth")
      .orderBy("below.depth")
      .orderBy("people.name_key")
      .orderBy("people.id")
      .execute();
    return rows.map((row) => ({ person: personFromRow(row), depth: Number(row.depth) }));
  }

  /** The managers above a person, nearest first, up to the top of the tree. */
  async chain(id: string): Promise<Person[]> {
    if (!isId(id)) return [];
    const rows = await this.#chainRows(this.#db, id);
    return rows.map(personFromRow);
  }

  /** Whether `managerId` is anywhere up `personId`'s chain (what "their managers see it" means). */
  async manages(managerId: string, personId: string): Promise<boolean> {
    if (!isId(managerId) || !isId(personId) || managerId === personId) return false;
    const rows = await this.#chainRows(this.#db, personId);
    return rows.some((row) => row.id === managerId);
  }

  async #chainRows(db: Executor, id: string) {
    return db
      .withRecursive("up(id, depth)", (qb) =>
        qb
          .selectFrom("people")
          .select([sql<string>`manager_id`.as("id"), sql<number>`1`.as("depth")])
          .where("id", "=", id)
          .where("manager_id", "is not", null)
          .unionAll(
            qb
              .selectFrom("people")
              .innerJoin("up", "up.id", "people.id")
              .select([sql<string>`people.manager_id`.as("id"), sql<number>`up.depth + 1`.as("depth")])
              .where("people.manager_id", "is not", null)
              .where("up.depth", "<", MAX_TREE_DEPTH),
          ),
      )
      .selectFrom("up")
      .innerJoin("people", "people.id", "up.id")
      .selectAll("people")
      .orderBy("up.depth")
      .execute();
  }

  /**
   * Checks an import against the stored people without writing: every row's plan (create, update or
   * unchanged, keyed by email) and every problem, by line. `ok` only when there are no problems.
   */
  async previewImport(rows: readonly ImportRow[]): Promise<ImportPreview> {
    const plan = await this.#planImport(this.#db, rows);
    return { ok: plan.problems.length === 0, rows: plan.rows, problems: plan.problems };
  }

  /**
   * Imports all rows or none: validates again inside one transaction (under the org-tree lock) and writes
   * only when no row has a problem. Managers may be people already stored or rows anywhere in the same import.
   */
  async importMany(rows: readonly ImportRow[]): Promise<ImportResult> {
    try {
      return await this.#importOnce(rows);
    } catch (error) {
      // A person created concurrently with the same email beat the plan to the insert. Planning again sees
      // them and turns that row into an update, so one retry settles it.
      if (isUniqueViolation(error)) return this.#importOnce(rows);
      throw error;
    }
  }

  async #importOnce(rows: readonly ImportRow[]): Promise<ImportResult> {
    return this.#db.transaction().execute(async (trx): Promise<ImportResult> => {
      await this.#lockTree(trx);
      const plan = await this.#planImport(trx, rows);
      if (plan.problems.length > 0) return { ok: false, problems: plan.problems };
      const now = encodeTime(this.#clock.now());

      // new people go in by depth among themselves, so each one's manager is always stored before them
      const creates = plan.writes.filter((w) => w.action === "create");
      const depthOf = new Map<string, number>();
      const depth = (w: PlannedWrite): number => {
        // walk up through new people until one with a known depth (or a stored manager, or none); iterative,
        // so a very deep chain cannot overflow the stack
        const path: PlannedWrite[] = [];
        let node: PlannedWrite | undefined = w;
        let base = -1;
        while (node && node.action === "create") {
          const known = depthOf.get(node.key);
          if (known !== undefined) {
            base = known;
            break;
          }
          path.push(node);
          node = node.managerKey === null ? undefined : plan.byKey.get(node.managerKey);
        }
        for (const [i, visited] of path.reverse().entries()) depthOf.set(visited.key, base + 1 + i);
        return depthOf.get(w.key) ?? 0;
      };
      creates.sort((a, b) => depth(a) - depth(b) || a.line - b.line);
      const inserts: Insertable<PeopleTable>[] = creates.map((w) => ({
        id: w.id,
        name: w.fields.name,
        name_key: nameKey(w.fields.name),
        email: w.fields.email,
        email_key: w.key,
        manager_id: w.managerId,
        framework: w.fields.framework,
        track: w.fields.track,
        level: w.fields.level,
        role: w.fields.role,
        active: this.#bool(true),
        admin: this.#bool(false),
        password_hash: null,
        version: 1,
        created_at: now,
        updated_at: now,
      }));
      // chunks follow depth order, so a chunk never references a manager from a later chunk
      for (let i = 0; i < inserts.length; i += INSERT_CHUNK) {
        await trx
          .insertInto("people")
          .values(inserts.slice(i, i + INSERT_CHUNK))
          .execute();
      }
      const updates = plan.writes.filter((w) => w.action === "update");
      for (const w of updates) {
        await trx
          .updateTable("people")
          .set({
            name: w.fields.name,
            name_key: nameKey(w.fields.name),
            email: w.fields.email,
            manager_id: w.managerId,
            framework: w.fields.framework,
            track: w.fields.track,
            level: w.fields.level,
            role: w.fields.role,
            version: sql`version + 1`,
            updated_at: now,
          })
          .where("id", "=", w.id)
          .execute();
      }
      return {
        ok: true,
        created: creates.length,
        updated: updates.length,
        unchanged: plan.rows.length - creates.length - updates.length,
        rows: plan.rows,
      };
    });
  }

  async #planImport(db: Executor, rows: readonly ImportRow[]): Promise<ImportPlan> {
    const problems: ImportProblem[] = [];
    const report = (line: number, problem: Problem) => problems.push({ ...problem, line });

    // 1. each row on its own
    interface Checked {
      row: ImportRow;
      key: string | undefined;
      fields: Partial<PlannedFields>;
      managerKey: string | null | undefined;
      valid: boolean;
    }
    const checked: Checked[] = rows.map((row) => {
      const before = problems.length;
      const fields: Partial<PlannedFields> = {};
      const name = checkName(row.name);
      if (name.problem) report(row.line, name.problem);
      else fields.name = name.value;
      const email = checkEmail(row.email);
      if (email.problem) report(row.line, email.problem);
      else fields.email = email.value;
      for (const field of OPTIONAL_FIELDS) {
        if (row[field] === undefined) continue;
        const value = checkOptional(row[field], field);
        if (value.problem) report(row.line, value.problem);
        else fields[field] = value.value;
      }
      let managerKey: string | null | undefined;
      if (row.managerEmail !== undefined) {
        const manager = checkManagerEmail(row.managerEmail);
        if (manager.problem) report(row.line, manager.problem);
        else managerKey = manager.value === null ? null : emailKey(manager.value);
      }
      // even a malformed email identifies the row, so others naming it as manager do not also fail
      const key = typeof row.email === "string" && row.email.trim() !== "" ? emailKey(row.email) : undefined;
      return { row, key, fields, managerKey, valid: problems.length === before };
    });

    // 2. each email once per file
    const firstLine = new Map<string, Checked>();
    const unique: Checked[] = [];
    for (const c of checked) {
      if (c.key === undefined) continue;
      const first = firstLine.get(c.key);
      if (first) {
        report(c.row.line, {
          kind: "invalid",
          code: "duplicate-email",
          field: "email",
          message: `The email ${c.row.email.trim()} is also on line ${first.row.line}`,
        });
        c.valid = false;
      } else {
        firstLine.set(c.key, c);
        unique.push(c);
      }
    }

    // 3. what is stored: the whole tree (id, key, manager) for cycles, full rows for the people in the file
    const tree = await db.selectFrom("people").select(["id", "email_key", "manager_id"]).execute();
    const keyOfId = new Map(tree.map((p) => [p.id, p.email_key]));
    const idOfKey = new Map(tree.map((p) => [p.email_key, p.id]));
    const existing = new Map<string, PersonRow>();
    const keys = unique.map((c) => c.key as string).filter((k) => idOfKey.has(k));
    for (let i = 0; i < keys.length; i += INSERT_CHUNK) {
      const found = await db
        .selectFrom("people")
        .selectAll()
        .where("email_key", "in", keys.slice(i, i + INSERT_CHUNK))
        .execute();
      for (const row of found) existing.set(row.email_key, row);
    }

    // 4. managers: in the file or stored; the resulting tree (stored, overlaid by the file) without cycles
    const managerOf = new Map<string, string | null>();
    for (const p of tree)
      managerOf.set(p.email_key, p.manager_id === null ? null : (keyOfId.get(p.manager_id) ?? null));
    for (const c of unique) {
      const key = c.key as string;
      if (c.managerKey === undefined) {
        if (!managerOf.has(key)) managerOf.set(key, null); // new person, manager column absent
        continue;
      }
      if (c.managerKey === key) {
        report(c.row.line, cycle("Nobody can be their own manager", "managerEmail"));
        c.valid = false;
        managerOf.set(key, null);
        continue;
      }
      if (c.managerKey !== null && !firstLine.has(c.managerKey) && !idOfKey.has(c.managerKey)) {
        report(c.row.line, {
          kind: "invalid",
          code: "manager-not-found",
          field: "managerEmail",
          message: `The manager ${String(c.row.managerEmail).trim()} is neither in this file nor among existing people`,
        });
        c.valid = false;
        managerOf.set(key, null);
        continue;
      }
      managerOf.set(key, c.managerKey);
    }
    for (const loop of findCycles(managerOf)) {
      const path = [...loop, loop[0]]
        .map((k) => firstLine.get(k as string)?.row.email.trim() ?? k)
        .join(" → ");
      for (const key of loop) {
        const c = firstLine.get(key);
        if (!c) continue;
        report(c.row.line, cycle(`The managers loop back to this person: ${path}`, "managerEmail"));
        c.valid = false;
      }
    }

    // 5. the plan per row
    const planRows: ImportRowPlan[] = [];
    const writes: PlannedWrite[] = [];
    const byKey = new Map<string, PlannedWrite>();
    for (const c of unique) {
      const key = c.key as string;
      const stored = existing.get(key);
      const fields: PlannedFields = {
        name: c.fields.name ?? stored?.name ?? "",
        email: c.fields.email ?? stored?.email ?? c.row.email,
        framework: pick(c.row.framework, c.fields.framework, stored?.framework),
        track: pick(c.row.track, c.fields.track, stored?.track),
        level: pick(c.row.level, c.fields.level, stored?.level),
        role: pick(c.row.role, c.fields.role, stored?.role),
      };
      const write: PlannedWrite = {
        line: c.row.line,
        key,
        id: stored?.id ?? randomUUID(),
        action: "create",
        fields,
        managerKey: managerOf.get(key) ?? null,
        managerId: null,
      };
      byKey.set(key, write);
      writes.push(write);
    }
    for (const write of writes) {
      const managerKey = write.managerKey;
      write.managerId =
        managerKey === null ? null : (byKey.get(managerKey)?.id ?? idOfKey.get(managerKey) ?? null);
      const stored = existing.get(write.key);
      if (stored) {
        const same =
          stored.name === write.fields.name &&
          stored.email === write.fields.email &&
          stored.manager_id === write.managerId &&
          OPTIONAL_FIELDS.every((f) => stored[f] === write.fields[f]);
        write.action = same ? "unchanged" : "update";
      }
      planRows.push({
        line: write.line,
        email: write.fields.email,
        action: write.action,
        ...(stored ? { personId: stored.id } : {}),
      });
    }
    problems.sort((a, b) => a.line - b.line);
    return { rows: planRows, problems, writes, byKey };
  }

  async #exists(db: Executor, id: string): Promise<boolean> {
    const row = await db.selectFrom("people").select("id").where("id", "=", id).executeTakeFirst();
    return row !== undefined;
  }

  async #idByEmailKey(db: Executor, key: string): Promise<string | undefined> {
    const row = await db.selectFrom("people").select("id").where("email_key", "=", key).executeTakeFirst();
    return row?.id;
  }
}

interface PlannedFields {
  name: string;
  email: string;
  framework: string | null;
  track: string | null;
  level: string | null;
  role: string | null;
}

interface PlannedWrite {
  line: number;
  key: string;
  id: string;
  action: ImportRowPlan["action"];
  fields: PlannedFields;
  managerKey: string | null;
  managerId: string | null;
}

interface ImportPlan {
  rows: ImportRowPlan[];
  problems: ImportProblem[];
  writes: PlannedWrite[];
  byKey: Map<string, PlannedWrite>;
}

/** An import field: absent keeps the stored value (null for new people); given (even blank) replaces it. */
function pick(
  raw: unknown,
  checked: string | null | undefined,
  stored: string | null | undefined,
): string | null {
  if (raw === undefined) return stored ?? null;
  return checked ?? null;
}

/**
 * The cycles in a "who manages whom" map (each node has at most one manager), each as the list of nodes on
 * it. Linear: every node is walked once.
 */
export function findCycles(managerOf: ReadonlyMap<string, string | null>): string[][] {
  const state = new Map<string, "walking" | "done">();
  const cycles: string[][] = [];
  for (const start of managerOf.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let node: string | null | undefined = start;
    while (node !== null && node !== undefined && !state.has(node)) {
      state.set(node, "walking");
      path.push(node);
      node = managerOf.get(node);
    }
    if (node !== null && node !== undefined && state.get(node) === "walking") {
      cycles.push(path.slice(path.indexOf(node)));
    }
    for (const visited of path) state.set(visited, "done");
  }
  return cycles;
}

function managerNotFound(): Problem {
  return {
    kind: "invalid",
    code: "manager-not-found",
    field: "managerId",
    message: "The chosen manager does not exist",
  };
}

function cycle(message: string, field = "managerId"): Conflict {
  return { kind: "conflict", code: "manager-cycle", field, message };
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
