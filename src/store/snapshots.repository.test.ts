/**
 * Framework snapshots with the git commit of their version: kept as first saved, a commit learnt later added,
 * never replaced; through a backup and its restore; a backup with a malformed commit refused where it is.
 */
import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import type { FrameworkSnapshot } from "../core/assessment.js";
import { exportAll, restoreAll } from "./backup.js";
import { createStore } from "./store.js";

const snapshot = (version: string, name = "Engineering"): FrameworkSnapshot => ({
  framework: "eng",
  version,
  name,
  levels: [{ id: "l1", name: "L1", rank: 0, track: "ic", next: [] }],
  competencies: [
    { id: "craft", name: "Craft", area: "a", areaName: "A", expectations: { l1: "Writes code." } },
  ],
});
const FIRST = "0123456789abcdef0123456789abcdef01234567";
const SECOND = "89abcdef0123456789abcdef0123456789abcdef";
// repositories made with --object-format=sha256 name commits with 64 hex digits
const SHA256 = "f".repeat(64);

describeEachDatabase("snapshots repository", (ctx) => {
  it("keeps a version's commit, adds one learnt later, and never replaces it", async () => {
    const { snapshots } = createStore(ctx.database, { clock: manualClock() });
    await snapshots.save(snapshot("v1"), FIRST);
    await snapshots.save(snapshot("v2"));
    await snapshots.save(snapshot("v3"), SHA256);
    expect(await snapshots.commitOf("eng", "v1")).toBe(FIRST);
    expect(await snapshots.commitOf("eng", "v2")).toBeUndefined();
    expect(await snapshots.commitOf("eng", "v3")).toBe(SHA256);
    expect(await snapshots.commitOf("eng", "v9")).toBeUndefined();
    // the snapshot itself is the content, as saved: the commit is beside it
    expect(await snapshots.get("eng", "v1")).toEqual(snapshot("v1"));

    // v2 served from uncommitted files first, then committed as they were: the commit is added
    await snapshots.save(snapshot("v2"), SECOND);
    expect(await snapshots.commitOf("eng", "v2")).toBe(SECOND);
    // saved again, from another commit with the same files or without one: the first stays, content too
    await snapshots.save(snapshot("v1", "Renamed"), SECOND);
    await snapshots.save(snapshot("v1"));
    expect(await snapshots.commitOf("eng", "v1")).toBe(FIRST);
    expect((await snapshots.get("eng", "v1"))?.name).toBe("Engineering");
    expect(await snapshots.versions("eng")).toEqual(["v1", "v2", "v3"]);
  });

  it("refuses what is not a full commit id (a program fault, not a user's input)", async () => {
    const { snapshots } = createStore(ctx.database, { clock: manualClock() });
    for (const bad of ["HEAD", FIRST.slice(0, 12), FIRST.toUpperCase(), `${FIRST}\n`, ""]) {
      await expect(snapshots.save(snapshot("v1"), bad)).rejects.toThrow(TypeError);
    }
    expect(await snapshots.versions("eng")).toEqual([]);
  });

  it("keeps the commits through a backup and its restore; older backups restore without; a bad one is located", async () => {
    const { snapshots } = createStore(ctx.database, { clock: manualClock() });
    await snapshots.save(snapshot("v1"), FIRST);
    await snapshots.save(snapshot("v2"));
    const doc = await exportAll(ctx.database);
    expect(doc.tables.framework_snapshots.map((s) => [s.version, s.git_commit])).toEqual([
      ["v1", FIRST],
      ["v2", null],
    ]);

    const target = await ctx.createDatabase(ctx.dialect);
    const restored = await restoreAll(target, JSON.parse(JSON.stringify(doc)), { allowUnsigned: true });
    expect(restored.ok).toBe(true);
    expect(await createStore(target).snapshots.commitOf("eng", "v1")).toBe(FIRST);
    expect(await createStore(target).snapshots.commitOf("eng", "v2")).toBeUndefined();

    // a backup taken before 0012_snapshot_commit has no such column: restored with no commit
    const older = JSON.parse(JSON.stringify(doc));
    for (const row of older.tables.framework_snapshots) delete row.git_commit;
    const fromOlder = await ctx.createDatabase(ctx.dialect);
    expect((await restoreAll(fromOlder, older, { allowUnsigned: true })).ok).toBe(true);
    expect(await createStore(fromOlder).snapshots.commitOf("eng", "v1")).toBeUndefined();

    const bad = JSON.parse(JSON.stringify(doc));
    bad.tables.framework_snapshots[0].git_commit = "HEAD; rm -rf /";
    const refused = await restoreAll(await ctx.createDatabase(ctx.dialect), bad, { allowUnsigned: true });
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).toContain("framework_snapshots/1/git_commit: ");
  });
});
