import { randomUUID } from "node:crypto";
import { decodeOptionalTime, decodeTime, encodeTime } from "./columns.js";
import type { Database } from "./db.js";
import { personFromRow } from "./person-row.js";
import { hashSecretToken, newSecretToken } from "./secret-token.js";
import { TOUCH_INTERVAL_MS } from "./sessions.repository.js";
import { ORGANIZATION_KEY } from "./settings.repository.js";
import { type Clock, type Person, systemClock } from "./types.js";

/**
 * Personal API tokens, for scripts: each acts as the person who holds it, with exactly what the privacy
 * policy lets that person see and do (web/auth/policy.ts), on /api/ only. Only the SHA-256 of the secret is
 * stored (secret-token.ts): the secret is shown once, when the token is made. A token stops working when
 * it is revoked (its row is deleted), when its person is deactivated or deleted.
 */

/** What a token's secret starts with, so a leaked one is recognisable in logs and by secret scanners. */
export const API_TOKEN_PREFIX = "rungs_";
/** The longest name a token may have, and how many one person may hold. */
export const API_TOKEN_NAME_MAX = 100;
export const API_TOKENS_PER_PERSON = 20;
/** Longer than this cannot be one of our secrets (6 + 43 characters): spare the hashing. */
const SECRET_MAX = 128;

export interface ApiToken {
  id: string;
  personId: string;
  /** The holder's email, for lists of everyone's tokens. */
  email: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type ApiTokenCreated = { ok: true; secret: string; token: ApiToken } | { ok: false; problem: string };

/** A token's name as given: one line of text, not blank, bounded. */
export function apiTokenNameProblem(name: string): string | undefined {
  if (name.trim() === "") return "a token needs a name (what the script is for)";
  if ([...name].length > API_TOKEN_NAME_MAX)
    return `a token's name is at most ${API_TOKEN_NAME_MAX} characters`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a name is one line of visible text
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name))
    return "a token's name must be one line without control characters";
  return undefined;
}

export class ApiTokensRepository {
  readonly #db: Database["db"];
  readonly #clock: Clock;

  constructor(database: Database, clock: Clock = systemClock) {
    this.#db = database.db;
    this.#clock = clock;
  }

  /** A new token for `personId`; its secret is in the answer and nowhere else. */
  async create(personId: string, name: string): Promise<ApiTokenCreated> {
    const problem = apiTokenNameProblem(name);
    if (problem) return { ok: false, problem };
    const held = await this.#db
      .selectFrom("api_tokens")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("person_id", "=", personId)
      .executeTakeFirstOrThrow();
    if (Number(held.n) >= API_TOKENS_PER_PERSON)
      return {
        ok: false,
        problem: `a person holds at most ${API_TOKENS_PER_PERSON} tokens: revoke one first`,
      };
    const { token, hash } = newSecretToken();
    const now = this.#clock.now();
    const row = {
      id: randomUUID(),
      hash,
      person_id: personId,
      name: name.trim(),
      created_at: encodeTime(now),
    };
    await this.#db.insertInto("api_tokens").values(row).execute();
    const listed = (await this.list({ id: row.id }))[0] as ApiToken;
    return { ok: true, secret: `${API_TOKEN_PREFIX}${token}`, token: listed };
  }

  /** Tokens, newest first: one person's, one by id, or everyone's. */
  async list(filter: { personId?: string; id?: string } = {}): Promise<ApiToken[]> {
    let query = this.#db
      .selectFrom("api_tokens")
      .innerJoin("people", "people.id", "api_tokens.person_id")
      .select([
        "api_tokens.id",
        "api_tokens.person_id",
        "people.email",
        "api_tokens.name",
        "api_tokens.created_at",
        "api_tokens.last_used_at",
      ]);
    if (filter.personId !== undefined) query = query.where("api_tokens.person_id", "=", filter.personId);
    if (filter.id !== undefined) query = query.where("api_tokens.id", "=", filter.id);
    const rows = await query.orderBy("api_tokens.created_at", "desc").orderBy("api_tokens.id").execute();
    return rows.map((row) => ({
      id: row.id,
      personId: row.person_id,
      email: row.email,
      name: row.name,
      createdAt: decodeTime(row.created_at),
      lastUsedAt: decodeOptionalTime(row.last_used_at),
    }));
  }

  /** Revokes a token (of `personId` only, when given); whether there was one to revoke. */
  async revoke(id: string, personId?: string): Promise<boolean> {
    let query = this.#db.deleteFrom("api_tokens").where("id", "=", id);
    if (personId !== undefined) query = query.where("person_id", "=", personId);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * The token's person (active only) and the organization's name, for a secret as sent; records its use
   * at most once a minute, as a session's is.
   */
  async lookup(
    secret: string,
  ): Promise<{ token: Pick<ApiToken, "id" | "name">; person: Person; organization?: string } | undefined> {
    if (secret.length > SECRET_MAX || !secret.startsWith(API_TOKEN_PREFIX)) return undefined;
    const row = await this.#db
      .selectFrom("api_tokens")
      .innerJoin("people", "people.id", "api_tokens.person_id")
      .selectAll("people")
      .select(["api_tokens.id as token_id", "api_tokens.name as token_name", "api_tokens.last_used_at"])
      .select((eb) =>
        eb.selectFrom("settings").select("value").where("key", "=", ORGANIZATION_KEY).as("organization"),
      )
      .where("api_tokens.hash", "=", hashSecretToken(secret.slice(API_TOKEN_PREFIX.length)))
      .executeTakeFirst();
    if (!row) return undefined;
    const person = personFromRow(row);
    if (!person.active) return undefined;
    const now = this.#clock.now();
    const last = decodeOptionalTime(row.last_used_at);
    if (!last || now.getTime() - last.getTime() >= TOUCH_INTERVAL_MS)
      await this.#db
        .updateTable("api_tokens")
        .set({ last_used_at: encodeTime(now) })
        .where("id", "=", row.token_id)
        .execute();
    const token = { id: row.token_id, name: row.token_name };
    return { token, person, ...(row.organization ? { organization: row.organization } : {}) };
  }
}
