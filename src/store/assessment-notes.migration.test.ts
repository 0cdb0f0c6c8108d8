import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { insertRawPerson, rawNow } from "../../test/support/raw-rows.js";
import { migrate } from "./migrations.js";
import { createStore } from "./store.js";

describeEachDatabase("migration 0007_assessment_notes", (ctx) => {
  it("keeps every pick: none has criteria shown or a comment until someone writes them", async () => {
    const database = await ctx.createDatabase(ctx.dialect, { migrate: false });
    await migrate(database, { to: "0006_team_indexes" });
    const db = database.db;
    const personId = await insertRawPerson(database);
    const assessmentId = randomUUID();
    const now = rawNow(database);
    await db
      .insertInto("assessments")
      .values({
        id: assessmentId,
        person_id: personId,
        author_id: personId,
        kind: "self",
        framework: "eng",
        framework_version: "v1",
        status: "submitted",
        created_at: now,
        updated_at: now,
        submitted_at: now,
      } as never)
      .execute();
    await db
      .insertInto("assessment_picks")
      .values({
        assessment_id: assessmentId,
        competency: "delivery",
        level: "l1",
        evidence: "Shipped",
      } as never)
      .execute();

    expect(await migrate(database)).toContain("0007_assessment_notes");
    const kept = await createStore(database).assessments.get(assessmentId);
    expect(kept?.picks).toEqual([
      {
        competency: "delivery",
        level: "l1",
        band: null,
        evidence: "Shipped",
        links: [],
        criteria: [],
        comment: "",
      },
    ]);
  });
});
