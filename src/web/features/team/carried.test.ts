/**
 * Calibration reads assessments made on earlier framework versions (issue 16 item 4), in both databases: a
 * self and a manager assessment made on the bakery ladder's 2026 version, read while 2028 is served, are
 * carried through both maps before their picks are paired; without that, no pick of theirs had a rank. And
 * the team table and its JSON say which picks could not be carried (a retired competency), and why.
 */
import { expect, it } from "vitest";
import { addPerson, signedIn } from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";
import { bakeryChainApp, bakeryTeam, PICKS_2026, submittedOn } from "../../../../test/support/versions.js";

describeEachDatabase("calibration of assessments made on earlier versions", (ctx) => {
  it("pairs the self and manager picks of 2026 on today's competencies", async () => {
    const { app, store, v2026 } = await bakeryChainApp(ctx.database);
    await addPerson(store, { name: "Ash", email: "ash@example.com", admin: true });
    const { morgan, robin } = await bakeryTeam(store);
    const cycle = await store.cycles.create({ name: "Spring", startsOn: "2026-03-01", endsOn: "2026-05-31" });
    if (!cycle.ok) throw new Error("cycle");
    const on = { personId: robin.id, version: v2026.version, cycleId: cycle.value.id };
    await submittedOn(store, { ...on, authorId: robin.id, kind: "self", picks: PICKS_2026 });
    // the manager rates every competency one level above Robin's own pick
    const above: Record<string, string> = { apprentice: "baker", baker: "head-baker" };
    const picks = PICKS_2026.map((p) => ({
      competency: p.competency,
      level: p.competency === "hygiene" ? "head-baker" : (above[p.level ?? ""] ?? null),
    }));
    await submittedOn(store, { ...on, authorId: morgan.id, kind: "manager", picks });

    const view = JSON.parse((await (await signedIn(app, "ash@example.com")).get("/api/admin/team")).body);
    // mixing, shaping (from dough), baking, oven-care (from ovens), kitchen-care (hygiene and ordering,
    // merged: the lower pick of each side); teaching is retired
    expect(view.calibration).toEqual([
      expect.objectContaining({
        managerId: morgan.id,
        pairs: 5,
        higher: 5,
        lower: 0,
        same: 0,
        tooFew: false,
      }),
    ]);
  });
});

describeEachDatabase("team pages say what was not carried", (ctx) => {
  it("lists a retired competency's pick on the row and in the JSON, with the map's note", async () => {
    const { app, store, v2026 } = await bakeryChainApp(ctx.database);
    const { morgan, robin } = await bakeryTeam(store);
    await submittedOn(store, {
      personId: robin.id,
      authorId: robin.id,
      kind: "self",
      version: v2026.version,
      picks: PICKS_2026,
    });
    const browser = await signedIn(app, morgan.email);
    const page = await browser.get("/team/?framework=bakery");
    expect(page.status).toBe(200);
    expect(page.body).toContain("not carried: <bdi>Teaching</bdi> (retired: Every baker now teaches");
    const json = JSON.parse((await browser.get("/api/team")).body);
    const row = json.frameworks[0].people.find((p: { id: string }) => p.id === robin.id);
    expect(row.notCarried).toEqual([
      { competency: "teaching", name: "Teaching", note: expect.stringMatching(/^retired: /) },
    ]);
    expect(row.assessment.role).toBeNull();
    // the 2026 dough pick, carried to mixing (through doughs): marked with the old id
    const at = json.frameworks[0].competencies.findIndex((c: { id: string }) => c.id === "mixing");
    expect(row.carried[at]).toEqual(["dough"]);
  });
});
