import { sql } from "kysely";
import { encodeTime } from "./columns.js";
import type { Database } from "./db.js";
import { type Clock, type RateLimitDecision, systemClock } from "./types.js";

/**
 * Fixed-window counters in the database, so every app process counts against the same limit (sign-in per
 * account and per address). Fixed windows can let up to twice the limit through around a window boundary;
 * that is accepted for the simplicity of one atomic statement per hit.
 */
export class RateLimitsRepository {
  readonly #database: Database;
  readonly #clock: Clock;

  constructor(database: Database, clock: Clock = systemClock) {
    this.#database = database;
    this.#clock = clock;
  }

  /**
   * Counts one hit for `key` in the current window of `windowMs` and says whether it is within `limit`.
   * The count is incremented and read in a single INSERT … ON CONFLICT DO UPDATE … RETURNING, so
   * concurrent hits from any number of processes are all counted.
   */
  async hit(
    key: string,
    limit: number,
    windowMs: number,
    now: Date = this.#clock.now(),
  ): Promise<RateLimitDecision> {
    if (!Number.isSafeInteger(windowMs) || windowMs <= 0)
      throw new RangeError("windowMs must be a positive integer");
    if (!Number.isSafeInteger(limit) || limit < 0)
      throw new RangeError("limit must be a non-negative integer");
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    const end = start + windowMs;
    const row = await this.#database.db
      .insertInto("rate_limits")
      .values({
        key,
        window_start: encodeTime(new Date(start)),
        count: 1,
        expires_at: encodeTime(new Date(end)),
      })
      .onConflict((oc) =>
        oc.columns(["key", "window_start"]).doUpdateSet({ count: sql`${sql.ref("rate_limits.count")} + 1` }),
      )
      .returning("count")
      .executeTakeFirstOrThrow();
    const count = Number(row.count);
    const allowed = count <= limit;
    return {
      allowed,
      remaining: Math.max(0, limit - count),
      retryAfterMs: allowed ? 0 : end - now.getTime(),
    };
  }

  /** Forgets a key's counts (e.g. an account's failed sign-ins once it signs in). */
  async clear(key: string): Promise<void> {
    await this.#database.db.deleteFrom("rate_limits").where("key", "=", key).execute();
  }

  /** Deletes windows that have ended. Returns how many. */
  async prune(now: Date = this.#clock.now()): Promise<number> {
    const result = await this.#database.db
      .deleteFrom("rate_limits")
      .where("expires_at", "<=", encodeTime(now))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
