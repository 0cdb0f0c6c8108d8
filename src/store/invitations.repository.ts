import { decodeOptionalTime, decodeTime, encodeBool, encodeTime, isId } from "./columns.js";
import type { Database } from "./db.js";
import { type Clock, systemClock } from "./types.js";

/** The latest invitation of one person: when it went out, until when its link works, and how it was sent. */
export interface Invitation {
  personId: string;
  invitedAt: Date;
  expiresAt: Date;
  delivery: "mail" | "link";
  /** When the person chose their password through it; null while it is open. */
  acceptedAt: Date | null;
}

/** How many people one bulk invitation reaches at most (a page of the admin list). */
export const INVITE_BATCH_MAX = 500;

/**
 * Invitations to set a first password: one row per person, the latest one (inviting again replaces it). The
 * link itself is a one-time token (TokensRepository, purpose "reset"), so this table holds no secret.
 */
export class InvitationsRepository {
  readonly #database: Database;
  readonly #clock: Clock;

  constructor(database: Database, clock: Clock = systemClock) {
    this.#database = database;
    this.#clock = clock;
  }

  /** Records that a person was invited now, with a link valid until `expiresAt`. */
  async record(personId: string, expiresAt: Date, delivery: Invitation["delivery"]): Promise<Invitation> {
    const invitedAt = this.#clock.now();
    const values = {
      invited_at: encodeTime(invitedAt),
      expires_at: encodeTime(expiresAt),
      delivery,
      accepted_at: null,
    };
    await this.#database.db
      .insertInto("invitations")
      .values({ person_id: personId, ...values })
      .onConflict((oc) => oc.column("person_id").doUpdateSet(values))
      .execute();
    return { personId, invitedAt, expiresAt, delivery, acceptedAt: null };
  }

  /** Marks a person's open invitation as accepted (they chose a password through a link). */
  async accept(personId: string): Promise<void> {
    if (!isId(personId)) return;
    await this.#database.db
      .updateTable("invitations")
      .set({ accepted_at: encodeTime(this.#clock.now()) })
      .where("person_id", "=", personId)
      .where("accepted_at", "is", null)
      .execute();
  }

  /** The invitations of these people, by person id (people never invited are absent). */
  async of(personIds: readonly string[]): Promise<Map<string, Invitation>> {
    const ids = personIds.filter(isId);
    const found = new Map<string, Invitation>();
    if (ids.length === 0) return found;
    const rows = await this.#database.db
      .selectFrom("invitations")
      .selectAll()
      .where("person_id", "in", ids)
      .execute();
    for (const row of rows) {
      found.set(row.person_id, {
        personId: row.person_id,
        invitedAt: decodeTime(row.invited_at),
        expiresAt: decodeTime(row.expires_at),
        delivery: row.delivery,
        acceptedAt: decodeOptionalTime(row.accepted_at),
      });
    }
    return found;
  }

  /**
   * Of these people, those who have signed in at least once by any means (a password or single sign-on),
   * as far as the sessions kept tell: a session row is kept until it lapses.
   */
  async signedIn(personIds: readonly string[]): Promise<Set<string>> {
    const ids = personIds.filter(isId);
    if (ids.length === 0) return new Set();
    const rows = await this.#database.db
      .selectFrom("sessions")
      .select("person_id")
      .distinct()
      .where("person_id", "in", ids)
      .execute();
    return new Set(rows.map((r) => r.person_id));
  }

  /**
   * Active people with no password and no open invitation (never invited, or the invitation lapsed), by name:
   * whom "invite everyone without a password" reaches, at most `limit` of them.
   */
  async uninvited(limit = INVITE_BATCH_MAX): Promise<string[]> {
    const now = encodeTime(this.#clock.now());
    const rows = await this.#database.db
      .selectFrom("people")
      .leftJoin("invitations", "invitations.person_id", "people.id")
      .select("people.id")
      .where("people.active", "=", encodeBool(this.#database.dialect, true) as boolean)
      .where("people.password_hash", "is", null)
      .where((eb) =>
        eb.or([
          eb("invitations.person_id", "is", null),
          eb("invitations.accepted_at", "is not", null),
          eb("invitations.expires_at", "<=", now),
        ]),
      )
      .orderBy("people.name_key")
      .orderBy("people.id")
      .limit(Math.max(1, Math.min(limit, INVITE_BATCH_MAX)))
      .execute();
    return rows.map((r) => r.id);
  }
}
