import { expect, it } from "vitest";
import { exampleApp, get } from "../../../../test/support/app.js";
import {
  addPerson,
  authApp,
  ORIGIN,
  PASSWORD,
  signedIn,
  TestBrowser,
} from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";

describeEachDatabase("sign in and out", (ctx) => {
  it("looks up the notice a ?done= names as data: an inherited name such as constructor shows none", async () => {
    const { app } = await authApp(ctx);
    const page = await new TestBrowser(app).get("/sign-in?done=constructor");
    expect(page.status).toBe(200);
    expect(page.body).not.toContain("native code");
    expect(page.body).not.toContain('class="notice"');
  });

  it("signs in with email and password: a session cookie that is HttpOnly, SameSite=Lax, Path=/", async () => {
    const { app, store } = await authApp(ctx);
    const ada = await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    const browser = new TestBrowser(app);
    const page = await browser.get("/sign-in?next=%2Fframeworks%2Fengineering%2F");
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.body).toContain("<h1>Sign in</h1>");
    expect(page.body).toContain('<label for="sign-in-email">Email</label>');
    expect(page.body).toContain('name="next" value="/frameworks/engineering/"');

    const answer = await browser.post("/sign-in", {
      email: " ADA@example.com ",
      password: PASSWORD,
      next: "/frameworks/engineering/",
    });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe("/frameworks/engineering/");
    const cookie = answer.setCookies.find((c) => c.startsWith("rungs_session="));
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    expect(cookie).toMatch(/Max-Age=2592000/);
    // the answer that hands over a session is the person's own, as every answer to them after it
    expect(answer.headers.get("cache-control")).toBe("private, no-store");
    const sessions = await store.sessions.listFor(ada.id);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.userAgent).toContain("Chrome");

    // the header now names the person and offers a sign-out form carrying the session's CSRF token
    const home = await browser.get("/");
    expect(home.body).toContain('<a href="/account/">Ada Lovelace</a>');
    expect(home.body).toMatch(
      /<form method="post" action="\/sign-out"><input type="hidden" name="_csrf" value="[\w-]{43}"\/>/,
    );
    expect(home.body).not.toContain(">Sign in<");
    expect(home.headers.get("cache-control")).toBe("private, no-store");
  });

  it("marks the cookie Secure over HTTPS, and behind a trusted proxy that says HTTPS", async () => {
    await addPerson((await authApp(ctx)).store, { name: "Ada", email: "ada@example.com" });
    const direct = new TestBrowser((await authApp(ctx)).app);
    await direct.request("GET", "https://rungs.example/sign-in");
    const body = new URLSearchParams({
      email: "ada@example.com",
      password: PASSWORD,
      _csrf: direct.csrf ?? "",
    });
    const https = await direct.request("POST", "https://rungs.example/sign-in", {
      body: body.toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://rungs.example" },
    });
    expect(https.status).toBe(303);
    expect(https.setCookies.find((c) => c.startsWith("rungs_session="))).toMatch(/; Secure/);

    const proxied = new TestBrowser((await authApp(ctx, { auth: { trustProxy: true } })).app);
    proxied.extraHeaders = { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "rungs.example" };
    await proxied.get("/sign-in");
    const viaProxy = await proxied.post(
      "/sign-in",
      { email: "ada@example.com", password: PASSWORD },
      { origin: "https://rungs.example" },
    );
    expect(viaProxy.status).toBe(303);
    expect(viaProxy.setCookies.find((c) => c.startsWith("rungs_session="))).toMatch(/; Secure/);

    // without trusting the proxy, its headers mean nothing: no Secure, and its origin is not ours
    const untrusted = new TestBrowser((await authApp(ctx)).app);
    untrusted.extraHeaders = { "X-Forwarded-Proto": "https" };
    await untrusted.get("/sign-in");
    expect(
      (
        await untrusted.post(
          "/sign-in",
          { email: "ada@example.com", password: PASSWORD },
          { origin: "https://rungs.example" },
        )
      ).status,
    ).toBe(403);
    const plain = await untrusted.post("/sign-in", { email: "ada@example.com", password: PASSWORD });
    expect(plain.setCookies.find((c) => c.startsWith("rungs_session="))).not.toMatch(/Secure/);
  });

  it("sends HSTS only over HTTPS: directly, or behind a proxy declared trusted that says so", async () => {
    const hsts = async (trustProxy: boolean, url: string, headers: Record<string, string> = {}) =>
      (await (await authApp(ctx, { auth: { trustProxy } })).app.request(url, { headers })).headers.get(
        "strict-transport-security",
      );
    expect(await hsts(false, "http://rungs.example/sign-in")).toBeNull();
    expect(await hsts(false, "https://rungs.example/sign-in")).toBe("max-age=15552000; includeSubDomains");
    // a proxy's word counts only when the operator declared it trusted
    expect(await hsts(false, "http://rungs.example/", { "X-Forwarded-Proto": "https" })).toBeNull();
    expect(await hsts(true, "http://rungs.example/", { "X-Forwarded-Proto": "https" })).toBe(
      "max-age=15552000; includeSubDomains",
    );
    expect(await hsts(true, "http://rungs.example/", { "X-Forwarded-Proto": "http" })).toBeNull();
    // the framework pages of an app without sign-in, over plain HTTP
    expect((await get((await exampleApp()).app, "/")).headers.get("strict-transport-security")).toBeNull();
  });

  it("refuses a wrong password, an unknown email and a deactivated account with the same message", async () => {
    const { app, store } = await authApp(ctx);
    await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const gone = await addPerson(store, { name: "Former", email: "former@example.com" });
    await store.people.deactivate(gone.id);
    const browser = new TestBrowser(app);
    await browser.get("/sign-in");
    const bodies: string[] = [];
    for (const [email, password] of [
      ["ada@example.com", "not the password at all"],
      ["nobody@example.com", PASSWORD],
      ["former@example.com", PASSWORD],
    ] as const) {
      const answer = await browser.post("/sign-in", { email, password });
      expect(answer.status).toBe(401);
      expect(answer.body).toContain("The email or password is not right.");
      expect(answer.setCookies.some((c) => c.startsWith("rungs_session="))).toBe(false);
      bodies.push(answer.body.replace(email, "EMAIL").replace(/value="[\w-]{43}"/g, ""));
    }
    expect(new Set(bodies).size).toBe(1);
    // the email typed is kept in the form, the password never is
    const again = await browser.post("/sign-in", {
      email: "ada@example.com",
      password: "not the password at all",
    });
    expect(again.body).toContain('value="ada@example.com"');
    expect(again.body).not.toContain("not the password at all");
  });

  it("asks for both fields when one is empty, without counting an attempt", async () => {
    const { app, store } = await authApp(ctx);
    const browser = new TestBrowser(app);
    await browser.get("/sign-in");
    const answer = await browser.post("/sign-in", { email: "", password: "" });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("Enter your email address.");
    expect(answer.body).toContain("Enter your password.");
    expect(answer.body).toContain('aria-invalid="true"');
    expect(await store.database.db.selectFrom("rate_limits").selectAll().execute()).toEqual([]);
  });

  it("returns only to local pages after signing in", async () => {
    const { app, store } = await authApp(ctx);
    await addPerson(store, { name: "Ada", email: "ada@example.com" });
    for (const [next, expected] of [
      ["//evil.example/", "/"],
      ["/\\evil.example/", "/"],
      ["https://evil.example/", "/"],
      ["/frameworks/engineering/matrix/?q=x", "/frameworks/engineering/matrix/?q=x"],
    ] as const) {
      const browser = new TestBrowser(app);
      await browser.get("/sign-in");
      const answer = await browser.post("/sign-in", { email: "ada@example.com", password: PASSWORD, next });
      expect(answer.location, next).toBe(expected);
    }
  });

  /** A browser that signs in from `address` (the app trusts the proxy that reports it). */
  async function clientAt(app: TestBrowser["app"], address: string): Promise<TestBrowser> {
    const browser = new TestBrowser(app);
    browser.extraHeaders = { "X-Forwarded-For": address };
    await browser.get("/sign-in");
    return browser;
  }
  const WRONG = { email: "ada@example.com", password: "wrong wrong wrong" };
  const RIGHT = { email: "ada@example.com", password: PASSWORD };
  const retryAfter = (answer: { headers: Headers }) => Number(answer.headers.get("retry-after"));

  it("throttles failures per account and client: five at once, then waits that double, even for the right password", async () => {
    const { app, store, clock } = await authApp(ctx, { auth: { trustProxy: true } });
    await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const mallory = await clientAt(app, "198.51.100.66");
    for (let i = 1; i <= 4; i++) {
      const answer = await mallory.post("/sign-in", WRONG);
      expect(answer.status).toBe(401);
      expect(answer.body).not.toContain("must wait");
    }
    const fifth = await mallory.post("/sign-in", WRONG);
    expect(fifth.status).toBe(401);
    expect(fifth.body).toContain("the next try from here must wait a second");
    for (const [step, wait] of [
      [6, 1],
      [7, 2],
      [8, 4],
    ] as const) {
      const early = await mallory.post("/sign-in", { ...RIGHT, email: "ADA@example.com" });
      expect(early.status, `try ${step} before its wait`).toBe(429);
      expect(retryAfter(early)).toBe(wait);
      expect(early.body).toContain(
        `Please wait ${wait === 1 ? "a second" : `${wait} seconds`} and try again`,
      );
      expect(early.setCookies.some((c) => c.startsWith("rungs_session="))).toBe(false);
      clock.advance(wait * 1000);
      expect((await mallory.post("/sign-in", WRONG)).status, `try ${step} after its wait`).toBe(401);
    }
    // after the wait, the right password signs in and the run of failures is forgotten
    clock.advance(8_000);
    expect((await mallory.post("/sign-in", RIGHT)).status).toBe(303);
    const fresh = await clientAt(app, "198.51.100.66");
    expect((await fresh.post("/sign-in", WRONG)).body).not.toContain("must wait");
  });

  it("a dozen failures from one client do not delay the person's own sign-in from another", async () => {
    const { app, store, clock } = await authApp(ctx, { auth: { trustProxy: true } });
    await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const mallory = await clientAt(app, "198.51.100.66");
    let failures = 0;
    while (failures < 12) {
      const answer = await mallory.post("/sign-in", WRONG);
      if (answer.status === 429) clock.advance(retryAfter(answer) * 1000);
      else if (answer.status === 401) failures++;
      else throw new Error(`unexpected ${answer.status}`);
    }
    // Mallory now waits 2^(12-5) = 128 s per try, and hammering meanwhile counts for nothing
    const blocked = await mallory.post("/sign-in", WRONG);
    expect(retryAfter(blocked)).toBe(128);
    for (let i = 0; i < 60; i++) expect((await mallory.post("/sign-in", WRONG)).status).toBe(429);

    // Ada, at her own address, is not delayed at all: no wait, straight in
    const ada = await clientAt(app, "203.0.113.5");
    const signedIn = await ada.post("/sign-in", RIGHT);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("retry-after")).toBeNull();
    // and her own typo costs her nothing either
    const other = await clientAt(app, "203.0.113.6");
    expect((await other.post("/sign-in", WRONG)).body).not.toContain("must wait");
  });

  it("guessing spread over many clients hits the ceiling per account (50 checks per 15 minutes)", async () => {
    const { app, store, clock } = await authApp(ctx, { auth: { trustProxy: true } });
    await addPerson(store, { name: "Ada", email: "ada@example.com" });
    await addPerson(store, { name: "Grace", email: "grace@example.com" });
    for (let client = 0; client < 10; client++) {
      const guesser = await clientAt(app, `198.51.100.${client}`);
      for (let i = 0; i < 5; i++) expect((await guesser.post("/sign-in", WRONG)).status).toBe(401);
    }
    const ada = await clientAt(app, "203.0.113.5");
    const ceiling = await ada.post("/sign-in", RIGHT);
    expect(ceiling.status).toBe(429);
    expect(retryAfter(ceiling)).toBeGreaterThan(0);
    expect(retryAfter(ceiling)).toBeLessThanOrEqual(15 * 60);
    expect(ceiling.body).toContain("Too many attempts");
    // another account is not held up by Ada's ceiling
    expect((await ada.post("/sign-in", { ...RIGHT, email: "grace@example.com" })).status).toBe(303);
    // the window passes
    clock.advance(retryAfter(ceiling) * 1000);
    expect((await (await clientAt(app, "203.0.113.5")).post("/sign-in", RIGHT)).status).toBe(303);
  });

  it("rate-limits sign-in per address (behind a trusted proxy, per client address it reports)", async () => {
    const { app, store } = await authApp(ctx, {
      auth: { trustProxy: true, signInPerAddress: { limit: 5, windowMs: 15 * 60_000 } },
    });
    await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const browser = new TestBrowser(app);
    browser.extraHeaders = { "X-Forwarded-For": "198.51.100.7" };
    await browser.get("/sign-in");
    for (let i = 0; i < 5; i++) {
      expect(
        (await browser.post("/sign-in", { email: `guess${i}@example.com`, password: "wrong wrong wrong" }))
          .status,
      ).toBe(401);
    }
    expect((await browser.post("/sign-in", { email: "ada@example.com", password: PASSWORD })).status).toBe(
      429,
    );
    // the last entry is what our proxy saw; a client-supplied first entry changes nothing
    browser.extraHeaders = { "X-Forwarded-For": "203.0.113.1, 198.51.100.7" };
    expect((await browser.post("/sign-in", { email: "ada@example.com", password: PASSWORD })).status).toBe(
      429,
    );
    browser.extraHeaders = { "X-Forwarded-For": "198.51.100.8" };
    expect((await browser.post("/sign-in", { email: "ada@example.com", password: PASSWORD })).status).toBe(
      303,
    );
  });

  it("signs out: the session ends on the server and the cookie is cleared", async () => {
    const { app, store } = await authApp(ctx);
    const ada = await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const browser = await signedIn(app, "ada@example.com");
    const token = browser.cookies.get("rungs_session") ?? "";
    const answer = await browser.post("/sign-out");
    expect(answer.status).toBe(303);
    expect(answer.location).toBe("/sign-in?done=signed-out");
    expect(answer.setCookies.some((c) => /^rungs_session=;.*Max-Age=0/.test(c))).toBe(true);
    expect(await store.sessions.listFor(ada.id)).toEqual([]);
    expect(await store.sessions.lookup(token)).toBeUndefined();
    const page = await browser.get("/sign-in?done=signed-out");
    expect(page.body).toContain("You have signed out.");
    // with no live session, a sign-out (say from a page left open) just clears cookies
    const stale = new TestBrowser(app);
    stale.cookies.set("rungs_session", token);
    expect((await stale.post("/sign-out", {}, { csrf: null })).status).toBe(303);
  });

  it("shows a Sign in link in the header, but not on the sign-in page itself", async () => {
    const { app } = await authApp(ctx);
    const home = await get(app, "/frameworks/engineering/matrix/");
    expect(home.body).toContain(
      '<a href="/sign-in?next=%2Fframeworks%2Fengineering%2Fmatrix%2F">Sign in</a>',
    );
    expect((await get(app, "/sign-in")).body).not.toContain(">Sign in</a>");
  });

  it("RUNGS_REQUIRE_LOGIN: pages redirect to sign in and back, the API answers 401, sign-in pages stay open", async () => {
    const { app, store } = await authApp(ctx, { auth: { requireLogin: true } });
    await addPerson(store, { name: "Ada", email: "ada@example.com" });
    const page = await get(app, "/frameworks/engineering/levels/senior/?x=1");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe(
      "/sign-in?next=%2Fframeworks%2Fengineering%2Flevels%2Fsenior%2F%3Fx%3D1",
    );
    expect((await get(app, "/")).status).toBe(302);
    expect((await get(app, "/no/such/page")).status).toBe(302);
    const api = await get(app, "/api/frameworks");
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ error: "sign in required" });
    expect((await get(app, "/sign-in")).status).toBe(200);
    expect((await get(app, "/assets/app.css")).status).toBe(200);

    const browser = new TestBrowser(app);
    await browser.get("/sign-in?next=%2Fframeworks%2Fengineering%2Flevels%2Fsenior%2F");
    const answer = await browser.post("/sign-in", {
      email: "ada@example.com",
      password: PASSWORD,
      next: "/frameworks/engineering/levels/senior/",
    });
    expect(answer.location).toBe("/frameworks/engineering/levels/senior/");
    expect((await browser.get("/frameworks/engineering/levels/senior/")).status).toBe(200);
    expect((await browser.get("/api/frameworks")).status).toBe(200);
  });

  it("keeps framework pages public by default, and never serves one person's page to another from the cache", async () => {
    const { app, store } = await authApp(ctx);
    await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    await addPerson(store, { name: "Grace Hopper", email: "grace@example.com" });
    const ada = await signedIn(app, "ada@example.com");
    const grace = await signedIn(app, "grace@example.com");
    expect((await ada.get("/frameworks/engineering/")).body).toContain("Ada Lovelace");
    const graceView = (await grace.get("/frameworks/engineering/")).body;
    expect(graceView).toContain("Grace Hopper");
    expect(graceView).not.toContain("Ada Lovelace");
    const anonymous = await get(app, "/frameworks/engineering/");
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).not.toMatch(/Ada Lovelace|Grace Hopper|name="_csrf"/);
    expect(anonymous.headers.get("vary")).toContain("Cookie");
  });
});

it("without a store the app has no sign-in: no routes, no header link, no cookies", async () => {
  const { app } = await exampleApp();
  expect((await get(app, "/sign-in")).status).toBe(404);
  expect((await get(app, "/account/")).status).toBe(404);
  const home = await get(app, "/");
  expect(home.body).not.toContain("Sign in");
  expect(home.headers.get("set-cookie")).toBeNull();
  const post = await app.request("/sign-in", { method: "POST", headers: { Origin: ORIGIN } });
  expect(post.status).toBe(404);
});
