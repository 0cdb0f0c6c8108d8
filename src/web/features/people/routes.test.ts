import { expect, it } from "vitest";
import { addPerson, authApp, signedIn, TestBrowser } from "../../../../test/support/auth.js";
import { countingQueries, describeEachDatabase } from "../../../../test/support/databases.js";

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

  it("a search is three queries after the session's: the page of people with who of them the asker manages, the directory setting, their managers", async () => {
    const counted = countingQueries(ctx.database);
    const { app, store } = await authApp(ctx, { database: counted.database });
    const mia = await addPerson(store, { name: "Mia Manager", email: "mia@example.com" });
    for (let i = 0; i < 20; i++)
      await addPerson(store, { name: `Pat ${i}`, email: `pat${i}@example.com`, managerId: mia.id });
    const browser = await signedIn(app, "mia@example.com");
    await browser.get("/people/?q=pat"); // warm: the session's last-seen time
    counted.reset();
    const page = await browser.get("/people/?q=pat");
    expect(page.status).toBe(200);
    // her reports' managers are shown to her: she manages each of them
    expect(page.body.match(/Mia Manager/g)?.length).toBeGreaterThanOrEqual(20);
    expect(counted.queries()).toBe(4);
  });

  it("searches emails only where the searcher may see them, so none can be spelled out letter by letter", async () => {
    const { app, store, pat } = await org();
    await addPerson(store, { name: "Ada Admin", email: "ada@example.com", admin: true });
    await store.people.update(pat.id, pat.version, { email: "qz.hidden@example.com" });
    const matches = async (email: string, q: string) => {
      const browser = await signedIn(app, email);
      const page = await browser.get(`/people/?q=${q}`);
      const api = JSON.parse((await browser.get(`/api/people?q=${q}`)).body) as { total: number };
      expect(page.body.includes("Pat Person") ? 1 : 0, `${email} searching ${q}`).toBe(api.total);
      return api.total;
    };
    // a peer finds Pat by name, never by email, whichever letters they try
    expect(await matches("pete@example.com", "pat")).toBe(1);
    for (const q of ["qz", "qz.h", "hidden@", "qz.hidden%40example.com"])
      expect(await matches("pete@example.com", q)).toBe(0);
    // Pat, their manager and admins may read Pat's email, so they find Pat by it
    for (const email of ["qz.hidden@example.com", "mia@example.com", "ada@example.com"])
      expect(await matches(email, "qz.hidden")).toBe(1);
  });

  it("pages the directory, 50 at a time, keeping the search", async () => {
    const { app, store } = await org();
    for (let i = 0; i < 60; i++) {
      await addPerson(store, {
        name: `Tess Tester ${String(i).padStart(2, "0")}`,
        email: `t${i}@example.com`,
        password: null,
      });
    }
    const pete = await signedIn(app, "pete@example.com");
    const first = await pete.get("/people/?q=tess");
    expect(first.body).toContain("60 people matching, 1–50 shown");
    expect(first.body).toContain("Tess Tester 49");
    expect(first.body).not.toContain("Tess Tester 50");
    expect(first.body).toContain('href="/people/?q=tess&amp;page=2" rel="next"');
    const second = await pete.get("/people/?q=tess&page=2");
    expect(second.body).toContain("60 people matching, 51–60 shown");
    expect(second.body).toContain("Tess Tester 59");
    expect(second.body).toContain("Page 2 of 2");
    expect(second.body).toContain('rel="prev"');
    for (const bad of ["0", "-1", "x", "1e9999"]) {
      expect((await pete.get(`/people/?q=tess&page=${bad}`)).body).toContain("1–50 shown");
    }
  });

  it("shows colleagues only what the admins' directory setting allows; the person, their managers and admins see all", async () => {
    const { app, store, pat, mia } = await org();
    await addPerson(store, { name: "Ada Admin", email: "ada@example.com", admin: true });
    const ada = await signedIn(app, "ada@example.com");
    const settings = await ada.get("/admin/settings/");
    expect(settings.body).toMatch(/name="show.level" checked/);
    expect(settings.body).not.toMatch(/name="show.manager" checked/);
    expect((await ada.post("/admin/settings/", { organization: "", "show.manager": "on" })).status).toBe(303);

    const entryOf = async (who: string) => {
      const browser = await signedIn(app, who);
      const list = JSON.parse((await browser.get("/api/people?q=pat")).body);
      return list.people[0];
    };
    // a colleague: the manager now, and neither role nor level
    expect(await entryOf("pete@example.com")).toEqual({
      id: pat.id,
      name: "Pat Person",
      role: null,
      level: null,
      manager: { id: mia.id, name: "Mia Manager" },
    });
    const full = { role: "backend-engineer", level: "senior", manager: { id: mia.id, name: "Mia Manager" } };
    for (const who of ["pat@example.com", "mia@example.com", "ada@example.com"]) {
      expect(await entryOf(who), who).toMatchObject(full);
    }
    const pete = await signedIn(app, "pete@example.com");
    const page = await pete.get("/people/?q=pat");
    expect(page.body).toContain('<th scope="col">Manager</th>');
    expect(page.body).not.toContain('href="/frameworks/engineering/levels/senior/"');
  });

  it("has the directory and a person's record as JSON, under the same policy", async () => {
    const { app, pat, mia } = await org();
    const pete = await signedIn(app, "pete@example.com");
    const list = await pete.get("/api/people?q=pat");
    expect(list.status).toBe(200);
    expect(list.headers.get("cache-control")).toBe("private, no-store");
    expect(JSON.parse(list.body)).toEqual({
      query: "pat",
      page: 1,
      pages: 1,
      total: 1,
      people: [{ id: pat.id, name: "Pat Person", role: "backend-engineer", level: "senior" }],
    });
    // a peer: the same answer as for nobody at all
    const refused = await pete.get(`/api/people/${pat.id}`);
    const absent = await pete.get("/api/people/00000000-0000-0000-0000-000000000000");
    expect(refused.status).toBe(404);
    expect(absent.status).toBe(404);
    expect(refused.body.replace(pat.id, "ID")).toBe(
      absent.body.replace("00000000-0000-0000-0000-000000000000", "ID"),
    );
    const boss = await signedIn(app, "mia@example.com");
    const record = JSON.parse((await boss.get(`/api/people/${pat.id}`)).body);
    expect(record).toMatchObject({
      id: pat.id,
      email: "pat@example.com",
      framework: "engineering",
      manager: { id: mia.id, name: "Mia Manager" },
      reports: [],
    });
    expect((await new TestBrowser(app).get("/api/people")).status).toBe(401);
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
