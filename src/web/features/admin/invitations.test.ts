import { afterAll, beforeAll, expect, it } from "vitest";
import {
  addPerson,
  authApp,
  TestBrowser as Browser,
  ORIGIN,
  signedIn,
  type TestBrowser,
} from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";
import { bodyOf, startSmtpServer, type TestSmtpServer } from "../../../../test/support/smtp-server.js";
import { verifyPassword } from "../../auth/passwords.js";

const DAY = 24 * 3_600_000;
const CHOSEN = "violet kettle drums quietly";

/** POSTs the invitation form with several people picked (a repeated field, as the checkboxes send it). */
function invite(browser: TestBrowser, ids: string[], extra: Record<string, string> = {}) {
  const form = new URLSearchParams();
  for (const id of ids) form.append("person", id);
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  form.set("_csrf", browser.csrf ?? "");
  return browser.request("POST", "/admin/people/invitations", {
    body: form.toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
  });
}

/** The invitation link a mail carries. */
function linkIn(raw: string): string {
  const link = /http:\/\/localhost\/welcome\/[\w-]{43}/.exec(bodyOf(raw))?.[0];
  if (!link) throw new Error(`no link in the mail: ${raw}`);
  return link;
}

/** The links the outcomes page shows to copy, in order. */
function linksOn(body: string): string[] {
  return [...body.matchAll(/<code id="invite-link-\d+" class="link-text">([^<]+)<\/code>/g)].map(
    (m) => m[1] ?? "",
  );
}

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

describeEachDatabase("invitations", (ctx) => {
  async function org(mail: boolean | string = true) {
    const url = typeof mail === "string" ? mail : smtp.url;
    const made = await authApp(ctx, mail ? { auth: { mail: { url, from: "rungs@example.com" } } } : {});
    await addPerson(made.store, { name: "Root Admin", email: "root@example.com", admin: true });
    const ada = await addPerson(made.store, {
      name: "Ada Lovelace",
      email: "ada@example.com",
      password: null,
    });
    const bo = await addPerson(made.store, { name: "Bo Brandt", email: "bo@example.com", password: null });
    const cy = await addPerson(made.store, { name: "Cy Active", email: "cy@example.com" });
    const admin = await signedIn(made.app, "root@example.com");
    await admin.get("/admin/people/");
    return { ...made, ada, bo, cy, admin };
  }

  it("lists each person's sign-in state, never 'can sign in' without a password", async () => {
    const { admin, ada, cy } = await org();
    const list = await admin.get("/admin/people/");
    const row = (id: string) =>
      /<tr id="person-[^"]+">[\s\S]*?<\/tr>/g.exec(
        list.body.slice(list.body.indexOf(`person-${id}`) - 12),
      )?.[0] ?? "";
    expect(row(ada.id)).toContain("Never signed in");
    expect(row(cy.id)).toContain("Active");
    expect(row(cy.id)).not.toContain("Never signed in");
    const page = await admin.get(`/admin/people/${ada.id}/`);
    expect(page.body).not.toContain("can sign in");
    expect(page.body).toContain("Never signed in");
  });

  it("mails each picked person a link that sets their password once; the list then says invited", async () => {
    const { app, admin, store, ada, bo, clock } = await org();
    const before = smtp.mails.length;
    const sent = await invite(admin, [ada.id, bo.id]);
    expect(sent.status).toBe(200);
    expect(sent.headers.get("cache-control")).toContain("no-store");
    expect(sent.body).toContain("2 invitations sent by mail");
    const mails = smtp.mails.slice(before);
    expect(mails.map((m) => m.to)).toEqual([["ada@example.com"], ["bo@example.com"]]);
    expect(bodyOf(mails[0]?.raw ?? "")).toContain("Root Admin invited you");

    const listed = await admin.get("/admin/people/");
    expect(listed.body).toContain("Invited <time");
    expect(listed.body).toContain(`datetime="${new Date(clock.now().getTime() + 7 * DAY).toISOString()}"`);

    const path = new URL(linkIn(mails[0]?.raw ?? "")).pathname;
    const person = new Browser(app);
    const form = await person.get(path);
    expect(form.status).toBe(200);
    expect(form.body).toContain("Welcome, <bdi>Ada Lovelace</bdi>");
    const done = await person.post(path, { password: CHOSEN, confirm: CHOSEN });
    expect(done.status).toBe(303);
    expect(done.location).toBe("/home/");
    expect(
      await verifyPassword((await store.people.credentials("ada@example.com"))?.passwordHash, CHOSEN),
    ).toBe(true);
    expect((await store.invitations.of([ada.id])).get(ada.id)?.acceptedAt).not.toBeNull();

    // used once: a second submit (from the page now signed in) and a later visit are refused
    await person.get("/home/");
    expect((await person.post(path, { password: CHOSEN, confirm: CHOSEN })).status).toBe(410);
    expect((await new Browser(app).get(path)).status).toBe(410);
    expect((await admin.get(`/admin/people/${ada.id}/`)).body).toContain("Active");
  });

  it("an expired invitation link is refused, and the list says the invitation expired", async () => {
    const { app, admin, bo, clock } = await org();
    const before = smtp.mails.length;
    await invite(admin, [bo.id]);
    const path = new URL(linkIn(smtp.mails[before]?.raw ?? "")).pathname;
    clock.advance(7 * DAY + 1);
    const late = new Browser(app);
    await late.get("/sign-in");
    expect((await late.post(path, { password: CHOSEN, confirm: CHOSEN })).status).toBe(410);
    const page = await late.get(path);
    expect(page.status).toBe(410);
    expect(page.body).toContain("This invitation link has expired or was used");
    // the admin's session lapsed meanwhile too
    const later = await signedIn(app, "root@example.com");
    expect((await later.get("/admin/people/")).body).toContain("Invitation expired");
  });

  it("resending voids the older link; everyone without a password skips those who have one", async () => {
    const { app, admin, ada, bo, cy } = await org();
    const before = smtp.mails.length;
    await invite(admin, [ada.id]);
    const first = new URL(linkIn(smtp.mails[before]?.raw ?? "")).pathname;
    await admin.get(`/admin/people/${ada.id}/`);
    const resent = await admin.post(`/admin/people/${ada.id}/invitation`);
    expect(resent.status).toBe(200);
    const second = new URL(linkIn(smtp.mails[before + 1]?.raw ?? "")).pathname;
    expect(second).not.toBe(first);
    expect((await new Browser(app).get(first)).status).toBe(410);
    expect((await new Browser(app).get(second)).status).toBe(200);

    await admin.get("/admin/people/");
    const all = await invite(admin, [cy.id], { everyone: "without-password" });
    expect(all.status).toBe(200);
    // Ada's invitation is open, so only Bo is added; Cy, picked by hand, has a password and is skipped
    expect(smtp.mails.slice(before + 2).map((m) => m.to[0])).toEqual(["bo@example.com"]);
    expect(all.body).toContain("Not invited: already has a password");
    expect(all.body).toContain(bo.name);
  });

  it("without a mail server, each link is shown whole with a copy button, and works", async () => {
    const { app, admin, ada, bo } = await org(false);
    const before = smtp.mails.length;
    const page = await invite(admin, [ada.id, bo.id]);
    expect(page.status).toBe(200);
    expect(smtp.mails.length).toBe(before);
    expect(page.body).toContain("No mail server is set");
    expect(page.body).toContain('data-copy="invite-link-0"');
    const links = linksOn(page.body);
    expect(links).toHaveLength(2);
    for (const link of links) expect(link).toMatch(/^http:\/\/localhost\/welcome\/[\w-]{43}$/);
    const path = new URL(links[1] ?? "").pathname;
    expect((await new Browser(app).get(path)).body).toContain("Welcome, <bdi>Bo Brandt</bdi>");
    expect((await admin.get("/admin/people/")).body).toContain("(link passed on)");
  });

  it("a mail server that cannot be reached is a clear message with the links to pass on, not a 500", async () => {
    const gone = await startSmtpServer();
    await gone.close();
    const { admin, ada, bo } = await org(gone.url);
    const page = await invite(admin, [ada.id, bo.id]);
    expect(page.status).toBe(200);
    expect(page.body).toContain("The mail was not sent. The mail server could not be reached");
    expect(page.body).toContain("Not tried: The mail server could not be reached");
    expect(linksOn(page.body)).toHaveLength(2);
  });

  it("refuses an empty pick, a bad id and too many picks with a clear message", async () => {
    const { admin } = await org();
    const none = await invite(admin, []);
    expect(none.status).toBe(422);
    expect(none.body).toContain("Pick the people to invite");
    await admin.get("/admin/people/");
    const bad = await invite(admin, ["not-an-id"]);
    expect(bad.status).toBe(422);
    await admin.get("/admin/people/");
    const many = await invite(
      admin,
      Array.from({ length: 501 }, () => crypto.randomUUID()),
    );
    expect(many.status).toBe(422);
    expect(many.body).toContain("at most 500");
  });
});
