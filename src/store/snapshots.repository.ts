import type { Kysely } from "kysely";
import type { FrameworkSnapshot } from "../core/assessment.js";
import { encodeTime } from "./columns.js";
import type { Database, Tables } from "./db.js";
import { type Clock, systemClock } from "./types.js";

/**
 * The framework snapshots assessments are pinned to: one per framework version, kept as it was first saved.
 * All SQL about `framework_snapshots` lives here.
 */
export class SnapshotsRepository {
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
   * Keeps a framework version's snapshot. A version's content never changes, so a snapshot already stored
   * for the same framework and version is left as it is (saving twice, or from two processes, is harmless).
   */
  async save(snapshot: FrameworkSnapshot): Promise<void> {
    if (!snapshot.framework || !snapshot.version) {
      // a program fault: snapshots come from snapshotOf, never from a user
      throw new TypeError("a framework snapshot needs its framework id and version");
    }
    await this.#db
      .insertInto("framework_snapshots")
      .values({
        framework: snapshot.framework,
        version: snapshot.version,
        snapshot: JSON.stringify(snapshot),
        created_at: encodeTime(this.#clock.now()),
      })
      .onConflict((oc) => oc.columns(["framework", "version"]).doNothing())
      .execute();
  }

  /** The snapshot stored for a framework version, as it was saved. */
  async get(framework: string, version: string): Promise<FrameworkSnapshot | undefined> {
    if (typeof framework !== "string" || typeof version !== "string") return undefined;
    const row = await this.#db
      .selectFrom("framework_snapshots")
      .select("snapshot")
      .where("framework", "=", framework)
      .where("version", "=", version)
      .executeTakeFirst();
    return row ? (JSON.parse(row.snapshot) as FrameworkSnapshot) : undefined;
  }

  /** A framework's versions with a stored snapshot, in the order stored (the order the server met them). */
  async versions(framework: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom("framework_snapshots")
      .select("version")
      .where("framework", "=", framework)
      .orderBy("created_at")
      .orderBy("version")
      .execute();
    return rows.map((r) => r.version);
  }
}
