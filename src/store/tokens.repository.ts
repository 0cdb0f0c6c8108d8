import { decodeTime, encodeTime, isId } from "./columns.js";
import type { Database } from "./db.js";
import { hashSecretToken, newSecretToken } from "./secret-token.js";
import { type Clock, type OneTimeToken, systemClock, type TokenPurpose } from "./types.js";

const PURPOSES: readonly TokenPurpose[] = ["setup", "reset", "oidc-state"];
const TOKEN_MAX = 128;

export interface IssueTokenOptions {
  /** Whom the token is for (a password reset); none for first-run setup or an OIDC state. */
  personId?: string | null;
  /** Opaque data to hand back on consumption (e.g. an OIDC nonce and code verifier). */
  payload?: string | null;
  ttlMs: number;
}

/**
 * Single-use tokens for links and round trips: first-run setup, password reset, OpenID Connect state.
 * The token goes into the link once; only its SHA-256 is stored.
 */
export class TokensRepository {
  readonly #database: Database;
  readonly #clock: Clock;

  constructor(database: Database, clock: Clock = systemClock) {
    this.#database = database;
    this.#clock = clock;
  }

  /** Issues a token valid for `ttlMs` from now and returns it (the only time it is seen). */
  async issue(purpose: TokenPurpose, options: IssueTokenOptions): Promise<string> {
    if (!PURPOSES.includes(purpose)) throw new RangeError(`unknown token purpose ${JSON.stringify(purpose)}`);
    if (!Number.isSafeInteger(options.ttlMs) || options.ttlMs <= 0) {
      throw new RangeError("token ttlMs must be a positive integer");
    }
    const { token, hash } = newSecretToken();
    await this.#database.db
      .insertInto("one_time_tokens")
      .values({
        hash,
        purpose,
        person_id: options.personId ?? null,
        payload: options.payload ?? null,
        expires_at: encodeTime(new Date(this.#clock.now().getTime() + options.ttlMs)),
        used_at: null,
      })
      .execute();
    return token;
  }

  /**
   * Uses a token up: returns it the first time it is presented for its purpose before expiry, and never
   * again. One conditional UPDATE decides, so of two concurrent consumptions exactly one gets it.
   */
  async consume(
    purpose: TokenPurpose,
    token: string,
    now: Date = this.#clock.now(),
  ): Promise<OneTimeToken | undefined> {
    if (typeof token !== "string" || token.length === 0 || token.length > TOKEN_MAX) return undefined;
    const at = encodeTime(now);
    const row = await this.#database.db
      .updateTable("one_time_tokens")
      .set({ used_at: at })
      .where("hash", "=", hashSecretToken(token))
      .where("purpose", "=", purpose)
      .where("used_at", "is", null)
      .where("expires_at", ">", at)
      .returningAll()
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      purpose: row.purpose as TokenPurpose,
      personId: row.person_id,
      payload: row.payload,
      expiresAt: decodeTime(row.expires_at),
      usedAt: decodeTime(row.used_at ?? at),
    };
  }

  /**
   * Whether a token would be accepted by `consume` now, without using it up: the page a link opens (setup,
   * password reset) shows its form or says the link is used or expired; only submitting the form consumes.
   */
  async find(
    purpose: TokenPurpose,
    token: string,
    now: Date = this.#clock.now(),
  ): Promise<{ personId: string | null; payload: string | null; expiresAt: Date } | undefined> {
    if (typeof token !== "string" || token.length === 0 || token.length > TOKEN_MAX) return undefined;
    const at = encodeTime(now);
    const row = await this.#database.db
      .selectFrom("one_time_tokens")
      .select(["person_id", "payload", "expires_at"])
      .where("hash", "=", hashSecretToken(token))
      .where("purpose", "=", purpose)
      .where("used_at", "is", null)
      .where("expires_at", ">", at)
      .executeTakeFirst();
    if (!row) return undefined;
    return { personId: row.person_id, payload: row.payload, expiresAt: decodeTime(row.expires_at) };
  }

  /**
   * Withdraws a person's unused tokens of one purpose (issuing a new reset link voids the older ones).
   * Returns how many.
   */
  async revokeFor(personId: string, purpose: TokenPurpose): Promise<number> {
    if (!isId(personId)) return 0;
    const result = await this.#database.db
      .updateTable("one_time_tokens")
      .set({ used_at: encodeTime(this.#clock.now()) })
      .where("person_id", "=", personId)
      .where("purpose", "=", purpose)
      .where("used_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Deletes used and expired tokens. Returns how many. */
  async prune(now: Date = this.#clock.now()): Promise<number> {
    const at = encodeTime(now);
    const result = await this.#database.db
      .deleteFrom("one_time_tokens")
      .where((eb) => eb.or([eb("used_at", "is not", null), eb("expires_at", "<=", at)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
