import { type Kysely, type Selectable, sql } from "kysely";
import { decodeOptionalTime, decodeTime, encodeTime, isId } from "./columns.js";
import type { Database, SessionsTable, Tables } from "./db.js";
import { personFromRow } from "./person-row.js";
import { hashSecretToken, newSecretToken } from "./secret-token.js";
import { ORGANIZATION_KEY } from "./settings.repository.js";
import {
  type Clock,
  type Person,
  type Session,
  type SessionMeta,
  type SessionPolicy,
  systemClock,
} from "./types.js";

/**
 * `lookup` writes last_seen_at at most this often: a page view must not cost a write each time. The price
 * is that idle expiry is exact only to within this interval.
 */
export const TOUCH_INTERVAL_MS = 60_000;

const USER_AGENT_MAX = 512;
const IP_MAX = 64;
/** Anything longer than this cannot be one of our tokens (43 characters); spare the hashing. */
const TOKEN_MAX = 128;

type SessionRow = Selectable<SessionsTable>;

function sessionFromRow(row: SessionRow): Session {
  return {
    id: row.id,
    personId: row.person_id,
    createdAt: decodeTime(row.created_at),
    lastSeenAt: decodeTime(row.last_seen_at),
    expiresAt: decodeTime(row.expires_at),
    idleMs: Number(row.idle_ms),
    userAgent: row.user_agent,
    ip: row.ip,
    revokedAt: decodeOptionalTime(row.revoked_at),
  };
}

/** Whether a session still signs its person in at `now`. */
function isLive(session: Session, now: Date): boolean {
  return (
    session.revokedAt === null &&
    now.getTime() < session.expiresAt.getTime() &&
    now.getTime() - session.lastSeenAt.getTime() < session.idleMs
  );
}

/** Header values are attacker-controlled: keep them one line, storable (no NUL) and short. */
function cleanMeta(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const text = [...value.replace(/[\u0000-\u001f\u007f-\u009f]|[\ud800-\udfff]/gu, "").trim()];
  return text.length === 0 ? null : text.slice(0, max).join("");
}

function checkPolicy(policy: SessionPolicy): void {
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new RangeError(`session ${name} must be a positive integer`);
  }
}

/**
 * Sessions in the database, so any app process can serve any request. A session's token is returned once,
 * at creation or rotation; only its SHA-256 (the session id) is stored.
 */
export class SessionsRepository {
  readonly #database: Database;
  readonly #clock: Clock;

  constructor(database: Database, clock: Clock = systemClock) {
    this.#database = database;
    this.#clock = clock;
  }

  get #db(): Kysely<Tables> {
    return this.#database.db;
  }

  /**
   * Starts a session for a person: it lapses after `idleMs` without use and at the latest `absoluteMs` after
   * now. Returns the token for the cookie; it cannot be recovered later.
   */
  async create(
    personId: string,
    meta: SessionMeta,
    policy: SessionPolicy,
  ): Promise<{ token: string; session: Session }> {
    checkPolicy(policy);
    const now = this.#clock.now();
    const { token, hash } = newSecretToken();
    const row = await this.#db
      .insertInto("sessions")
      .values({
        id: hash,
        person_id: personId,
        created_at: encodeTime(now),
        last_seen_at: encodeTime(now),
        expires_at: encodeTime(new Date(now.getTime() + policy.absoluteMs)),
        idle_ms: policy.idleMs,
        user_agent: cleanMeta(meta.userAgent, USER_AGENT_MAX),
        ip: cleanMeta(meta.ip, IP_MAX),
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { token, session: sessionFromRow(row) };
  }

  /**
   * The session and its person for a token, if the session is neither revoked, past its absolute expiry,
   * idle too long, nor belongs to a deactivated person. Records activity (at most once a minute). With them,
   * the organization's name (settings, ORGANIZATION_KEY) for the page header: every signed-in page needs
   * it, and read in the same query it costs no second round trip (nor a second pooled connection).
   */
  async lookup(
    token: string,
    now: Date = this.#clock.now(),
  ): Promise<{ session: Session; person: Person; organization: string | undefined } | undefined> {
    if (typeof token !== "string" || token.length === 0 || token.length > TOKEN_MAX) return undefined;
    const row = await this.#db
      .selectFrom("sessions")
      .innerJoin("people", "people.id", "sessions.person_id")
      .selectAll("people")
      .select([
        "sessions.id as session_id",
        "sessions.person_id as session_person_id",
        "sessions.created_at as session_created_at",
        "sessions.last_seen_at as session_last_seen_at",
        "sessions.expires_at as session_expires_at",
        "sessions.idle_ms as session_idle_ms",
        "sessions.user_agent as session_user_agent",
        "sessions.ip as session_ip",
        "sessions.revoked_at as session_revoked_at",
      ])
      .select((eb) =>
        eb.selectFrom("settings").select("value").where("key", "=", ORGANIZATION_KEY).as("organization"),
      )
      .where("sessions.id", "=", hashSecretToken(token))
      .executeTakeFirst();
    if (!row) return undefined;
    const session = sessionFromRow({
      id: row.session_id,
      person_id: row.session_person_id,
      created_at: row.session_created_at,
      last_seen_at: row.session_last_seen_at,
      expires_at: row.session_expires_at,
      idle_ms: row.session_idle_ms,
      user_agent: row.session_user_agent,
      ip: row.session_ip,
      revoked_at: row.session_revoked_at,
    });
    const person = personFromRow(row);
    if (!isLive(session, now) || !person.active) return undefined;
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.#db
        .updateTable("sessions")
        .set({ last_seen_at: encodeTime(now) })
        .where("id", "=", session.id)
        // never move it backwards when two requests touch at once
        .where("last_seen_at", "<", encodeTime(now))
        .execute();
      session.lastSeenAt = new Date(now.getTime());
    }
    return { session, person, organization: row.organization ?? undefined };
  }

  /**
   * Replaces a live session by a new one (new token) for the same person and revokes the old, e.g. when
   * privileges change, so a token seen before cannot be used after. The absolute expiry carries over:
   * rotating must not extend a session's life. Undefined when the old token is not live (or was just
   * rotated by a concurrent request).
   */
  async rotate(
    oldToken: string,
    meta?: SessionMeta,
    now: Date = this.#clock.now(),
  ): Promise<{ token: string; session: Session } | undefined> {
    if (typeof oldToken !== "string" || oldToken.length === 0 || oldToken.length > TOKEN_MAX)
      return undefined;
    return this.#db.transaction().execute(async (trx) => {
      // claiming the old session by revoking it is what makes a concurrent second rotate get nothing
      const old = await trx
        .updateTable("sessions")
        .set({ revoked_at: encodeTime(now) })
        .where("id", "=", hashSecretToken(oldToken))
        .where("revoked_at", "is", null)
        .where("expires_at", ">", encodeTime(now))
        .returningAll()
        .executeTakeFirst();
      if (!old) return undefined;
      const previous = { ...sessionFromRow(old), revokedAt: null };
      if (!isLive(previous, now)) return undefined;
      const person = await trx
        .selectFrom("people")
        .select("active")
        .where("id", "=", previous.personId)
        .executeTakeFirst();
      if (!person || !(person.active === true || person.active === 1)) return undefined;
      const { token, hash } = newSecretToken();
      const row = await trx
        .insertInto("sessions")
        .values({
          id: hash,
          person_id: previous.personId,
          created_at: encodeTime(now),
          last_seen_at: encodeTime(now),
          expires_at: encodeTime(previous.expiresAt),
          idle_ms: previous.idleMs,
          user_agent: meta ? cleanMeta(meta.userAgent, USER_AGENT_MAX) : previous.userAgent,
          ip: meta ? cleanMeta(meta.ip, IP_MAX) : previous.ip,
          revoked_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { token, session: sessionFromRow(row) };
    });
  }

  /**
   * Revokes one session by id (sign out, or "revoke" in the sessions list). With `personId`, only if it is
   * theirs, so a person's request can never revoke someone else's session. True if it was live.
   */
  async revoke(id: string, personId?: string): Promise<boolean> {
    if (personId !== undefined && !isId(personId)) return false;
    let query = this.#db
      .updateTable("sessions")
      .set({ revoked_at: encodeTime(this.#clock.now()) })
      .where("id", "=", id)
      .where("revoked_at", "is", null);
    if (personId !== undefined) query = query.where("person_id", "=", personId);
    const result = await query.executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Signs a person out everywhere (except, optionally, the session making the request). Returns how many. */
  async revokeAllFor(personId: string, exceptId?: string): Promise<number> {
    if (!isId(personId)) return 0;
    let query = this.#db
      .updateTable("sessions")
      .set({ revoked_at: encodeTime(this.#clock.now()) })
      .where("person_id", "=", personId)
      .where("revoked_at", "is", null);
    if (exceptId !== undefined) query = query.where("id", "<>", exceptId);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** A person's live sessions, most recently used first. */
  async listFor(personId: string, now: Date = this.#clock.now()): Promise<Session[]> {
    if (!isId(personId)) return [];
    const rows = await this.#db
      .selectFrom("sessions")
      .selectAll()
      .where("person_id", "=", personId)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", encodeTime(now))
      .orderBy("last_seen_at", "desc")
      .orderBy("id")
      .execute();
    return rows.map(sessionFromRow).filter((s) => isLive(s, now));
  }

  /** Deletes sessions that can no longer sign anyone in (revoked, expired or idle). Returns how many. */
  async prune(now: Date = this.#clock.now()): Promise<number> {
    const at = encodeTime(now);
    const idle =
      this.#database.dialect === "postgres"
        ? sql<boolean>`last_seen_at + idle_ms * interval '1 millisecond' <= ${at}::timestamptz`
        : sql<boolean>`(julianday(${at}) - julianday(last_seen_at)) * 86400000.0 >= idle_ms`;
    const result = await this.#db
      .deleteFrom("sessions")
      .where((eb) => eb.or([eb("revoked_at", "is not", null), eb("expires_at", "<=", at), idle]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
