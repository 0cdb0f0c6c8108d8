import type { Database } from "./db.js";
import { TEXT_LIMITS, textLength } from "./text-limits.js";
import type { Outcome } from "./types.js";

/** The organization's name, shown in the header of signed-in pages and in data exports. */
export const ORGANIZATION_KEY = "organization.name";

/**
 * What colleagues see of one another in the directory beyond the name: a comma-separated subset of
 * `role,level,manager` (absent: role and level). Decided in the policy (web/auth/policy.ts `directoryView`).
 */
export const DIRECTORY_KEY = "directory.visible";

/** Instance settings an admin edits (key → text), shared by every app process. */
export class SettingsRepository {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  async get(key: string): Promise<string | undefined> {
    const row = await this.#database.db
      .selectFrom("settings")
      .select("value")
      .where("key", "=", key)
      .executeTakeFirst();
    return row?.value;
  }

  /** All settings, ordered by key. */
  async all(): Promise<Record<string, string>> {
    const rows = await this.#database.db.selectFrom("settings").selectAll().execute();
    rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  /** Stores a value; refuses (as a value) what cannot be stored alike on both databases. */
  async set(key: string, value: string): Promise<Outcome<string>> {
    const { settingKey, settingValue } = TEXT_LIMITS;
    if (
      key.length === 0 ||
      textLength(key, settingKey) > settingKey ||
      textLength(value, settingValue) > settingValue ||
      value.includes("\u0000")
    ) {
      return {
        ok: false,
        problems: [
          {
            kind: "invalid",
            code: "invalid-text",
            field: key,
            message: `A setting needs a key of 1–${settingKey} characters and a value of at most ${settingValue} characters without NUL`,
          },
        ],
      };
    }
    await this.#database.db
      .insertInto("settings")
      .values({ key, value })
      .onConflict((oc) => oc.column("key").doUpdateSet((eb) => ({ value: eb.ref("excluded.value") })))
      .execute();
    return { ok: true, value };
  }

  async delete(key: string): Promise<boolean> {
    const result = await this.#database.db.deleteFrom("settings").where("key", "=", key).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
