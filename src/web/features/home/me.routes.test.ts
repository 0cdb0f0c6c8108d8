import { expect, it } from "vitest";
import { addPerson, authApp, signedIn } from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";

describeEachDatabase("the signed-in home", (ctx) => {
  it("says where I stand and what next; managers see their people, admins what needs attention", async () => {
    const { app, store } = await authApp(ctx);
    const ada = await addPerson(store, { name: "Ada Admin", email: "ada@example.com", admin: true });
    const mia = await addPerson(store, { name: "Mia Manager", email: "mia@example.com" });
    const pat = await addPerson(store, {
      name: "Pat Person",
      email: "pat@example.com",
      managerId: mia.id,
      framework: "engineering",
      level: "mid",
    });
    const goal = await store.goals.save(pat.id, pat.id, {
      framework: "engineering",
      text: "Lead the design review of the billing service",
      sources: [],
    });
    expect(goal.ok).toBe(true);

    const patB = await signedIn(app, "pat@example.com");
    const home = await patB.get("/home/");
    expect(home.status).toBe(200);
    expect(home.headers.get("cache-control")).toContain("private");
    expect(home.body).toContain("Hello, <bdi>Pat Person</bdi>");
    expect(home.body).toMatch(/<dt>Level<\/dt>\s*<dd>Mid<\/dd>/);
    expect(home.body).toContain("None submitted yet.");
    expect(home.body).toContain("Lead the design review of the billing service");
    expect(home.body).not.toContain('id="my-people"');
    expect(home.body).not.toContain('id="attention"');
    expect(home.body).toContain('<a href="/home/">My home</a>');
    // "All my goals" leads to the goals kept on the profile (it led to a 404)
    const allGoals = /<a href="([^"]+)">All my goals<\/a>/.exec(home.body)?.[1] ?? "";
    expect(allGoals).toBe(`/people/${pat.id}/profile/#kept-goals`);
    const kept = await patB.get(allGoals.replace(/#.*/, ""));
    expect(kept.status).toBe(200);
    expect(kept.body).toContain('id="kept-goals"');
    expect(kept.body).toContain("Lead the design review of the billing service");
    // with no assessment yet, the profile says what to do next: Pat assesses himself, Mia assesses him
    expect(kept.body).toContain(
      `You have no assessment yet. <a href="/people/${pat.id}/assessments/self/">Assess yourself</a>`,
    );
    const miaB = await signedIn(app, "mia@example.com");
    expect((await miaB.get(allGoals)).body).toContain(
      `<bdi>Pat Person</bdi> has no submitted assessment yet. <a href="/people/${pat.id}/assessments/manager/">Assess them</a>`,
    );

    // Mia: her people's status, and no goals of Pat's
    const miaHome = (await miaB.get("/home/")).body;
    // no goal of her own yet: not "All my goals" (there are none), but where goals come from
    expect(miaHome).not.toContain("All my goals");
    expect(miaHome).toContain(`id="home-report-${pat.id}"`);
    expect(miaHome).toContain("not started");
    expect(miaHome).not.toContain("billing service");
    expect(miaHome).toContain(
      "<p>You are not placed in a framework yet: an admin sets your framework and level, and then you can assess yourself.</p>",
    );

    // Ada: two people cannot be assessed (no placement), and no cycle is open; she places herself, as the
    // admin she is, on her own admin page (here and where she would assess herself)
    const adaB = await signedIn(app, "ada@example.com");
    const adaHome = (await adaB.get("/home/")).body;
    const placeYourself = `<p>You are not placed in a framework yet. As an admin, you place yourself: set your framework and level on <a href="/admin/people/${ada.id}/">your admin page</a>, and then you can assess yourself.</p>`;
    expect(adaHome).toContain(placeYourself);
    // an admin who is not their manager reads Pat's profile, and is not offered to assess him
    expect((await adaB.get(`/people/${pat.id}/profile/`)).body).toContain(
      "<bdi>Pat Person</bdi> has no submitted assessment yet. </p>",
    );
    // with no framework there is no profile to keep goals on (409), so no link to one
    expect(adaHome).not.toContain("All my goals");
    expect((await adaB.get("/assessments/")).body).toContain(placeYourself);
    expect((await miaB.get("/assessments/")).body).toContain(
      "an admin sets your framework and level, and then you can assess yourself.",
    );
    expect(adaHome).toContain("2 people have no framework or level yet");
    expect(adaHome).toContain("No assessment cycle is open.");

    // placed, with no goal yet: not "All my goals" (there are none) but the profile, where goals come from
    const sam = await addPerson(store, {
      name: "Sam Second",
      email: "sam@example.com",
      framework: "engineering",
      level: "mid",
    });
    const samHome = (await (await signedIn(app, "sam@example.com")).get("/home/")).body;
    expect(samHome).toContain(
      `<p>No open goals yet. <a href="/people/${sam.id}/profile/">My profile</a> suggests some`,
    );
    expect(samHome).not.toContain("All my goals");

    // anonymous: sign in first
    const anonymous = await app.request("/home/");
    expect(anonymous.status).toBe(302);
  });
});
