import { expect, it } from "vitest";
import { addPerson, authApp, signedIn } from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";

describeEachDatabase("admin pages", (ctx) => {
  async function withAdmin() {
    const made = await authApp(ctx);
    const ada = await addPerson(made.store, { name: "Ada Admin", email: "ada@example.com", admin: true });
    const browser = await signedIn(made.app, "ada@example.com");
    return { ...made, ada, browser };
  }

  it("admins have a way back to the admin pages in every page's header; others do not", async () => {
    const { browser, store, app } = await withAdmin();
    await addPerson(store, { name: "Pat Person", email: "pat@example.com" });
    const pat = await signedIn(app, "pat@example.com");
    const adminLink = '<a href="/admin/people/">Admin</a>';
    for (const path of ["/", "/people/", "/account/"]) {
      expect((await browser.get(path)).body, path).toContain(adminLink);
      expect((await pat.get(path)).body, path).not.toContain(adminLink);
    }
  });

  it("creates a person with placement from the loaded frameworks, and refuses unknown levels", async () => {
    const { browser, store } = await withAdmin();
    const list = await browser.get("/admin/people/");
    expect(list.status).toBe(200);
    expect(list.body).toContain('<option value="senior">Senior</option>');
    const bad = await browser.post("/admin/people/", {
      name: "Bo",
      email: "bo@example.com",
      framework: "engineering",
      level: "no-such-level",
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain("no-such-level");
    expect(await store.people.getByEmail("bo@example.com")).toBeUndefined();
    const ok = await browser.post("/admin/people/", {
      name: "Bo",
      email: "bo@example.com",
      manager: "ada@example.com",
      framework: "engineering",
      track: "trunk",
      level: "senior",
      role: "backend-engineer",
    });
    expect(ok.status).toBe(303);
    const bo = await store.people.getByEmail("bo@example.com");
    expect(bo?.level).toBe("senior");
    expect(bo?.managerId).not.toBeNull();
  });

  it("refuses a track the level is not on, at the track field, naming the level's tracks, on create and edit", async () => {
    const { browser, store } = await withAdmin();
    const place = { name: "Bo", email: "bo@example.com", framework: "engineering" };
    const created = await browser.post("/admin/people/", { ...place, track: "ic", level: "manager" });
    expect(created.status).toBe(422);
    const said =
      "track: the level &quot;manager&quot; is not on the track &quot;ic&quot;; it is on the track management (Management)";
    expect(created.body).toContain(said);
    expect(created.body).toMatch(/<div class="field invalid"><label for="[\w-]*track"/);
    expect(await store.people.getByEmail("bo@example.com")).toBeUndefined();
    const bo = await addPerson(store, { ...place, track: "ic", level: "senior" });
    const edited = await browser.post(`/admin/people/${bo.id}/`, {
      ...place,
      version: String(bo.version),
      track: "management",
      level: "staff",
    });
    expect(edited.status).toBe(422);
    expect(edited.body).toContain(
      "is not on the track &quot;management&quot;; it is on the track ic (Individual contributor)",
    );
    expect((await store.people.get(bo.id))?.level).toBe("senior");
  });

  it("shows a clear conflict for a stale edit and keeps the newer change", async () => {
    const { browser, store } = await withAdmin();
    const bo = await addPerson(store, { name: "Bo", email: "bo@example.com" });
    await browser.get(`/admin/people/${bo.id}/`);
    const first = await browser.post(`/admin/people/${bo.id}/`, {
      version: String(bo.version),
      name: "Bo First",
      email: "bo@example.com",
    });
    expect(first.status).toBe(303);
    const stale = await browser.post(`/admin/people/${bo.id}/`, {
      version: String(bo.version),
      name: "Bo Second",
      email: "bo@example.com",
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toContain("Someone else changed this person");
    expect((await store.people.get(bo.id))?.name).toBe("Bo First");
  });

  it("refuses to deactivate the last active admin, and deactivates others", async () => {
    const { browser, store, ada } = await withAdmin();
    const refused = await browser.post(`/admin/people/${ada.id}/deactivate`);
    expect(refused.status).toBe(409);
    expect(refused.body).toContain("last active admin");
    expect((await store.people.get(ada.id))?.active).toBe(true);
    const bo = await addPerson(store, { name: "Bo", email: "bo@example.com" });
    expect((await browser.post(`/admin/people/${bo.id}/deactivate`)).status).toBe(303);
    expect((await store.people.get(bo.id))?.active).toBe(false);
    expect((await browser.post(`/admin/people/${bo.id}/reactivate`)).status).toBe(303);
    expect((await store.people.get(bo.id))?.active).toBe(true);
  });

  it("refuses a manager cycle with a message", async () => {
    const { browser, store } = await withAdmin();
    const boss = await addPerson(store, { name: "Boss", email: "boss@example.com" });
    const bo = await addPerson(store, { name: "Bo", email: "bo@example.com", managerId: boss.id });
    await browser.get(`/admin/people/${boss.id}/`);
    const answer = await browser.post(`/admin/people/${boss.id}/manager`, { manager: "bo@example.com" });
    expect(answer.status).toBe(409);
    expect(answer.body).toContain("The new manager reports to this person");
    expect(answer.body).toContain("The manager was not changed");
    expect((await store.people.get(boss.id))?.managerId).toBeNull();
    expect((await store.people.get(bo.id))?.managerId).toBe(boss.id);
  });

  it("keeps the organization name in settings and shows environment settings read-only", async () => {
    const { browser, store } = await withAdmin();
    const page = await browser.get("/admin/settings/");
    expect(page.body).toContain("RUNGS_REQUIRE_LOGIN");
    expect((await browser.post("/admin/settings/", { organization: "Acme <b>Co</b>" })).status).toBe(303);
    expect(await store.settings.get("organization.name")).toBe("Acme <b>Co</b>");
    const again = await browser.get("/admin/settings/");
    expect(again.body).toContain("Acme &lt;b&gt;Co&lt;/b&gt;");
  });

  it("stores script-looking and SQL-looking input and shows it back inert", async () => {
    const { app, browser, store } = await withAdmin();
    const name = `<script>alert(1)</script> Robert'); DROP TABLE people;--`;
    const created = await browser.post("/admin/people/", { name, email: "bobby@example.com" });
    expect(created.status).toBe(303);
    const bobby = await store.people.getByEmail("bobby@example.com");
    expect(bobby?.name).toBe(name);
    for (const path of [
      "/admin/people/",
      `/admin/people/${bobby?.id}/`,
      "/people/",
      `/people/${bobby?.id}/`,
    ]) {
      const page = await browser.get(path);
      expect(page.status, path).toBe(200);
      expect(page.body, path).not.toContain("<script>alert(1)</script>");
      expect(page.body, path).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
    const search = await browser.get(`/people/?q=${encodeURIComponent("'); DROP TABLE people;--")}`);
    expect(search.status).toBe(200);
    expect(search.body).toContain("1 person matching");
    const viaImport = await browser.post("/admin/import/confirm", {
      csv: `name,email\n"<img src=x onerror=alert(1)>",img@example.com\n`,
    });
    expect(viaImport.status).toBe(200);
    const list = await browser.get("/admin/people/");
    expect(list.body).not.toContain("<img src=x");
    expect((await signedIn(app, "ada@example.com")).csrf).toBeDefined();
  });
});
