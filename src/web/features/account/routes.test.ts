import { expect, it } from "vitest";
import {
  addPerson,
  authApp,
  ORIGIN,
  PASSWORD,
  signedIn,
  TestBrowser,
} from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";
import { verifyPassword } from "../../auth/passwords.js";

const NEW_PASSWORD = "another quite long passphrase";

describeEachDatabase("my account", (ctx) => {
  it("shows name, email and every active session with when it started and was last seen", async () => {
    const { app, store, clock } = await authApp(ctx);
    await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    const phone = new TestBrowser(app);
    phone.userAgent =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1";
    await phone.signIn("ada@example.com");
    clock.advance(5 * 60_000);
    const laptop = await signedIn(app, "ada@example.com");
    const page = await laptop.get("/account/");
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("private, no-store");
    expect(page.body).toContain("<h1>My account</h1>");
    expect(page.body).toContain("<dd>Ada Lovelace</dd>");
    expect(page.body).toContain("<dd>ada@example.com</dd>");
    expect(page.body).toContain("2 active sessions, most recently used first");
    expect(page.body).toContain("Chrome on Linux");
    expect(page.body).toContain("Safari on iOS");
    // written in UTC; the local-time island shows it in the viewer's locale and zone
    expect(page.body).toMatch(
      /<time datetime="2030-01-01T00:05:00.000Z" data-local="\w+" title="[^"]*">2030-01-01 00:05 UTC<\/time>/,
    );
    expect(page.body).toContain('<span class="badge">this browser</span>');
    expect(page.body.match(/action="\/account\/sessions\/[0-9a-f]{64}\/revoke"/g)).toHaveLength(2);
    // the session tokens themselves never appear on the page
    expect(page.body).not.toContain(laptop.cookies.get("rungs_session"));
    expect(page.body).not.toContain(phone.cookies.get("rungs_session"));
  });

  it("sends anonymous visitors to sign in and back", async () => {
    const { app } = await authApp(ctx);
    const answer = await new TestBrowser(app).get("/account/");
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/sign-in?next=%2Faccount%2F");
  });

  it("changes the password: current one required, rules checked, other sessions ended, this one rotated", async () => {
    const { app, store } = await authApp(ctx);
    const ada = await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    const other = await signedIn(app, "ada@example.com");
    const browser = await signedIn(app, "ada@example.com");
    const before = browser.cookies.get("rungs_session");

    const wrong = await browser.post("/account/password", {
      current: "not it at all",
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain("The current password is not right.");
    const weak = await browser.post("/account/password", {
      current: PASSWORD,
      password: "qwertyuiop12",
      confirm: "qwertyuiop12",
    });
    expect(weak.status).toBe(422);
    expect(weak.body).toContain("This password is too easy to guess");
    // a body that is not a form is refused for its type (the token in its header), not read as empty fields
    const asText = await browser.request("POST", "/account/password", {
      headers: { Origin: ORIGIN, "Content-Type": "text/plain", "X-CSRF-Token": browser.csrf ?? "" },
      body: `current=${PASSWORD}`,
    });
    expect(asText.status).toBe(415);
    expect(asText.headers.get("content-type")).toContain("text/html");
    expect(asText.body).toContain("<h1>Unsupported media type</h1>");
    expect(asText.body).toContain(
      "the body must be a form (Content-Type: application/x-www-form-urlencoded or multipart/form-data), not &quot;text/plain&quot;",
    );

    const changed = await browser.post("/account/password", {
      current: PASSWORD,
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(changed.status).toBe(303);
    expect(changed.location).toBe("/account/?done=password-changed");
    expect(browser.cookies.get("rungs_session")).not.toBe(before);
    const hash = (await store.people.credentials("ada@example.com"))?.passwordHash;
    expect(await verifyPassword(hash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(hash, PASSWORD)).toBe(false);
    expect((await browser.get("/account/?done=password-changed")).body).toContain(
      "Your password is changed.",
    );
    expect((await other.get("/account/")).status).toBe(302);
    expect(await store.sessions.listFor(ada.id)).toHaveLength(1);
    // the old token of this browser is dead too
    const replay = new TestBrowser(app);
    replay.cookies.set("rungs_session", before ?? "");
    expect((await replay.get("/account/")).status).toBe(302);
  });

  it("ends one session of one's own; someone else's session id is not found and stays alive", async () => {
    const { app, store } = await authApp(ctx);
    await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const grace = await addPerson(store, { name: "Grace", email: "grace@example.com" });
    const adaPhone = await signedIn(app, "ada@example.com");
    const adaLaptop = await signedIn(app, "ada@example.com");
    const graceBrowser = await signedIn(app, "grace@example.com");
    const [graceSession] = await store.sessions.listFor(grace.id);
    const phoneId = (await store.sessions.lookup(adaPhone.cookies.get("rungs_session") ?? ""))?.session.id;
    expect(phoneId).toBeDefined();

    const foreign = await adaLaptop.post(`/account/sessions/${graceSession?.id}/revoke`);
    expect(foreign.status).toBe(404);
    expect((await graceBrowser.get("/account/")).status).toBe(200);
    expect((await adaLaptop.post("/account/sessions/not-a-session/revoke")).status).toBe(404);

    const ended = await adaLaptop.post(`/account/sessions/${phoneId}/revoke`);
    expect(ended.status).toBe(303);
    expect(ended.location).toBe("/account/?done=session-ended#sessions");
    expect((await adaPhone.get("/account/")).status).toBe(302);
    expect((await adaLaptop.get("/account/")).status).toBe(200);

    // ending the current session is signing out
    const ownId = (await store.sessions.lookup(adaLaptop.cookies.get("rungs_session") ?? ""))?.session.id;
    const self = await adaLaptop.post(`/account/sessions/${ownId}/revoke`);
    expect(self.location).toBe("/sign-in?done=signed-out");
    expect(adaLaptop.cookies.has("rungs_session")).toBe(false);
  });

  it("signs out everywhere", async () => {
    const { app, store } = await authApp(ctx);
    const ada = await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const browsers = [await signedIn(app, "ada@example.com"), await signedIn(app, "ada@example.com")];
    const answer = await browsers[0]?.post("/account/sign-out-everywhere");
    expect(answer?.status).toBe(303);
    expect(answer?.location).toBe("/sign-in?done=signed-out-everywhere");
    expect(await store.sessions.listFor(ada.id)).toEqual([]);
    for (const browser of browsers) expect((await browser.get("/account/")).status).toBe(302);
  });

  it("GET /api/account gives the person, the CSRF token for fetch and the sessions; DELETE needs X-CSRF-Token", async () => {
    const { app, store } = await authApp(ctx);
    const ada = await addPerson(store, { name: "Ada", email: "ada@example.com", level: "senior" });
    const other = await signedIn(app, "ada@example.com");
    const browser = await signedIn(app, "ada@example.com");
    const answer = await browser.get("/api/account");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("private, no-store");
    const data = JSON.parse(answer.body);
    expect(data.person).toEqual({
      id: ada.id,
      name: "Ada",
      email: "ada@example.com",
      admin: false,
      framework: null,
      track: null,
      level: "senior",
      role: null,
    });
    expect(data.csrfToken).toBe(browser.csrf);
    expect(data.sessions).toHaveLength(2);
    const target = data.sessions.find((s: { current: boolean }) => !s.current);

    const missing = await browser.request("DELETE", `/api/account/sessions/${target.id}`, {
      headers: { Origin: ORIGIN },
    });
    expect(missing.status).toBe(403);
    expect(JSON.parse(missing.body).error).toContain("missing CSRF token");
    const wrong = await browser.request("DELETE", `/api/account/sessions/${target.id}`, {
      headers: { Origin: ORIGIN, "X-CSRF-Token": "x".repeat(43) },
    });
    expect(wrong.status).toBe(403);
    const ok = await browser.request("DELETE", `/api/account/sessions/${target.id}`, {
      headers: { Origin: ORIGIN, "X-CSRF-Token": data.csrfToken },
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ revoked: target.id });
    expect((await other.get("/account/")).status).toBe(302);
    const again = await browser.request("DELETE", `/api/account/sessions/${target.id}`, {
      headers: { Origin: ORIGIN, "X-CSRF-Token": data.csrfToken },
    });
    expect(again.status).toBe(404);

    expect((await new TestBrowser(app).get("/api/account")).status).toBe(401);
  });

  it("limits tries at the current password per person", async () => {
    const { app, store } = await authApp(ctx);
    await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const browser = await signedIn(app, "ada@example.com");
    for (let i = 0; i < 10; i++) {
      expect(
        (
          await browser.post("/account/password", {
            current: `guess ${i}`,
            password: NEW_PASSWORD,
            confirm: NEW_PASSWORD,
          })
        ).status,
      ).toBe(422);
    }
    const blocked = await browser.post("/account/password", {
      current: PASSWORD,
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});
