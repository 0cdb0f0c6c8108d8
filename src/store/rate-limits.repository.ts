import { sql } from "kysely";
import { decodeTime, encodeTime } from "./columns.js";
import type { Database } from "./db.js";
import { type Clock, type RateLimitDecision, systemClock } from "./types.js";

/**
 * A run of attempts (see `attempt`) is one row per key, not one per window: its `window_start` is this
 * fixed value, and its `expires_at` moves forward with every attempt, so pruning forgets a run once it has
 * been quiet long enough.
 */
const RUN = encodeTime(new Date(0));
/** How often `attempt` re-reads a row that another process changed under it before it gives up. */
const ATTEMPT_TRIES = 5;

/** What `attempt` decided, and how many attempts the run holds counting this one (if it was let through). */
export interface AttemptDecision extends RateLimitDecision {
  attempts: number;
}

/**
 * Counters in the database, so every app process counts against the same limits: fixed windows (sign-in per
 * address and per account) and runs with growing waits (sign-in per account and client). Fixed windows can
 * let up to twice the limit through around a window boundary; that is accepted for the simplicity of one
 * atomic statement per hit.
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

  /** Whether `key` is still within `limit` in the current window, like `hit` but without counting one. */
  async peek(
    key: string,
    limit: number,
    windowMs: number,
    now: Date = this.#clock.now(),
  ): Promise<RateLimitDecision> {
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    const row = await this.#database.db
      .selectFrom("rate_limits")
      .select("count")
      .where("key", "=", key)
      .where("window_start", "=", encodeTime(new Date(start)))
      .executeTakeFirst();
    const count = row ? Number(row.count) : 0;
    const allowed = count < limit;
    return {
      allowed,
      remaining: Math.max(0, limit - count),
      retryAfterMs: allowed ? 0 : start + windowMs - now.getTime(),
    };
  }

  /**
   * Lets one attempt of a run through if the wait its earlier attempts earned has passed: with `n` attempts
   * in the run, the next may come `waitAfter(n)` ms after the last one. A let-through attempt is counted at
   * once (before the caller learns how it went, so parallel attempts cannot all slip through one gap: of
   * several that read the same state, the conditional update lets one win). The run is forgotten
   * `forgetAfterMs` after its last attempt, or by `clear`.
   */
  async attempt(
    key: string,
    waitAfter: (attempts: number) => number,
    forgetAfterMs: number,
    now: Date = this.#clock.now(),
  ): Promise<AttemptDecision> {
    if (!Number.isSafeInteger(forgetAfterMs) || forgetAfterMs <= 0)
      throw new RangeError("forgetAfterMs must be a positive integer");
    const { db } = this.#database;
    let attempts = 0;
    for (let tries = 0; tries < ATTEMPT_TRIES; tries++) {
      const row = await db
        .selectFrom("rate_limits")
        .select(["count", "expires_at"])
        .where("key", "=", key)
        .where("window_start", "=", RUN)
        .executeTakeFirst();
      const expiresAt = row ? decodeTime(row.expires_at).getTime() : 0;
      attempts = row && expiresAt > now.getTime() ? Number(row.count) : 0;
      if (attempts > 0) {
        const wait = expiresAt - forgetAfterMs + waitAfter(attempts) - now.getTime();
        if (wait > 0) return { allowed: false, remaining: 0, retryAfterMs: wait, attempts };
      }
      const next = { count: attempts + 1, expires_at: encodeTime(new Date(now.getTime() + forgetAfterMs)) };
      const changed = row
        ? (
            await db
              .updateTable("rate_limits")
              .set(next)
              .where("key", "=", key)
              .where("window_start", "=", RUN)
              .where("count", "=", row.count)
              .where("expires_at", "=", row.expires_at)
              .executeTakeFirst()
          ).numUpdatedRows
        : (
            await db
              .insertInto("rate_limits")
              .values({ key, window_start: RUN, ...next })
              .onConflict((oc) => oc.columns(["key", "window_start"]).doNothing())
              .executeTakeFirst()
          ).numInsertedOrUpdatedRows;
      if (Number(changed ?? 0) === 1) {
        return { allowed: true, remaining: 0, retryAfterMs: 0, attempts: attempts + 1 };
      }
    }
    // others keep changing this very run: they are the ones hammering it, so this attempt waits too
    return { allowed: false, remaining: 0, retryAfterMs: Math.max(1_000, waitAfter(attempts + 1)), attempts };
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
