import { expect, it } from "vitest";
import { addPerson, authApp, signedIn, TestBrowser } from "../../../test/support/auth.js";
import { describeEachDatabase } from "../../../test/support/databases.js";

describeEachDatabase("people directory and person pages", (ctx) => {
  async function org() {
    const made = await authApp(ctx);
    const { store } = made;
    const mia = await addPerson(store, { name: "Mia Manager", email: "mia@example.com" });
    const pat = await addPerson(store, {
      name: "Pat Person",
      email: "pat@example.com",
      managerId: mia.id,
      framework: "engineering",
      track: "trunk",
      level: "senior",
      role: "backend-engineer",
    });
    const pete = await addPerson(store, { name: "Pete Peer", email: "pete@example.com", managerId: mia.id });
    return { ...made, mia, pat, pete };
  }

  it("lists name, role and level of everyone to anyone signed in, and searches", async () => {
    const { app } = await org();
    const pete = await signedIn(app, "pete@example.com");
    const page = await pete.get("/people/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("Pat Person");
    expect(page.body).toContain('href="/frameworks/engineering/levels/senior/"');
    expect(page.body).toContain(">Senior</a>");
    expect(page.body).toContain(">Backend Engineer</a>");
    // nothing else: no emails in the directory
    expect(page.body).not.toContain("pat@example.com");
    const found = await pete.get("/people/?q=mia");
    expect(found.body).toContain("Mia Manager");
    expect(found.body).not.toContain("Pat Person");
  });

  it("sends anonymous visitors to sign in", async () => {
    const { app } = await org();
    const answer = await new TestBrowser(app).get("/people/");
    expect(answer.status).toBe(302);
  });

  it("shows a person's page to themselves and their manager, and 404 to a peer", async () => {
    const { app, pat } = await org();
    const mia = await signedIn(app, "mia@example.com");
    const page = await mia.get(`/people/${pat.id}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<h1>Pat Person</h1>");
    expect(page.body).toContain("Mia Manager");
    const unknown = await mia.get("/people/00000000-0000-0000-0000-000000000000/");
    expect(unknown.status).toBe(404);
    const pete = await signedIn(app, "pete@example.com");
    const refused = await pete.get(`/people/${pat.id}/`);
    expect(refused.status).toBe(404);
    expect(refused.body).not.toContain("Pat Person");
    const mine = await (await signedIn(app, "pat@example.com")).get(`/people/${pat.id}/`);
    expect(mine.status).toBe(200);
  });

  it("lets a manager see their reports on their page", async () => {
    const { app, mia } = await org();
    const browser = await signedIn(app, "mia@example.com");
    const page = await browser.get(`/people/${mia.id}/`);
    expect(page.body).toContain("Pat Person");
    expect(page.body).toContain("Pete Peer");
  });

  it("exports everything about the signed-in person as JSON", async () => {
    const { app, pat } = await org();
    const browser = await signedIn(app, "pat@example.com");
    const account = await browser.get("/account/");
    expect(account.body).toContain('href="/account/export.json"');
    const answer = await browser.get("/account/export.json");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-disposition")).toContain("attachment");
    const data = JSON.parse(answer.body);
    expect(data.person.id).toBe(pat.id);
    expect(data.person.email).toBe("pat@example.com");
    expect(data.person.manager.name).toBe("Mia Manager");
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(answer.body).not.toContain(browser.cookies.get("rungs_session"));
    expect(answer.body).not.toContain("passwordHash");
    const anonymous = await new TestBrowser(app).get("/account/export.json");
    expect(anonymous.status).toBe(302);
  });
});
