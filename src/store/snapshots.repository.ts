import type { Kysely } from "kysely";
import type { FrameworkSnapshot } from "../core/assessment.js";
import { encodeTime } from "./columns.js";
import type { Database, Tables } from "./db.js";
import { type Clock, systemClock } from "./types.js";

/** A full git commit id: SHA-1, or SHA-256 in repositories that use it. */
export const GIT_COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

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
   * Keeps a framework version's snapshot, with the git commit its files are when known. A version's content
   * never changes, so a snapshot already stored for the same framework and version is left as it is (saving
   * twice, or from two processes, is harmless), except that a commit learnt later is added to one kept
   * without (a version first served with uncommitted files, then committed as they were).
   */
  async save(snapshot: FrameworkSnapshot, commit?: string): Promise<void> {
    if (!snapshot.framework || !snapshot.version) {
      // a program fault: snapshots come from snapshotOf, never from a user
      throw new TypeError("a framework snapshot needs its framework id and version");
    }
    if (commit !== undefined && !GIT_COMMIT.test(commit)) {
      // a program fault too: commits come from git's own output
      throw new TypeError(`not a git commit: ${JSON.stringify(commit.slice(0, 80))}`);
    }
    await this.#db
      .insertInto("framework_snapshots")
      .values({
        framework: snapshot.framework,
        version: snapshot.version,
        snapshot: JSON.stringify(snapshot),
        created_at: encodeTime(this.#clock.now()),
        git_commit: commit ?? null,
      })
      .onConflict((oc) => {
        const same = oc.columns(["framework", "version"]);
        return commit === undefined
          ? same.doNothing()
          : same.doUpdateSet({ git_commit: commit }).where("framework_snapshots.git_commit", "is", null);
      })
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

  /** The git commit a stored framework version's files are, when it was known (see `save`). */
  async commitOf(framework: string, version: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom("framework_snapshots")
      .select("git_commit")
      .where("framework", "=", framework)
      .where("version", "=", version)
      .executeTakeFirst();
    return row?.git_commit ?? undefined;
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
