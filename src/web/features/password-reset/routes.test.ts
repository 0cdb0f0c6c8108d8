import { expect, it } from "vitest";
import { addPerson, authApp, PASSWORD, signedIn, TestBrowser } from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";
import { RESET_LINK_TTL_MS } from "../../auth/config.js";
import { verifyPassword } from "../../auth/passwords.js";

const NEW_PASSWORD = "a brand new long passphrase";

/** The reset link shown on the admin's page. */
function linkFrom(body: string): string {
  const link = /<code id="reset-link" class="link-text">([^<]+)<\/code>/.exec(body)?.[1];
  if (!link) throw new Error(`no reset link on the page: ${body.slice(0, 2000)}`);
  return link;
}

describeEachDatabase("password reset by a one-time link", (ctx) => {
  it("an admin issues a link; it sets a new password, ends the person's sessions and signs them in", async () => {
    const { app, store } = await authApp(ctx);
    await addPerson(store, { name: "Root", email: "root@example.com", admin: true });
    const ada = await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    const adaElsewhere = await signedIn(app, "ada@example.com");
    const admin = await signedIn(app, "root@example.com");

    const ask = await admin.get(`/admin/people/${ada.id}/reset-link`);
    expect(ask.status).toBe(200);
    expect(ask.body).toContain("Password reset link for \u2068Ada Lovelace\u2069");
    const issued = await admin.post(`/admin/people/${ada.id}/reset-link`);
    expect(issued.status).toBe(200);
    expect(issued.headers.get("cache-control")).toBe("private, no-store");
    expect(issued.body).toContain('It works once, until <time datetime="2030-01-01T01:00:00.000Z"');
    expect(issued.body).toContain('data-copy="reset-link"');
    const link = linkFrom(issued.body);
    expect(link).toMatch(/^http:\/\/localhost\/reset\/[\w-]{43}$/);
    const path = new URL(link).pathname;

    const person = new TestBrowser(app);
    const form = await person.get(path);
    expect(form.status).toBe(200);
    expect(form.body).toContain("<strong>ada@example.com</strong>");
    const weak = await person.post(path, { password: "password1234", confirm: "password1234" });
    expect(weak.status).toBe(422);
    const done = await person.post(path, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.location).toBe("/account/?done=password-set");
    expect((await person.get("/account/?done=password-set")).body).toContain("Your new password is saved");
    expect(
      await verifyPassword((await store.people.credentials("ada@example.com"))?.passwordHash, NEW_PASSWORD),
    ).toBe(true);
    expect((await adaElsewhere.get("/account/")).status).toBe(302);
    expect(await store.sessions.listFor(ada.id)).toHaveLength(1);

    // used up
    const again = await new TestBrowser(app).get(path);
    expect(again.status).toBe(410);
    expect(again.body).toContain("This password reset link has expired or was used");
  });

  it("expires after an hour, and a newer link voids the older one", async () => {
    const { app, store, clock } = await authApp(ctx);
    await addPerson(store, { name: "Root", email: "root@example.com", admin: true });
    const ada = await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const admin = await signedIn(app, "root@example.com");
    const first = new URL(linkFrom((await admin.post(`/admin/people/${ada.id}/reset-link`)).body)).pathname;
    await admin.get(`/admin/people/${ada.id}/reset-link`);
    const second = new URL(linkFrom((await admin.post(`/admin/people/${ada.id}/reset-link`)).body)).pathname;
    expect((await new TestBrowser(app).get(first)).status).toBe(410);
    expect((await new TestBrowser(app).get(second)).status).toBe(200);
    clock.advance(RESET_LINK_TTL_MS);
    expect((await new TestBrowser(app).get(second)).status).toBe(410);
    expect(
      await verifyPassword((await store.people.credentials("ada@example.com"))?.passwordHash, PASSWORD),
    ).toBe(true);
  });

  it("a deactivated person's link does not work, and none is issued for them", async () => {
    const { app, store } = await authApp(ctx);
    await addPerson(store, { name: "Root", email: "root@example.com", admin: true });
    const ada = await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const admin = await signedIn(app, "root@example.com");
    const link = new URL(linkFrom((await admin.post(`/admin/people/${ada.id}/reset-link`)).body)).pathname;
    await store.people.deactivate(ada.id);
    const page = await new TestBrowser(app).get(link);
    expect(page.status).toBe(410);
    expect(page.body).toContain("This account is deactivated");
    await admin.get(`/admin/people/${ada.id}/reset-link`);
    expect((await admin.post(`/admin/people/${ada.id}/reset-link`)).status).toBe(409);
  });

  it("a person with no password yet (imported) sets their first one through such a link", async () => {
    const { app, store } = await authApp(ctx);
    const ada = await addPerson(store, { name: "Ada", email: "ada@example.com", password: null });
    const token = await store.tokens.issue("reset", { personId: ada.id, ttlMs: RESET_LINK_TTL_MS });
    const browser = new TestBrowser(app);
    expect((await browser.get(`/reset/${token}`)).body).toContain("<h1>Choose a password</h1>");
    expect(
      (await browser.post(`/reset/${token}`, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status,
    ).toBe(303);
    expect((await new TestBrowser(app).signIn("ada@example.com", NEW_PASSWORD)).status).toBe(303);
  });

  it("uses the public address in the link when one is configured", async () => {
    const { app, store } = await authApp(ctx, { auth: { publicUrl: "https://rungs.example.com/" } });
    await addPerson(store, { name: "Root", email: "root@example.com", admin: true });
    const ada = await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const admin = await signedIn(app, "root@example.com");
    expect(linkFrom((await admin.post(`/admin/people/${ada.id}/reset-link`)).body)).toMatch(
      /^https:\/\/rungs\.example\.com\/reset\/[\w-]{43}$/,
    );
  });

  it("admin only: others get 403 whether or not the person exists; an admin gets 404 for nobody", async () => {
    const { app, store } = await authApp(ctx);
    await addPerson(store, { name: "Root", email: "root@example.com", admin: true });
    const ada = await addPerson(store, { name: "Ada", email: "ada@example.com" });
    await addPerson(store, { name: "Grace", email: "grace@example.com" });
    const grace = await signedIn(app, "grace@example.com");
    const nobody = "00000000-0000-4000-8000-000000000000";
    const refusals = [
      await grace.get(`/admin/people/${ada.id}/reset-link`),
      await grace.get(`/admin/people/${nobody}/reset-link`),
      await grace.post(`/admin/people/${ada.id}/reset-link`),
      await grace.post(`/admin/people/${nobody}/reset-link`),
    ];
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    // the CSRF token is random base64url: it may spell any short name, so it is cut before comparing
    const bodies = refusals.map((r) => r.body.replace(/value="[\w-]{43}"/g, ""));
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain("Only admins can do this.");
    expect(bodies[0]).not.toContain("Ada");
    const admin = await signedIn(app, "root@example.com");
    expect((await admin.get(`/admin/people/${nobody}/reset-link`)).status).toBe(404);
    expect((await admin.get("/admin/people/not-an-id/reset-link")).status).toBe(404);
  });
});
