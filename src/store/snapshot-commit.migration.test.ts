/**
 * The git commit of a framework version (0012_snapshot_commit): snapshots kept before it have none, and keep
 * their content; saving the version again with its commit adds it.
 */
import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { rawNow } from "../../test/support/raw-rows.js";
import type { FrameworkSnapshot } from "../core/assessment.js";
import { migrate } from "./migrations.js";
import { createStore } from "./store.js";

const KEPT: FrameworkSnapshot = {
  framework: "eng",
  version: "v1",
  name: "Engineering",
  levels: [{ id: "l1", name: "L1", rank: 0, track: "ic", next: [] }],
  competencies: [
    { id: "craft", name: "Craft", area: "a", areaName: "A", expectations: { l1: "Writes code." } },
  ],
};

describeEachDatabase("migration 0012_snapshot_commit", (ctx) => {
  it("leaves every snapshot kept before it without a commit, until its version is saved with one", async () => {
    const database = await ctx.createDatabase(ctx.dialect, { migrate: false });
    await migrate(database, { to: "0011_team_records" });
    await database.db
      .insertInto("framework_snapshots" as never)
      .values({
        framework: "eng",
        version: "v1",
        snapshot: JSON.stringify(KEPT),
        created_at: rawNow(database),
      } as never)
      .execute();

    expect(await migrate(database, { to: "0012_snapshot_commit" })).toEqual(["0012_snapshot_commit"]);
    await migrate(database);
    const snapshots = createStore(database).snapshots;
    expect(await snapshots.commitOf("eng", "v1")).toBeUndefined();
    expect(await snapshots.get("eng", "v1")).toEqual(KEPT);

    const commit = "a".repeat(40);
    await snapshots.save(KEPT, commit);
    expect(await snapshots.commitOf("eng", "v1")).toBe(commit);
    expect(await snapshots.versions("eng")).toEqual(["v1"]);
  });
});
