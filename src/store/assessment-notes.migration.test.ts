import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { insertRawPerson, insertRawSubmitted } from "../../test/support/raw-rows.js";
import { migrate } from "./migrations.js";
import { createStore } from "./store.js";

describeEachDatabase("migration 0007_assessment_notes", (ctx) => {
  it("keeps every pick: none has criteria shown or a comment until someone writes them", async () => {
    const database = await ctx.createDatabase(ctx.dialect, { migrate: false });
    await migrate(database, { to: "0006_team_indexes" });
    const personId = await insertRawPerson(database);
    const assessmentId = await insertRawSubmitted(database, personId, [
      { competency: "delivery", level: "l1", evidence: "Shipped" },
    ]);

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
