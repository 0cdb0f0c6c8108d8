import { randomUUID } from "node:crypto";
import { type Insertable, type Kysely, sql, type Transaction, type Updateable } from "kysely";
import { decodeCount, encodeBool, encodeTime, isId, isUniqueViolation } from "./columns.js";
import type { Database, PeopleTable, Tables } from "./db.js";
import { type ListPeopleOptions, listPeople, type PeoplePage } from "./people-list.js";
import { checkNewPerson, checkPersonChanges, emailKey, nameKey } from "./person-input.js";
import { personFromRow } from "./person-row.js";
import { ORG_TREE_LOCK, refreshTeamSums } from "./team-sums.js";
import {
  type Clock,
  type Conflict,
  type NewPerson,
  type Outcome,
  type PeopleWrites,
  type Person,
  type PersonChanges,
  type Problem,
  type StoredPeople,
  type SubtreeEntry,
  systemClock,
} from "./types.js";

type Executor = Kysely<Tables> | Transaction<Tables>;

/**
 * Walks of the org tree stop this deep. Cycles are refused on every write, so this never binds on a
 * healthy tree; it keeps a tree corrupted by hand (a manual UPDATE) from looping a recursive query forever.
 */
const MAX_TREE_DEPTH = 10_000;

/** People's columns the sums per subtree count by (team-sums.ts): a change to one recomputes them. */
const SUMMED = ["manager_id", "framework", "level", "active"] as const;

/** Rows written per INSERT: far below SQLite's 32,766 bound variables, and few round trips on PostgreSQL. */
const INSERT_CHUNK = 500;

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

  /**
   * Holds the org-tree lock until the transaction ends (ORG_TREE_LOCK, PostgreSQL: held by every change to
   * who manages whom, so two concurrent changes cannot each pass the cycle check and together make a cycle;
   * SQLite's write transactions already run one at a time).
   */
  async #lockTree(trx: Transaction<Tables>): Promise<void> {
    if (this.#database.dialect === "postgres") {
      await sql`select pg_advisory_xact_lock(${ORG_TREE_LOCK}::bigint)`.execute(trx);
    }
  }

  /** Adds a person. An email already in use (ignoring case) is an `email-taken` conflict. */
  async create(input: NewPerson): Promise<Outcome<Person>> {
    const checked = checkNewPerson(input);
    const problems = [...checked.problems];
    const managerId = input.managerId ?? null;
    if (managerId !== null && !(isId(managerId) && (await this.#exists(this.#db, managerId)))) {
      problems.push(managerNotFound());
    }
    if (checked.value === undefined || problems.length > 0) return fail(...problems);
    const { name, email, optional } = checked.value;

    const key = emailKey(email);
    if (await this.#idByEmailKey(this.#db, key)) return fail(emailTaken(email));
    const now = encodeTime(this.#clock.now());
    const row: Insertable<PeopleTable> = {
      id: randomUUID(),
      name,
      name_key: nameKey(name),
      email,
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
      const stored = await this.#db.transaction().execute(async (trx) => {
        const inserted = await trx.insertInto("people").values(row).returningAll().executeTakeFirstOrThrow();
        await refreshTeamSums(trx, this.#database.dialect, [inserted.id]);
        return inserted;
      });
      return { ok: true, value: personFromRow(stored) };
    } catch (error) {
      // someone took the email between the check and the insert
      if (isUniqueViolation(error)) return fail(emailTaken(email));
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
  byEmails(emails: readonly string[]): Promise<Map<string, Person>> {
    return this.#byColumn(this.#db, "email_key", [...new Set(emails.map(emailKey))]);
  }

  /** The people with these ids (unknown ids are left out), by id; a query per 500. */
  byIds(ids: readonly string[]): Promise<Map<string, Person>> {
    return this.#byColumn(this.#db, "id", [...new Set(ids.filter(isId))]);
  }

  async #byColumn(
    db: Executor,
    column: "id" | "email_key",
    keys: readonly string[],
  ): Promise<Map<string, Person>> {
    const found = new Map<string, Person>();
    for (let i = 0; i < keys.length; i += INSERT_CHUNK) {
      const rows = await db
        .selectFrom("people")
        .selectAll()
        .where(column, "in", keys.slice(i, i + INSERT_CHUNK))
        .execute();
      for (const row of rows) found.set(row[column], personFromRow(row));
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
    const checked = checkPersonChanges(changes);
    if (checked.problems.length > 0) return fail(...checked.problems);
    const { name, email: newEmail, admin, ...optional } = checked.value;
    const set: Updateable<PeopleTable> = { ...optional };
    if (name !== undefined) Object.assign(set, { name, name_key: nameKey(name) });
    if (newEmail !== undefined) Object.assign(set, { email: newEmail, email_key: emailKey(newEmail) });
    if (admin !== undefined) set.admin = this.#bool(admin);
    if (!isId(id)) return fail(notFound());

    if (newEmail !== undefined) {
      const holder = await this.#idByEmailKey(this.#db, emailKey(newEmail));
      if (holder !== undefined && holder !== id) return fail(emailTaken(newEmail));
    }
    try {
      return await this.#db
        .transaction()
        .execute((trx) => this.#updateVersioned(trx, id, expectedVersion, set));
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
    return this.#db
      .transaction()
      .execute((trx) => this.#updateVersioned(trx, id, expectedVersion, { active: this.#bool(active) }));
  }

  /**
   * UPDATE … WHERE version = expected, bumping the version; tells not-found from stale when nothing matched.
   * A change to what the sums per subtree count recomputes them (in `trx`, a transaction), up from the
   * person and, when they moved, from their former manager.
   */
  async #updateVersioned(
    trx: Transaction<Tables>,
    id: string,
    expectedVersion: number | undefined,
    set: Updateable<PeopleTable>,
    formerManager: string | null = null,
  ): Promise<Outcome<Person>> {
    let query = trx
      .updateTable("people")
      .set({ ...set, version: sql`version + 1`, updated_at: encodeTime(this.#clock.now()) })
      .where("id", "=", id);
    if (expectedVersion !== undefined) query = query.where("version", "=", expectedVersion);
    const row = await query.returningAll().executeTakeFirst();
    if (row && SUMMED.some((column) => column in set))
      await refreshTeamSums(trx, this.#database.dialect, [id, formerManager]);
    if (row) return { ok: true, value: personFromRow(row) };
    return fail((await this.#exists(trx, id)) ? stale() : notFound());
  }

  /** A page of people ordered by name (then id), optionally filtered by text and active state. */
  list(options: ListPeopleOptions = {}): Promise<PeoplePage> {
    return listPeople(this.#database, options);
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
      const former = await trx
        .selectFrom("people")
        .select("manager_id")
        .where("id", "=", id)
        .executeTakeFirst();
      return this.#updateVersioned(trx, id, expectedVersion, { manager_id: managerId }, former?.manager_id);
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
   * What an import plan needs of the stored people: the whole org tree (id, email key, manager) to find
   * cycles, and the full records of the people with these email keys. Two queries plus one per 500 keys.
   */
  readForImport(emailKeys: readonly string[]): Promise<StoredPeople> {
    return this.#readForImport(this.#db, emailKeys);
  }

  async #readForImport(db: Executor, emailKeys: readonly string[]): Promise<StoredPeople> {
    const rows = await db
      .selectFrom("people")
      .select(["id", "email_key", "manager_id", "admin", "active"])
      .execute();
    const yes = (flag: unknown) => flag === true || flag === 1;
    const tree = rows.map((row) => ({
      id: row.id,
      emailKey: row.email_key,
      managerId: row.manager_id,
      active: yes(row.active),
    }));
    const activeAdmins = rows.filter((row) => yes(row.admin) && yes(row.active)).length;
    const known = new Set(tree.map((entry) => entry.emailKey));
    // only keys that are stored: an import of new people reads no full records at all
    const keys = [...new Set(emailKeys)].filter((key) => known.has(key));
    return { tree, byKey: await this.#byColumn(db, "email_key", keys), activeAdmins };
  }

  /**
   * Writes a planned import all or nothing. Inside one transaction under the org-tree lock, reads what
   * `readForImport(emailKeys)` reads and hands it to `plan`, which decides against that (so nobody can
   * change the tree between the check and the write) and returns the writes, or none to write nothing.
   * Creates are inserted in the order given, so a plan lists every new manager before their reports.
   */
  async writeImport<T>(
    emailKeys: readonly string[],
    plan: (stored: StoredPeople) => { writes?: PeopleWrites; result: T },
  ): Promise<T> {
    try {
      return await this.#writeImportOnce(emailKeys, plan);
    } catch (error) {
      // A person created concurrently with the same email beat the plan to the insert. Planning again sees
      // them and turns that row into an update, so one retry settles it.
      if (isUniqueViolation(error)) return this.#writeImportOnce(emailKeys, plan);
      throw error;
    }
  }

  async #writeImportOnce<T>(
    emailKeys: readonly string[],
    plan: (stored: StoredPeople) => { writes?: PeopleWrites; result: T },
  ): Promise<T> {
    return this.#db.transaction().execute(async (trx) => {
      await this.#lockTree(trx);
      const decided = plan(await this.#readForImport(trx, emailKeys));
      if (decided.writes) {
        await this.#applyWrites(trx, decided.writes);
        // an import may move, add and change people anywhere in the tree: the sums per subtree anew
        await refreshTeamSums(trx, this.#database.dialect, "everyone");
      }
      return decided.result;
    });
  }

  async #applyWrites(trx: Transaction<Tables>, writes: PeopleWrites): Promise<void> {
    const now = encodeTime(this.#clock.now());
    const inserts: Insertable<PeopleTable>[] = writes.creates.map((w) => ({
      id: w.id,
      name: w.name,
      name_key: nameKey(w.name),
      email: w.email,
      email_key: emailKey(w.email),
      manager_id: w.managerId,
      framework: w.framework,
      track: w.track,
      level: w.level,
      role: w.role,
      active: this.#bool(w.active),
      admin: this.#bool(false),
      password_hash: null,
      version: 1,
      created_at: now,
      updated_at: now,
    }));
    // chunks keep the plan's order, so a chunk never references a manager from a later chunk
    for (let i = 0; i < inserts.length; i += INSERT_CHUNK) {
      await trx
        .insertInto("people")
        .values(inserts.slice(i, i + INSERT_CHUNK))
        .execute();
    }
    for (const w of writes.updates) {
      await trx
        .updateTable("people")
        .set({
          name: w.name,
          name_key: nameKey(w.name),
          email: w.email,
          manager_id: w.managerId,
          framework: w.framework,
          track: w.track,
          level: w.level,
          role: w.role,
          active: this.#bool(w.active),
          version: sql`version + 1`,
          updated_at: now,
        })
        .where("id", "=", w.id)
        .execute();
    }
    // people the file marks as left are signed out at once, as deactivating them on the admin page does
    const left = writes.updates.filter((w) => !w.active).map((w) => w.id);
    for (let i = 0; i < left.length; i += INSERT_CHUNK) {
      await trx
        .updateTable("sessions")
        .set({ revoked_at: now })
        .where("person_id", "in", left.slice(i, i + INSERT_CHUNK))
        .where("revoked_at", "is", null)
        .execute();
    }
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

function managerNotFound(): Problem {
  return {
    kind: "invalid",
    code: "manager-not-found",
    field: "managerId",
    message: "The chosen manager does not exist",
  };
}

function cycle(message: string): Conflict {
  return { kind: "conflict", code: "manager-cycle", field: "managerId", message };
}
