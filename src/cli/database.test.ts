import type { KyselyPlugin } from "kysely";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import type { Database } from "../store/db.js";
import { MIGRATION_NAMES } from "../store/migration-names.js";
import { appliedMigrations, migrate } from "../store/migrations.js";
import { migrateIfBehind } from "./database.js";

/** The database as it is, with a count of the statements sent to it through `db`. */
function counting(database: Database): { database: Database; statements: () => number } {
  let count = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      count += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { database: { ...database, db: database.db.withPlugin(plugin) }, statements: () => count };
}

describeEachDatabase("migrateIfBehind", (ctx) => {
  it("answers a current database with one query, without the migrator", async () => {
    const current = counting(await ctx.createDatabase(ctx.dialect));
    expect(await migrateIfBehind(current.database)).toEqual([]);
    // the migrator alone makes and locks its tables (several statements) before it reads what ran
    expect(current.statements()).toBe(1);
  });

  it("migrates a new database and one that is behind", async () => {
    const fresh = await ctx.createDatabase(ctx.dialect, { migrate: false });
    expect(await migrateIfBehind(fresh)).toEqual(MIGRATION_NAMES);
    const behind = await ctx.createDatabase(ctx.dialect, { migrate: false });
    await migrate(behind, { to: "0012_snapshot_commit" });
    expect(await migrateIfBehind(behind)).toEqual([
      "0013_team_sums",
      "0014_team_ready",
      "0015_criteria_shown",
      "0016_api_tokens",
    ]);
    expect(await appliedMigrations(behind)).toEqual(MIGRATION_NAMES);
  });

  it("still refuses a database migrated by a newer version", async () => {
    const newer = await ctx.createDatabase(ctx.dialect);
    await newer.db
      .insertInto("kysely_migration" as never)
      .values({ name: "9999_from_the_future", timestamp: new Date().toISOString() } as never)
      .execute();
    await expect(migrateIfBehind(newer)).rejects.toThrow(/9999_from_the_future/);
  });
});
