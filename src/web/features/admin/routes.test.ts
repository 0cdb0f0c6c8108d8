import { expect, it } from "vitest";
import { addPerson, authApp, ORIGIN, signedIn } from "../../../../test/support/auth.js";
import { countingQueries, describeEachDatabase } from "../../../../test/support/databases.js";
import { readPeopleCsv } from "../../../core/people-csv.js";
import { PeopleImportService } from "../../../services/people-import.js";
import { CSV_MAX_BYTES } from "./routes.js";

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

  it("previews an import with every bad row by line, writes nothing, then imports after the fix", async () => {
    const { browser, store } = await withAdmin();
    await browser.get("/admin/import/");
    const bad =
      "name,email,manager_email,level\nCy,cy@example.com,,\nDi,not-an-email,,\nEd,ed@example.com,nobody@example.com,\n";
    const preview = await browser.post("/admin/import/", { csv: bad });
    expect(preview.status).toBe(422);
    expect(preview.body).toContain('id="line-3"');
    expect(preview.body).toContain('id="line-4"');
    expect(preview.body).not.toContain('id="line-2"');
    expect(await store.people.getByEmail("cy@example.com")).toBeUndefined();
    const good = "name,email,manager_email\nCy,cy@example.com,\nDi,di@example.com,cy@example.com\n";
    // as an uploaded file (multipart)
    const form = new FormData();
    form.set("_csrf", browser.csrf ?? "");
    form.set("file", new File([good], "people.csv", { type: "text/csv" }));
    const ok = await browser.request("POST", "/admin/import/", { body: form, headers: { Origin: ORIGIN } });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain("Import these people");
    expect(await store.people.getByEmail("cy@example.com")).toBeUndefined();
    const done = await browser.post("/admin/import/confirm", { csv: good });
    expect(done.status).toBe(200);
    expect(done.body).toContain("2 created");
    const di = await store.people.getByEmail("di@example.com");
    expect(di?.managerId).toBe((await store.people.getByEmail("cy@example.com"))?.id);
  });

  it("previews an import of 200 people with as many queries as an import of one", async () => {
    const counted = countingQueries(ctx.database);
    const made = await authApp(ctx, { database: counted.database });
    await addPerson(made.store, { name: "Ada Admin", email: "ada@example.com", admin: true });
    const browser = await signedIn(made.app, "ada@example.com");
    // stored people, listed without a framework column: each is checked against their stored framework
    const csv = (n: number) =>
      `name,email,level\n${Array.from({ length: n }, (_, i) => `P${i},p${i}@example.com,senior`).join("\n")}\n`;
    const imported = await new PeopleImportService({
      people: made.store.people,
      frameworks: () => new Map(),
    }).run(
      readPeopleCsv(
        `name,email\n${Array.from({ length: 200 }, (_, i) => `P${i},p${i}@example.com`).join("\n")}\n`,
      ),
    );
    expect(imported.ok).toBe(true);
    const cost = async (n: number) => {
      await browser.get("/admin/import/");
      counted.reset();
      const preview = await browser.post("/admin/import/", { csv: csv(n) });
      expect(preview.status).toBe(422); // no framework to place them at that level
      return counted.queries();
    };
    expect(await cost(200)).toBe(await cost(1));
  });

  it("refuses a CSV over the limit whole, pasted or uploaded, saying so: nothing of it is imported", async () => {
    const { browser, store } = await withAdmin();
    await browser.get("/admin/import/");
    // a valid person, then a blank line past the limit: a cut paste would import the person
    const head = "name,email\nCy,cy@example.com\n";
    const over = head + " ".repeat(CSV_MAX_BYTES + 1 - head.length);
    // the import page's form is multipart (pasted or uploaded); its confirm form is a plain one
    const multipart = (field: "csv" | "file") => {
      const form = new FormData();
      form.set("_csrf", browser.csrf ?? "");
      form.set(field, field === "csv" ? over : new File([over], "people.csv", { type: "text/csv" }));
      return browser.request("POST", "/admin/import/", { body: form, headers: { Origin: ORIGIN } });
    };
    const answers = [
      await multipart("csv"),
      await multipart("file"),
      await browser.post("/admin/import/confirm", { csv: over }),
    ];
    for (const [i, answer] of answers.entries()) {
      expect(answer.status, `answer ${i}`).toBe(422);
      expect(answer.body, `answer ${i}`).toMatch(
        /The (pasted|uploaded) CSV is 5\.0 MiB \(\d+ bytes\); at most 5\.0 MiB can be imported at once\. Nothing was imported/,
      );
    }
    expect(await store.people.getByEmail("cy@example.com")).toBeUndefined();
    // at the limit exactly, it is read whole
    const at = await browser.post("/admin/import/confirm", { csv: over.slice(0, CSV_MAX_BYTES) });
    expect(at.status).toBe(200);
    expect(at.body).toContain("1 created");
  });

  it("answers a malformed import form with a located 422, never a 500, and imports nothing", async () => {
    const { browser, store } = await withAdmin();
    await browser.get("/admin/import/");
    const csv = "name,email\nCy,cy@example.com\n";
    // the CSV field twice: which one was meant cannot be known
    const twice = new URLSearchParams([
      ["_csrf", browser.csrf ?? ""],
      ["csv", csv],
      ["csv", csv],
    ]);
    const form = { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN };
    const repeated = await browser.request("POST", "/admin/import/confirm", {
      body: twice.toString(),
      headers: form,
    });
    expect(repeated.status).toBe(422);
    expect(repeated.body).toContain("csv must be text (once)");
    // text where the form has a file, asked for as JSON: the problem names the field
    const multipart = new FormData();
    multipart.set("_csrf", browser.csrf ?? "");
    multipart.set("file", "people.csv");
    const asJson = await browser.request("POST", "/admin/import/", {
      body: multipart,
      headers: { Origin: ORIGIN, Accept: "application/json" },
    });
    expect(asJson.status).toBe(422);
    expect(JSON.parse(asJson.body)).toMatchObject({ errors: [{ field: "file", message: "must be a file" }] });
    // a multipart body that is not one
    const broken = await browser.request("POST", "/admin/import/", {
      body: "--x\r\nnot a part",
      headers: {
        Origin: ORIGIN,
        "Content-Type": "multipart/form-data; boundary=x",
        "X-CSRF-Token": browser.csrf ?? "",
      },
    });
    expect(broken.status).toBe(400);
    // nothing at all: the page says so
    const empty = await browser.post("/admin/import/", {});
    expect(empty.status).toBe(422);
    expect(empty.body).toContain("No CSV was given.");
    expect(await store.people.getByEmail("cy@example.com")).toBeUndefined();
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
