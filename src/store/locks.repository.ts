import { encodeTime } from "./columns.js";
import type { Database } from "./db.js";
import { type Clock, systemClock } from "./types.js";

/**
 * Leases for work that only one app process may do at a time (pruning, a scheduled export). A lease
 * expires by itself, so a process that dies holding one blocks the work for at most `ttlMs`.
 */
export class LocksRepository {
  readonly #database: Database;
  readonly #clock: Clock;

  constructor(database: Database, clock: Clock = systemClock) {
    this.#database = database;
    this.#clock = clock;
  }

  /**
   * Takes the lock `name` for `owner` for `ttlMs`, or renews it if `owner` already holds it. False while
   * another owner's lease runs. One statement: the insert, or an update allowed only when the lease has
   * expired or is ours, so two processes can never both get it.
   */
  async tryAcquire(name: string, owner: string, ttlMs: number): Promise<boolean> {
    if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) throw new RangeError("ttlMs must be a positive integer");
    const now = this.#clock.now();
    const row = await this.#database.db
      .insertInto("locks")
      .values({ name, owner, expires_at: encodeTime(new Date(now.getTime() + ttlMs)) })
      .onConflict((oc) =>
        oc
          .column("name")
          .doUpdateSet((eb) => ({
            owner: eb.ref("excluded.owner"),
            expires_at: eb.ref("excluded.expires_at"),
          }))
          .where((eb) =>
            eb.or([eb("locks.expires_at", "<=", encodeTime(now)), eb("locks.owner", "=", owner)]),
          ),
      )
      .returning("owner")
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Gives the lock up if `owner` holds it. True if it did. */
  async release(name: string, owner: string): Promise<boolean> {
    const result = await this.#database.db
      .deleteFrom("locks")
      .where("name", "=", name)
      .where("owner", "=", owner)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Who holds the lock now, if anyone. */
  async holder(name: string): Promise<string | undefined> {
    const row = await this.#database.db
      .selectFrom("locks")
      .select("owner")
      .where("name", "=", name)
      .where("expires_at", ">", encodeTime(this.#clock.now()))
      .executeTakeFirst();
    return row?.owner;
  }
}
