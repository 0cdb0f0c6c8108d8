import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { insertRawPerson, rawNow } from "../../test/support/raw-rows.js";
import { migrate } from "./migrations.js";
import { createStore } from "./store.js";

describeEachDatabase("migration 0005_goal_progress", (ctx) => {
  it("keeps every goal: the text as kept becomes the original, active goals are in progress", async () => {
    const database = await ctx.createDatabase(ctx.dialect, { migrate: false });
    await migrate(database, { to: "0004_assessments" });
    const db = database.db;
    const personId = await insertRawPerson(database);
    const now = rawNow(database);
    const goal = (text: string, status: string) => ({
      id: randomUUID(),
      person_id: personId,
      framework: "eng",
      text,
      sources: "[]",
      status,
      created_at: now,
      updated_at: now,
    });
    const rows = [goal("Open one", "active"), goal("Finished one", "done"), goal("Let go", "dropped")];
    await db
      .insertInto("goals")
      .values(rows as never)
      .execute();

    expect(await migrate(database)).toContain("0005_goal_progress");
    const goals = await createStore(database).goals.list(personId);
    expect(goals.map((g) => [g.text, g.original, g.status, g.targetValue, g.due]).sort()).toEqual([
      ["Finished one", "Finished one", "done", null, null],
      ["Let go", "Let go", "dropped", null, null],
      ["Open one", "Open one", "in-progress", null, null],
    ]);
    // the rebuilt table keeps its checks: no status outside the four
    await expect(
      db
        .insertInto("goals")
        .values({ ...goal("x", "active"), original: "x" } as never)
        .execute(),
    ).rejects.toThrow();
  });
});
