import { expect, it } from "vitest";
import { pathsApp } from "../../../../test/support/app.js";
import { addPerson, ORIGIN, signedIn } from "../../../../test/support/auth.js";
import { describeEachDatabase, manualClock } from "../../../../test/support/databases.js";
import { createStore } from "../../../store/store.js";
import { createApp } from "../../app.js";

/*
 * In test/fixtures/shapes/stepped-roles the mobile discipline adds two criteria of its own to Systems
 * thinking at Engineer II (one with an id, one without), and the web discipline replaces Senior's
 * expectation with its own statement and a criterion.
 */
const PICKS = { "pick.systems": "e2", "pick.operations": "e2" };
const MOBILE_KEY = "shown.systems.e2.old-clients";
const MOBILE_UNNAMED = "shown.systems.e2.mobile-e2-2";
const WEB_KEY = "shown.systems.e3.web-e3-1";

describeEachDatabase("assessments: criteria of a person's role", (ctx) => {
  async function org() {
    const { registry } = await pathsApp(["test/fixtures/shapes/stepped-roles"]);
    const clock = manualClock();
    const store = createStore(ctx.database, { clock });
    const app = createApp({ registry, store, clock });
    const fw = { framework: "stepped-roles" };
    const mia = await addPerson(store, { name: "Mia Manager", email: "mia@example.com", ...fw, level: "e3" });
    const pat = await addPerson(store, {
      name: "Pat Person",
      email: "pat@example.com",
      managerId: mia.id,
      ...fw,
      level: "e2",
      role: "mobile",
    });
    const wes = await addPerson(store, {
      name: "Wes Web",
      email: "wes@example.com",
      managerId: mia.id,
      ...fw,
      level: "e2",
      role: "web",
    });
    return { app, store, pat, wes };
  }

  it("offers each person the expectations and criteria of their own role, and only theirs", async () => {
    const { app, pat, wes } = await org();
    const patForm = (
      await (await signedIn(app, "pat@example.com")).get(`/people/${pat.id}/assessments/self/`)
    ).body;
    expect(patForm).toContain(`name="${MOBILE_KEY}"`);
    expect(patForm).toContain(`name="${MOBILE_UNNAMED}"`);
    expect(patForm).toContain("Keeps the service answering the app versions still installed.");
    // whose it is reads apart from the criterion's text, not run into it ("installed.for Mobile engineer")
    expect(patForm.replace(/<[^>]+>/g, "")).toContain("still installed. for Mobile engineer");
    // the level offered reads as the role reads it: the shared statement with the mobile one added
    expect(patForm).toContain("Accounts for releases that users install days later.");
    expect(patForm).not.toContain(`name="${WEB_KEY}"`);

    const wesForm = (
      await (await signedIn(app, "wes@example.com")).get(`/people/${wes.id}/assessments/self/`)
    ).body;
    expect(wesForm).toContain(`name="${WEB_KEY}"`);
    expect(wesForm).toContain("Designs how the site degrades when a service is down.");
    // the web cell replaces Senior's shared statement for Wes
    expect(wesForm).not.toContain("Designs how a group of services fail and recover.");
    expect(wesForm).not.toContain(`name="${MOBILE_KEY}"`);
  });

  it("offers each level by its statement and the step it asks for, and a step-only level by its step once", async () => {
    const { app, pat } = await org();
    const form = (await (await signedIn(app, "pat@example.com")).get(`/people/${pat.id}/assessments/self/`))
      .body;
    const option = (competency: string, level: string) => {
      const start = form.indexOf(`id="assess-${competency}--${level}"`);
      expect(start).toBeGreaterThan(-1);
      return form.slice(start, form.indexOf("</label>", start)).replace(/<[^>]+>/g, "");
    };
    // Systems thinking: a statement and a step in one cell; both are what Engineer I asks
    expect(option("systems", "e1")).toContain("Knows which services a change touches.");
    expect(option("systems", "e1")).toContain("Proficiency: Learning (step 1 of 4) — Does it with help.");
    expect(option("systems", "e3")).toContain("Proficiency: Leading (step 3 of 4)");
    // Operations: the step alone stands for the cell, said once
    const ops = option("operations", "e2");
    expect(ops).toContain("Proficiency: Doing (step 2 of 4) — Does it alone.");
    expect(ops.split("Does it alone.").length).toBe(2);
  });

  it("keeps the role's ticks with their evidence, refuses another role's, and shows them in review, view and export", async () => {
    const { app, store, pat } = await org();
    const patB = await signedIn(app, "pat@example.com");
    const path = `/people/${pat.id}/assessments/self/`;
    const ticks = {
      [MOBILE_KEY]: "shown",
      "criterion-evidence.systems.e2.old-clients": "Kept sync v1 alive for <b>six</b> weeks.",
      [MOBILE_UNNAMED]: "shown",
    };
    // a criterion of the web role is not Pat's to tick: the form has no such box, and one sent is not kept
    const saved = await patB.post(path, {
      version: "0",
      action: "save",
      ...PICKS,
      ...ticks,
      [WEB_KEY]: "shown",
    });
    expect(saved.status).toBe(303);
    expect(
      (await store.assessments.draft(pat.id, "self", null))?.picks.find((p) => p.competency === "systems")
        ?.criteria,
    ).toEqual([
      { level: "e2", criterion: "old-clients", evidence: "Kept sync v1 alive for <b>six</b> weeks." },
      { level: "e2", criterion: "mobile-e2-2", evidence: "" },
    ]);
    const api = await patB.request("PUT", `/api/people/${pat.id}/assessments/self/draft`, {
      headers: { Origin: ORIGIN, "Content-Type": "application/json", "X-CSRF-Token": patB.csrf ?? "" },
      body: JSON.stringify({
        version: (await store.assessments.draft(pat.id, "self", null))?.version,
        picks: [{ competency: "systems", level: "e2", criteria: [{ level: "e3", criterion: "web-e3-1" }] }],
      }),
    });
    expect(api.status).toBe(422);
    expect(api.body).toContain("is not one of this competency's criteria");

    const draft = await store.assessments.draft(pat.id, "self", null);
    const submitted = await patB.post(path, {
      version: String(draft?.version),
      action: "submit",
      ...PICKS,
      ...ticks,
    });
    expect(submitted.status).toBe(303);
    const self = (await store.assessments.history(pat.id, { kind: "self" }))[0];

    const view = (await patB.get(`/assessments/${self?.id}/`)).body;
    expect(view).toContain("Keeps the service answering the app versions still installed.");
    expect(view).toContain("Engineer II · Mobile engineer");
    expect(view).toContain("Kept sync v1 alive for &lt;b&gt;six&lt;/b&gt; weeks.");

    const review = (await (await signedIn(app, "mia@example.com")).get(`/people/${pat.id}/review/`)).body;
    expect(review).toContain("Plans a change around the time an app store takes to review a release.");
    expect(review).toContain("Kept sync v1 alive for &lt;b&gt;six&lt;/b&gt; weeks.");

    const json = JSON.parse((await patB.get(`/api/assessments/${self?.id}`)).body);
    expect(json.picks.find((p: { competency: string }) => p.competency === "systems").criteria).toEqual([
      { level: "e2", criterion: "old-clients", evidence: "Kept sync v1 alive for <b>six</b> weeks." },
      { level: "e2", criterion: "mobile-e2-2", evidence: "" },
    ]);
  });

  it("keeps the role an assessment was made in: shown and exported as made after the person changes role", async () => {
    const { app, store, pat } = await org();
    const patB = await signedIn(app, "pat@example.com");
    const path = `/people/${pat.id}/assessments/self/`;
    const ticks = { [MOBILE_KEY]: "shown" };
    expect((await patB.post(path, { version: "0", action: "save", ...PICKS, ...ticks })).status).toBe(303);
    const draft = await store.assessments.draft(pat.id, "self", null);
    expect(draft?.role).toBe("mobile");
    await patB.post(path, { version: String(draft?.version), action: "submit", ...PICKS, ...ticks });
    const self = (await store.assessments.history(pat.id, { kind: "self" }))[0];

    // Pat moves to web: the assessment made as a mobile engineer still says so, and still reads as one
    const person = await store.people.get(pat.id);
    const moved = await store.people.update(pat.id, person?.version ?? 0, { role: "web" });
    expect(moved.ok).toBe(true);
    const view = (await patB.get(`/assessments/${self?.id}/`)).body;
    expect(view).toContain(" · as Mobile engineer");
    expect(view).toContain("Keeps the service answering the app versions still installed.");
    const json = JSON.parse((await patB.get(`/api/assessments/${self?.id}`)).body);
    expect(json.role).toBe("mobile");
    const listed = JSON.parse((await patB.get(`/api/people/${pat.id}/assessments`)).body);
    expect(listed.assessments.map((a: { role: string }) => a.role)).toEqual(["mobile"]);
    // a new draft is made in the role Pat has now
    expect((await patB.post(path, { version: "0", action: "save", ...PICKS })).status).toBe(303);
    expect((await store.assessments.draft(pat.id, "self", null))?.role).toBe("web");
  });
});
