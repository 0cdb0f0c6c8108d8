/*
 * The attacks a sign-in system must withstand, each tried against the real routes on both databases:
 * forged requests (CSRF), session fixation, expired and revoked sessions, and hostile input stored and
 * shown back.
 */
import { expect, it } from "vitest";
import {
  type Answer,
  addPerson,
  authApp,
  ORIGIN,
  PASSWORD,
  signedIn,
  TestBrowser,
} from "../../../test/support/auth.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import type { Store } from "../../store/store.js";
import type { App } from "../context.js";
import { SETUP_LINK_TTL_MS } from "./config.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Forgeable {
  name: string;
  /** A browser in the state to make the request, the request's path and method, and what must stay unchanged. */
  prepare(
    app: App,
    store: Store,
  ): Promise<{
    browser: TestBrowser;
    path: string;
    method?: "POST" | "DELETE";
    fields?: Record<string, string>;
    unchanged(): Promise<void>;
  }>;
}

/** Every state-changing route, ready to be forged. */
const STATE_CHANGING: Forgeable[] = [
  {
    name: "POST /sign-in",
    async prepare(app, store) {
      await addPerson(store, { name: "Ada", email: "ada@example.com" });
      const browser = new TestBrowser(app);
      await browser.get("/sign-in");
      return {
        browser,
        path: "/sign-in",
        fields: { email: "ada@example.com", password: PASSWORD },
        unchanged: async () => expect(browser.cookies.has("rungs_session")).toBe(false),
      };
    },
  },
  {
    name: "POST /sign-out",
    async prepare(app, store) {
      const ada = await addPerson(store, { name: "Ada", email: "ada@example.com" });
      const browser = await signedIn(app, "ada@example.com");
      return {
        browser,
        path: "/sign-out",
        unchanged: async () => expect(await store.sessions.listFor(ada.id)).toHaveLength(1),
      };
    },
  },
  {
    name: "POST /setup/:token",
    async prepare(app, store) {
      const token = await store.tokens.issue("setup", { ttlMs: SETUP_LINK_TTL_MS });
      const browser = new TestBrowser(app);
      await browser.get(`/setup/${token}`);
      return {
        browser,
        path: `/setup/${token}`,
        fields: { name: "Mallory", email: "mallory@example.com", password: PASSWORD, confirm: PASSWORD },
        unchanged: async () => expect(await store.people.countAdmins()).toBe(0),
      };
    },
  },
  {
    name: "POST /reset/:token",
    async prepare(app, store) {
      const ada = await addPerson(store, { name: "Ada", email: "ada@example.com" });
      const token = await store.tokens.issue("reset", { personId: ada.id, ttlMs: HOUR });
      const browser = new TestBrowser(app);
      await browser.get(`/reset/${token}`);
      const other = "yet another long passphrase";
      return {
        browser,
        path: `/reset/${token}`,
        fields: { password: other, confirm: other },
        unchanged: async () =>
          expect((await new TestBrowser(app).signIn("ada@example.com")).status).toBe(303),
      };
    },
  },
  {
    name: "POST /account/password",
    async prepare(app, store) {
      await addPerson(store, { name: "Ada", email: "ada@example.com" });
      const browser = await signedIn(app, "ada@example.com");
      const other = "yet another long passphrase";
      return {
        browser,
        path: "/account/password",
        fields: { current: PASSWORD, password: other, confirm: other },
        unchanged: async () =>
          expect((await new TestBrowser(app).signIn("ada@example.com")).status).toBe(303),
      };
    },
  },
  {
    name: "POST /account/sessions/:id/revoke",
    async prepare(app, store) {
      const ada = await addPerson(store, { name: "Ada", email: "ada@example.com" });
      const browser = await signedIn(app, "ada@example.com");
      const [session] = await store.sessions.listFor(ada.id);
      return {
        browser,
        path: `/account/sessions/${session?.id}/revoke`,
        unchanged: async () => expect(await store.sessions.listFor(ada.id)).toHaveLength(1),
      };
    },
  },
  {
    name: "POST /account/sign-out-everywhere",
    async prepare(app, store) {
      const ada = await addPerson(store, { name: "Ada", email: "ada@example.com" });
      const browser = await signedIn(app, "ada@example.com");
      return {
        browser,
        path: "/account/sign-out-everywhere",
        unchanged: async () => expect(await store.sessions.listFor(ada.id)).toHaveLength(1),
      };
    },
  },
  {
    name: "POST /admin/people/:id/reset-link",
    async prepare(app, store) {
      await addPerson(store, { name: "Root", email: "root@example.com", admin: true });
      const ada = await addPerson(store, { name: "Ada", email: "ada@example.com" });
      const browser = await signedIn(app, "root@example.com");
      return {
        browser,
        path: `/admin/people/${ada.id}/reset-link`,
        unchanged: async () =>
          expect(await store.database.db.selectFrom("one_time_tokens").selectAll().execute()).toEqual([]),
      };
    },
  },
  {
    name: "DELETE /api/account/sessions/:id",
    async prepare(app, store) {
      const ada = await addPerson(store, { name: "Ada", email: "ada@example.com" });
      const browser = await signedIn(app, "ada@example.com");
      const [session] = await store.sessions.listFor(ada.id);
      return {
        browser,
        method: "DELETE",
        path: `/api/account/sessions/${session?.id}`,
        unchanged: async () => expect(await store.sessions.listFor(ada.id)).toHaveLength(1),
      };
    },
  },
];

function send(
  browser: TestBrowser,
  method: "POST" | "DELETE",
  path: string,
  fields: Record<string, string>,
  options: { csrf?: string | null; origin?: string | null; headers?: Record<string, string> },
): Promise<Answer> {
  if (method === "POST") return browser.post(path, fields, options);
  const headers: Record<string, string> = { ...options.headers };
  if (options.origin !== null) headers.Origin = options.origin ?? ORIGIN;
  if (options.csrf) headers["X-CSRF-Token"] = options.csrf;
  return browser.request(method, path, { headers });
}

describeEachDatabase("security", (ctx) => {
  for (const route of STATE_CHANGING) {
    it(`CSRF: ${route.name} refuses a missing token, a wrong token, another browser's token and another site`, async () => {
      const { app, store } = await authApp(ctx);
      const { browser, path, method = "POST", fields = {}, unchanged } = await route.prepare(app, store);
      const strangerPage = new TestBrowser(app);
      await strangerPage.get("/sign-in");
      const attempts: [
        string,
        { csrf?: string | null; origin?: string | null; headers?: Record<string, string> },
      ][] = [
        ["missing token", { csrf: null }],
        ["wrong token", { csrf: "A".repeat(43) }],
        ["another browser's token", { csrf: strangerPage.csrf ?? "" }],
        ["another site", { origin: "https://evil.example" }],
        ["no origin at all", { origin: null }],
        ["another site saying so", { origin: null, headers: { "Sec-Fetch-Site": "cross-site" } }],
      ];
      for (const [what, options] of attempts) {
        const answer = await send(browser, method, path, fields, { csrf: browser.csrf, ...options });
        expect(answer.status, what).toBe(403);
        if (method === "POST") {
          expect(answer.body, what).toContain("This form could not be accepted");
          expect(answer.body, what).toContain("Nothing was changed.");
        } else {
          expect(JSON.parse(answer.body).error, what).toMatch(/request refused/);
        }
        await unchanged();
      }
      // the genuine request goes through
      const genuine = await send(browser, method, path, fields, { csrf: browser.csrf });
      expect(genuine.status).toBeLessThan(400);
    });
  }

  it("a method no route answers where others do is a 405 naming them, not a refused CSRF token", async () => {
    const { app } = await authApp(ctx);
    const stranger = new TestBrowser(app);
    const page = await stranger.request("PUT", "/frameworks/engineering/");
    expect(page.status).toBe(405);
    expect(page.headers.get("Allow")).toBe("GET, HEAD");
    expect(page.body).not.toContain("This form could not be accepted");
    const api = await stranger.request("POST", "/api/frameworks/engineering", {
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(api.status).toBe(405);
    expect(api.headers.get("Allow")).toBe("GET, HEAD");
    expect(JSON.parse(api.body)).toMatchObject({ status: 405, detail: "POST is not answered here; GET is" });
    // where the method is answered, the CSRF check still stands first; where nothing is, as before
    expect((await stranger.request("POST", "/account/password")).status).toBe(403);
    expect((await stranger.request("DELETE", "/no-such-page/")).status).toBe(403);
  });

  it("CSRF: a same-origin request without Origin but with Sec-Fetch-Site: same-origin is accepted", async () => {
    const { app, store } = await authApp(ctx);
    await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const browser = new TestBrowser(app);
    await browser.get("/sign-in");
    const answer = await browser.request("POST", "/sign-in", {
      body: new URLSearchParams({
        email: "ada@example.com",
        password: PASSWORD,
        _csrf: browser.csrf ?? "",
      }).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
    });
    expect(answer.status).toBe(303);
  });

  it("session fixation: a cookie set before sign-in is never the one signed in", async () => {
    const { app, store } = await authApp(ctx);
    const ada = await addPerson(store, { name: "Ada", email: "ada@example.com" });
    await addPerson(store, { name: "Mallory", email: "mallory@example.com" });

    // an attacker plants a made-up session cookie
    const victim = new TestBrowser(app);
    victim.cookies.set("rungs_session", "planted-by-the-attacker-000000000000000000");
    await victim.signIn("ada@example.com");
    const after = victim.cookies.get("rungs_session");
    expect(after).toBeDefined();
    expect(after).not.toBe("planted-by-the-attacker-000000000000000000");
    expect(await store.sessions.lookup("planted-by-the-attacker-000000000000000000")).toBeUndefined();

    // the attacker plants their own live session: after the victim signs in it is ended, not reused
    const attacker = await signedIn(app, "mallory@example.com");
    const attackerToken = attacker.cookies.get("rungs_session") ?? "";
    const victim2 = new TestBrowser(app);
    victim2.cookies.set("rungs_session", attackerToken);
    await victim2.get("/sign-in");
    await victim2.post("/sign-in", { email: "ada@example.com", password: PASSWORD });
    const victimToken = victim2.cookies.get("rungs_session") ?? "";
    expect(victimToken).not.toBe(attackerToken);
    expect((await store.sessions.lookup(victimToken))?.person.id).toBe(ada.id);
    expect(await store.sessions.lookup(attackerToken)).toBeUndefined();

    // the pre-session CSRF cookie never becomes a session either
    const pre = new TestBrowser(app);
    await pre.get("/sign-in");
    const csrfCookie = pre.cookies.get("rungs_csrf") ?? "";
    expect(csrfCookie).toMatch(/^[\w-]{43}$/);
    await pre.post("/sign-in", { email: "ada@example.com", password: PASSWORD });
    expect(pre.cookies.get("rungs_session")).not.toBe(csrfCookie);
    expect(await store.sessions.lookup(csrfCookie)).toBeUndefined();
  });

  it("idle expiry: 8 hours without a request ends a session; activity keeps it alive until then", async () => {
    const { app, store, clock } = await authApp(ctx);
    await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const browser = await signedIn(app, "ada@example.com");
    clock.advance(7 * HOUR);
    expect((await browser.get("/account/")).status).toBe(200);
    clock.advance(7 * HOUR);
    expect((await browser.get("/account/")).status).toBe(200);
    clock.advance(8 * HOUR);
    const expired = await browser.get("/account/");
    expect(expired.status).toBe(302);
    // the dead cookie is dropped, and the page is anonymous (a Sign in link, no name)
    expect(expired.setCookies.some((c) => /^rungs_session=;/.test(c))).toBe(true);
    const home = await browser.get("/");
    expect(home.body).toContain(">Sign in</a>");
    expect(home.body.replace(/value="[\w-]{43}"/g, "")).not.toContain("Ada"); // a random CSRF token may spell it
  });

  it("absolute expiry: 30 days after sign-in the session ends however active it was", async () => {
    const { app, store, clock } = await authApp(ctx);
    await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const browser = await signedIn(app, "ada@example.com");
    for (let elapsed = 0; elapsed + 6 * HOUR < 30 * DAY; elapsed += 6 * HOUR) {
      clock.advance(6 * HOUR);
      expect((await browser.get("/api/account")).status).toBe(200);
    }
    clock.set(new Date(new Date("2030-01-01T00:00:00.000Z").getTime() + 30 * DAY).toISOString());
    expect((await browser.get("/api/account")).status).toBe(401);
  });

  it("expiry follows the configured durations", async () => {
    const { app, store, clock } = await authApp(ctx, { auth: { idleMs: HOUR, absoluteMs: 2 * HOUR } });
    await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const idle = await signedIn(app, "ada@example.com");
    const busy = await signedIn(app, "ada@example.com");
    clock.advance(50 * 60_000);
    expect((await busy.get("/api/account")).status).toBe(200);
    clock.advance(20 * 60_000);
    expect((await idle.get("/api/account")).status).toBe(401);
    expect((await busy.get("/api/account")).status).toBe(200);
    clock.advance(55 * 60_000);
    expect((await busy.get("/api/account")).status).toBe(401);
  });

  it("revoked sessions and deactivated people are signed out at once", async () => {
    const { app, store } = await authApp(ctx);
    const ada = await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const one = await signedIn(app, "ada@example.com");
    const two = await signedIn(app, "ada@example.com");
    const oneId = (await store.sessions.lookup(one.cookies.get("rungs_session") ?? ""))?.session.id ?? "";
    await store.sessions.revoke(oneId);
    expect((await one.get("/account/")).status).toBe(302);
    expect((await two.get("/account/")).status).toBe(200);
    await store.people.deactivate(ada.id);
    expect((await two.get("/account/")).status).toBe(302);
  });

  it("SQL-looking and script-looking input in every field is stored as typed and shown back inert", async () => {
    const { app, store } = await authApp(ctx);
    const name = `Robert'); DROP TABLE people;-- <script>alert("name")</script>`;
    const email = `o'reilly"--<svg/onload=alert(1)>@example.com`;
    const userAgent = `<img src=x onerror=alert("ua")> ' OR '1'='1`;
    const next = `/"><script>alert("next")</script>`;
    const token = await store.tokens.issue("setup", { ttlMs: SETUP_LINK_TTL_MS });
    const browser = new TestBrowser(app);
    browser.userAgent = userAgent;
    await browser.get(`/setup/${token}`);
    const created = await browser.post(`/setup/${token}`, {
      name,
      email,
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(created.status).toBe(303);
    const stored = await store.people.getByEmail(email);
    expect(stored?.name).toBe(name);
    expect(stored?.email).toBe(email);
    expect((await store.people.list()).total).toBe(1);

    const account = await browser.get("/account/");
    for (const hostile of [name, email, userAgent]) expect(account.body).not.toContain(hostile);
    expect(account.body).not.toMatch(/<script>alert|<svg\/onload|<img src=x/);
    expect(account.body).toContain(
      "Robert&#39;); DROP TABLE people;-- &lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;",
    );
    expect(account.body).toContain("o&#39;reilly&quot;--&lt;svg/onload=alert(1)&gt;@example.com");
    expect(account.body).toContain("&lt;img src=x onerror=alert(&quot;ua&quot;)&gt;");
    // the header shows the name escaped too
    expect((await browser.get("/")).body).toContain(">Robert&#39;); DROP TABLE people;-- &lt;script&gt;");

    // what the sign-in form echoes (the email and the place to return to) is escaped as well
    const signIn = new TestBrowser(app);
    await signIn.get(`/sign-in?next=${encodeURIComponent(next)}`);
    const failed = await signIn.post("/sign-in", {
      email: `${email}'; --`,
      password: "wrong wrong wrong",
      next,
    });
    expect(failed.status).toBe(401);
    expect(failed.body).not.toMatch(/<script>alert|<svg\/onload/);
    expect(failed.body).toContain('value="/&quot;&gt;&lt;script&gt;alert(&quot;next&quot;)&lt;/script&gt;"');
    // and the right credentials, typed with the hostile email, still work: the input was data, never SQL
    expect((await signIn.post("/sign-in", { email, password: PASSWORD })).status).toBe(303);
    expect((await store.people.list()).total).toBe(1);
  });

  it("a failed check never turns into a 500: odd bodies, odd ids, odd cookies", async () => {
    const { app, store } = await authApp(ctx);
    await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const browser = await signedIn(app, "ada@example.com");
    const odd: Answer[] = [
      await browser.request("POST", "/account/password", {
        body: "%%%not-a-form%%%",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
      }),
      await browser.request("POST", "/account/password", {
        body: "--x\r\nbroken multipart",
        headers: { "Content-Type": "multipart/form-data; boundary=x", Origin: ORIGIN },
      }),
      await browser.request("POST", "/account/password", {
        body: JSON.stringify({ current: PASSWORD }),
        headers: { "Content-Type": "application/json", Origin: ORIGIN },
      }),
    ];
    for (const answer of odd) expect(answer.status).toBe(403);
    const weird = new TestBrowser(app);
    weird.cookies.set("rungs_session", "x".repeat(5000));
    expect((await weird.get("/account/")).status).toBe(302);
    weird.cookies.set("rungs_session", "%ZZ");
    expect((await weird.get("/")).status).toBe(200);
    expect((await browser.post(`/account/sessions/${"'; drop table sessions;--"}/revoke`)).status).toBe(404);
  });
});
