/**
 * Personal goals follow the signed-in person's role (test/fixtures/shapes/stepped-roles, where the mobile
 * discipline has its own text at Engineer II): without `role` in the link the page and the API quote the
 * person's role's own cells, an explicit choice (none too) wins, and what one person was shown is never
 * handed to another by the page cache.
 */
import { expect, it } from "vitest";
import { pathsApp } from "../../../../test/support/app.js";
import { addPerson, signedIn, TestBrowser } from "../../../../test/support/auth.js";
import { describeEachDatabase, manualClock } from "../../../../test/support/databases.js";
import { createStore } from "../../../store/store.js";
import { createApp } from "../../app.js";

const LINK = "/frameworks/stepped-roles/goals/personal/?pick=systems:e1&target=e2";
const API = "/api/frameworks/stepped-roles/goals/personal?pick=systems:e1&target=e2";
const MOBILE_OWN = "Accounts for releases that users install days later.";

describeEachDatabase("personal goals for the signed-in person's role", (ctx) => {
  it("quote the person's role unless the link chooses, and are never kept for someone else", async () => {
    const { registry } = await pathsApp(["test/fixtures/shapes/stepped-roles"]);
    const clock = manualClock();
    const store = createStore(ctx.database, { clock });
    const app = createApp({ registry, store, clock });
    const fw = { framework: "stepped-roles", level: "e1" };
    await addPerson(store, { name: "Pat Person", email: "pat@example.com", ...fw, role: "mobile" });
    await addPerson(store, { name: "Nia Nobody", email: "nia@example.com", ...fw });

    // someone not signed in asks first: the shared expectation alone
    const anonymous = await new TestBrowser(app).get(LINK);
    expect(anonymous.body).not.toContain(MOBILE_OWN);

    const pat = await signedIn(app, "pat@example.com");
    const mine = await pat.get(LINK);
    expect(mine.status).toBe(200);
    expect(mine.body).toContain(
      "<h1>Personal goals toward <bdi>Engineer II</bdi> as <bdi>Mobile engineer</bdi></h1>",
    );
    expect(mine.body).toContain(MOBILE_OWN);
    expect(mine.body).toMatch(/<option value="mobile" selected="">Mobile engineer<\/option>/);
    expect(mine.headers.get("cache-control")).toBe("private, no-store");
    const api = JSON.parse((await pat.get(API)).body);
    expect(api.subject.role).toBe("mobile");

    // an explicit choice wins over the person's role, "none" too
    const shared = await pat.get(`${LINK}&role=`);
    expect(shared.body).toContain("<h1>Personal goals toward <bdi>Engineer II</bdi></h1>");
    expect(shared.body).not.toContain(MOBILE_OWN);
    expect((await pat.get(`${LINK}&role=web`)).body).toContain("as Web engineer");

    // a person without a role, and nobody signed in after Pat, get the shared one
    const nia = await signedIn(app, "nia@example.com");
    expect((await nia.get(LINK)).body).not.toContain(MOBILE_OWN);
    expect((await new TestBrowser(app).get(LINK)).body).not.toContain(MOBILE_OWN);
  });
  it("a profile's suggested goals use the role the assessment was made in, else the person's role now", async () => {
    const { registry } = await pathsApp(["test/fixtures/shapes/stepped-roles"]);
    const clock = manualClock();
    const store = createStore(ctx.database, { clock });
    const app = createApp({ registry, store, clock });
    const fw = { framework: "stepped-roles", level: "e1" };
    const ola = await addPerson(store, { name: "Ola Owner", email: "ola@example.com", ...fw });
    const browser = await signedIn(app, "ola@example.com");
    // made with no role: the assessment keeps none
    const submitted = await browser.post(`/people/${ola.id}/assessments/self/`, {
      version: "0",
      action: "submit",
      "pick.systems": "e1",
      "pick.operations": "e1",
    });
    expect(submitted.status).toBe(303);
    expect((await store.assessments.history(ola.id, { kind: "self" }))[0]?.role).toBeNull();
    const profile = `/people/${ola.id}/profile/`;
    expect((await browser.get(profile)).body).not.toContain(MOBILE_OWN);
    // Ola is a mobile engineer now: the suggestions quote the mobile discipline's own expectation
    const person = await store.people.get(ola.id);
    const moved = await store.people.update(ola.id, person?.version ?? 0, { role: "mobile" });
    expect(moved.ok).toBe(true);
    expect((await browser.get(profile)).body).toContain(MOBILE_OWN);
  });
});
