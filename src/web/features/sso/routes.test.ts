import { afterEach, describe, expect, it } from "vitest";
import { type Answer, addPerson, authApp, ORIGIN, TestBrowser } from "../../../../test/support/auth.js";
import { type DatabaseContext, describeEachDatabase } from "../../../../test/support/databases.js";
import {
  deadAddress,
  type ProviderOptions,
  type ProviderUser,
  TestOidcProvider,
} from "../../../../test/support/oidc-provider.js";
import { type AuthOptions, OIDC_STATE_TTL_MS, type OidcOptions } from "../../auth/config.js";
import type { App } from "../../context.js";

const CALLBACK = `${ORIGIN}/sign-in/sso/callback/`;
const ADA: ProviderUser = {
  sub: "ada-0001",
  email: "ada@example.com",
  email_verified: true,
  name: "Ada Lovelace",
};

const providers: TestOidcProvider[] = [];
afterEach(async () => {
  for (const provider of providers.splice(0)) await provider.close();
});

async function startProvider(options: ProviderOptions = {}): Promise<TestOidcProvider> {
  const provider = await TestOidcProvider.start({ redirectUris: [CALLBACK], ...options });
  providers.push(provider);
  return provider;
}

function oidcOf(provider: TestOidcProvider, extra: Partial<OidcOptions> = {}): OidcOptions {
  return {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    ...extra,
  };
}

/** The app with single sign-on at a fresh test provider, where Ada is signed in unless the test says otherwise. */
async function ssoApp(
  ctx: DatabaseContext,
  options: { provider?: ProviderOptions; oidc?: Partial<OidcOptions>; auth?: AuthOptions } = {},
) {
  const provider = await startProvider(options.provider);
  provider.user = ADA;
  const setup = await authApp(ctx, { auth: { ...options.auth, oidc: oidcOf(provider, options.oidc) } });
  return { ...setup, provider };
}

/** Starts single sign-on in the browser and returns the provider's answer (where it sends the browser). */
async function start(browser: TestBrowser, path = "/sign-in/sso/"): Promise<{ started: Answer; back: URL }> {
  const started = await browser.get(path);
  expect(started.status, started.body).toBe(302);
  const atProvider = await fetch(started.location ?? "", { redirect: "manual" });
  expect(atProvider.status, await atProvider.clone().text()).toBe(302);
  const back = new URL(atProvider.headers.get("location") ?? "");
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
  return { started, back };
}

/** The whole round trip: start, the provider, and the callback in the app. */
async function signInThroughProvider(browser: TestBrowser, path?: string): Promise<Answer> {
  const { back } = await start(browser, path);
  return browser.get(`${back.pathname}${back.search}`);
}

function sessionCookieSet(answer: Answer): boolean {
  return answer.setCookies.some((c) => /^rungs_session=[^;]+/.test(c));
}

async function isSignedInAs(app: App, browser: TestBrowser, name: string): Promise<void> {
  const account = await new TestBrowser(app).get("/account/");
  expect(account.status).toBe(302);
  const mine = await browser.get("/account/");
  expect(mine.status).toBe(200);
  expect(mine.body).toContain(name);
}

describeEachDatabase("single sign-on with OpenID Connect", (ctx) => {
  it("offers the button on the sign-in page only when configured, carrying where to go next", async () => {
    const { app } = await ssoApp(ctx, { oidc: { label: "Okta" } });
    const page = await new TestBrowser(app).get("/sign-in?next=%2Fframeworks%2Fengineering%2F");
    expect(page.status).toBe(200);
    expect(page.body).toContain(
      '<a class="button" href="/sign-in/sso/?next=%2Fframeworks%2Fengineering%2F">Sign in with Okta</a>',
    );
    // the password form stays for people without the provider (the admins set up from the CLI)
    expect(page.body).toContain('name="password"');

    const plain = await authApp(ctx);
    const without = await new TestBrowser(plain.app).get("/sign-in");
    expect(without.body).not.toContain("/sign-in/sso/");
    expect((await new TestBrowser(plain.app).get("/sign-in/sso/")).status).toBe(404);

    const defaults = await ssoApp(ctx);
    expect((await new TestBrowser(defaults.app).get("/sign-in")).body).toContain(
      ">Sign in with single sign-on</a>",
    );
  });

  it("signs a known person in: code flow with PKCE, state and nonce, a new session, back to `next`", async () => {
    const { app, store, provider } = await ssoApp(ctx);
    const ada = await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com", password: null });
    const browser = new TestBrowser(app);
    const { started, back } = await start(browser, "/sign-in/sso/?next=%2Fframeworks%2Fengineering%2F");

    const authorize = new URL(started.location ?? "");
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${provider.issuer}/authorize`);
    const asked = authorize.searchParams;
    expect(asked.get("response_type")).toBe("code");
    expect(asked.get("client_id")).toBe(provider.clientId);
    expect(asked.get("redirect_uri")).toBe(CALLBACK);
    expect(asked.get("scope")).toBe("openid email profile");
    expect(asked.get("code_challenge_method")).toBe("S256");
    expect(asked.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(asked.get("nonce")).toMatch(/^[\w-]{20,}$/);
    expect(asked.get("state")).toMatch(/^[\w-]{43}$/);
    expect(started.location).not.toContain(encodeURIComponent(provider.clientSecret));
    expect(started.headers.get("cache-control")).toBe("no-store");
    // only the state's hash is stored, with the nonce and the verifier (never sent to the browser)
    const rows = await store.database.db.selectFrom("one_time_tokens").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.purpose).toBe("oidc-state");
    expect(rows[0]?.hash).not.toBe(asked.get("state"));
    const stored = JSON.parse(rows[0]?.payload ?? "{}");
    expect(stored.nonce).toBe(asked.get("nonce"));
    expect(stored.next).toBe("/frameworks/engineering/");
    expect(started.location).not.toContain(stored.verifier);

    const answer = await browser.get(`${back.pathname}${back.search}`);
    expect(answer.status, answer.body).toBe(303);
    expect(answer.location).toBe("/frameworks/engineering/");
    expect(answer.setCookies.find((c) => c.startsWith("rungs_session="))).toMatch(/HttpOnly.*SameSite=Lax/);
    expect(await store.sessions.listFor(ada.id)).toHaveLength(1);
    await isSignedInAs(app, browser, "Ada Lovelace");
    // client_secret_basic when the provider offers it; the provider saw one good exchange
    expect(provider.tokenRequests).toEqual([{ method: "client_secret_basic", outcome: "ok" }]);

    // a second sign-in rotates the session and uses the discovery made the first time
    const again = await signInThroughProvider(browser);
    expect(again.status).toBe(303);
    expect(again.location).toBe("/");
    expect(await store.sessions.listFor(ada.id)).toHaveLength(1);
    expect(provider.discoveries).toBe(1);
  });

  it("matches the email ignoring case, and reads it from userinfo when the ID token leaves it out", async () => {
    const { app, store, provider } = await ssoApp(ctx);
    await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    provider.user = { ...ADA, email: "ADA@Example.COM" };
    const browser = new TestBrowser(app);
    expect((await signInThroughProvider(browser)).status).toBe(303);
    await isSignedInAs(app, browser, "Ada Lovelace");

    provider.emailInIdToken = false;
    provider.user = ADA;
    const other = new TestBrowser(app);
    expect((await signInThroughProvider(other)).status).toBe(303);
    await isSignedInAs(app, other, "Ada Lovelace");
  });

  it("authenticates with client_secret_post when that is all the provider offers", async () => {
    const { app, store, provider } = await ssoApp(ctx, { provider: { authMethods: ["client_secret_post"] } });
    await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    expect((await signInThroughProvider(new TestBrowser(app))).status).toBe(303);
    expect(provider.tokenRequests).toEqual([{ method: "client_secret_post", outcome: "ok" }]);
  });

  it("refuses an unverified email and a missing one", async () => {
    const { app, store, provider } = await ssoApp(ctx, { oidc: { autoCreate: true } });
    const ada = await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    provider.user = { ...ADA, email_verified: false };
    const browser = new TestBrowser(app);
    const unverified = await signInThroughProvider(browser);
    expect(unverified.status).toBe(403);
    expect(unverified.body).toContain("Your email address is not verified");
    expect(sessionCookieSet(unverified)).toBe(false);

    provider.user = { sub: "ada-0001", name: "Ada Lovelace" };
    const missing = await signInThroughProvider(browser);
    expect(missing.status).toBe(403);
    expect(missing.body).toContain("No email address from the identity provider");
    expect(sessionCookieSet(missing)).toBe(false);
    expect(await store.sessions.listFor(ada.id)).toEqual([]);
    expect((await store.people.list()).total).toBe(1);
  });

  it("refuses someone it does not know, and a deactivated person, with one answer", async () => {
    const { app, store, provider } = await ssoApp(ctx);
    const grace = await addPerson(store, { name: "Grace Hopper", email: "grace@example.com" });
    await store.people.deactivate(grace.id);
    const unknown = await signInThroughProvider(new TestBrowser(app));
    expect(unknown.status).toBe(403);
    expect(unknown.body).toContain("No account for that email");
    expect(unknown.body).toContain("ada@example.com");
    expect(unknown.body).toContain("Ask an admin");
    expect(sessionCookieSet(unknown)).toBe(false);
    expect(await store.people.getByEmail("ada@example.com")).toBeUndefined();

    provider.user = { sub: "grace-1", email: "grace@example.com", email_verified: true, name: "Grace" };
    const deactivated = await signInThroughProvider(new TestBrowser(app));
    expect(deactivated.status).toBe(403);
    expect(sessionCookieSet(deactivated)).toBe(false);
    const strip = (body: string) => body.replace(/(ada|grace)@example\.com/g, "EMAIL");
    expect(strip(deactivated.body)).toBe(strip(unknown.body));
    expect(await store.sessions.listFor(grace.id)).toEqual([]);
  });

  it("with autoCreate, adds a person on their first sign-in (never a deactivated one)", async () => {
    const { app, store, provider } = await ssoApp(ctx, { oidc: { autoCreate: true } });
    const first = await signInThroughProvider(new TestBrowser(app));
    expect(first.status).toBe(303);
    const ada = await store.people.getByEmail("ada@example.com");
    expect(ada).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com", admin: false, active: true });
    expect(ada?.hasPassword).toBe(false);
    // the next sign-in finds the same person
    const browser = new TestBrowser(app);
    expect((await signInThroughProvider(browser)).status).toBe(303);
    await isSignedInAs(app, browser, "Ada Lovelace");
    expect((await store.people.list()).total).toBe(1);

    // no name from the provider: the email's local part
    provider.user = { sub: "x-2", email: "Linus.T@example.com", email_verified: true };
    expect((await signInThroughProvider(new TestBrowser(app))).status).toBe(303);
    expect((await store.people.getByEmail("linus.t@example.com"))?.name).toBe("Linus.T");

    // someone deactivated stays out: they are not created again
    if (ada) await store.people.deactivate(ada.id);
    provider.user = ADA;
    expect((await signInThroughProvider(new TestBrowser(app))).status).toBe(403);
    expect((await store.people.list()).total).toBe(2);
  });

  it("refuses a replayed, tampered, expired or carried-over callback, without exchanging its code", async () => {
    const { app, store, clock, provider } = await ssoApp(ctx);
    await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    const expectRefused = (answer: Answer) => {
      expect(answer.status).toBe(400);
      expect(answer.body).toContain("This sign-in link has expired or was already used");
      expect(answer.body).toContain('href="/sign-in/sso/"');
      expect(sessionCookieSet(answer)).toBe(false);
    };

    // replayed: the state is used up by the first callback
    const browser = new TestBrowser(app);
    const { back } = await start(browser);
    const callback = `${back.pathname}${back.search}`;
    expect((await browser.get(callback)).status).toBe(303);
    expectRefused(await browser.get(callback));
    expect(provider.tokenRequests).toHaveLength(1);

    // tampered or missing state
    const tampered = new TestBrowser(app);
    const trip = await start(tampered);
    const state = trip.back.searchParams.get("state") ?? "";
    trip.back.searchParams.set("state", `${state.slice(0, -1)}${state.endsWith("A") ? "B" : "A"}`);
    expectRefused(await tampered.get(`${trip.back.pathname}${trip.back.search}`));
    trip.back.searchParams.delete("state");
    expectRefused(await tampered.get(`${trip.back.pathname}${trip.back.search}`));

    // taken to another browser (login CSRF): refused, and used up for the one that started it too
    const victim = new TestBrowser(app);
    const attackers = await start(new TestBrowser(app));
    expectRefused(await victim.get(`${attackers.back.pathname}${attackers.back.search}`));

    // expired: the round trip took longer than ten minutes
    const slow = new TestBrowser(app);
    const late = await start(slow);
    clock.advance(OIDC_STATE_TTL_MS + 1);
    expectRefused(await slow.get(`${late.back.pathname}${late.back.search}`));

    expect(provider.tokenRequests).toHaveLength(1);
  });

  it("shows the provider's refusal inert, with a way to try again", async () => {
    const { app, provider } = await ssoApp(ctx);
    provider.refuseWith = "access_denied";
    const browser = new TestBrowser(app);
    const declined = await signInThroughProvider(browser, "/sign-in/sso/?next=%2Fpeople%2F");
    expect(declined.status).toBe(401);
    expect(declined.body).toContain("The identity provider did not sign you in");
    expect(declined.body).toContain("<code>access_denied</code>");
    expect(declined.body).toContain('href="/sign-in/sso/?next=%2Fpeople%2F"');
    expect(sessionCookieSet(declined)).toBe(false);

    // whatever the error says is text, never markup
    const { started } = await start(browser);
    const state = new URL(started.location ?? "").searchParams.get("state") ?? "";
    const forged = new URLSearchParams({
      state,
      error: '<img src=x onerror="alert(1)">',
      error_description: "<script>alert(2)</script>",
    });
    const shown = await browser.get(`/sign-in/sso/callback/?${forged}`);
    expect(shown.status).toBe(400);
    expect(shown.body).not.toContain("<img src=x");
    expect(shown.body).not.toContain("<script>alert");
    expect(shown.body).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(provider.tokenRequests).toEqual([]);
  });

  it("says so, without a 500 or a stack trace, when the provider refuses rungs' client secret", async () => {
    const { app, store, provider } = await ssoApp(ctx, { oidc: { clientSecret: "not the secret" } });
    const ada = await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    const answer = await signInThroughProvider(new TestBrowser(app));
    expect(answer.status).toBe(502);
    expect(answer.headers.get("content-type")).toContain("text/html");
    expect(answer.body).toContain("Single sign-on did not work");
    expect(answer.body).not.toMatch(/invalid_client|Error:|at .*\.js/);
    expect(answer.body).not.toContain("not the secret");
    expect(sessionCookieSet(answer)).toBe(false);
    expect(provider.tokenRequests).toEqual([{ method: "client_secret_basic", outcome: "invalid_client" }]);
    expect(await store.sessions.listFor(ada.id)).toEqual([]);
  });

  it("keeps the sign-in page working when the provider cannot be reached, and says so on the SSO route", async () => {
    const { app } = await authApp(ctx, {
      auth: { oidc: { issuer: await deadAddress(), clientId: "rungs", clientSecret: "secret" } },
    });
    const browser = new TestBrowser(app);
    const page = await browser.get("/sign-in");
    expect(page.status).toBe(200);
    expect(page.body).toContain("Sign in with single sign-on");
    const sso = await browser.get("/sign-in/sso/?next=%2Fpeople%2F");
    expect(sso.status).toBe(503);
    expect(sso.body).toContain("The identity provider could not be reached");
    expect(sso.body).toContain('href="/sign-in?next=%2Fpeople%2F"');
    expect(sso.headers.get("cache-control")).toBe("no-store");
  });

  it("says the provider could not be reached when it goes away during the round trip", async () => {
    const { app, store, provider } = await ssoApp(ctx);
    await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    const browser = new TestBrowser(app);
    const { back } = await start(browser);
    await provider.close();
    const answer = await browser.get(`${back.pathname}${back.search}`);
    expect(answer.status).toBe(503);
    expect(answer.body).toContain("The identity provider could not be reached");
    expect(sessionCookieSet(answer)).toBe(false);
  });

  it("returns only to local pages", async () => {
    const { app, store } = await ssoApp(ctx);
    await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    for (const [next, expected] of [
      ["//evil.example/", "/"],
      ["/\\evil.example/", "/"],
      ["https://evil.example/", "/"],
      ["/frameworks/engineering/matrix/?q=x", "/frameworks/engineering/matrix/?q=x"],
    ] as const) {
      const answer = await signInThroughProvider(
        new TestBrowser(app),
        `/sign-in/sso/?next=${encodeURIComponent(next)}`,
      );
      expect(answer.location, next).toBe(expected);
    }
  });

  it("HEAD neither starts a round trip nor finishes one: no state row written or used up", async () => {
    const { app, store } = await ssoApp(ctx);
    await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    const browser = new TestBrowser(app);
    const stateRows = async () =>
      (await store.database.db.selectFrom("one_time_tokens").select("used_at").execute()).map((r) =>
        r.used_at === null ? "unused" : "used",
      );

    const probed = await browser.request("HEAD", "/sign-in/sso/?next=%2F");
    expect(probed.status).toBe(405);
    expect(probed.headers.get("allow")).toBe("GET");
    expect(probed.location).toBeNull();
    expect(await stateRows()).toEqual([]);

    // a real start, then a link checker probing the callback URL it leads to
    const { back } = await start(browser);
    expect(await stateRows()).toEqual(["unused"]);
    const probedBack = await browser.request("HEAD", `${back.pathname}${back.search}`);
    expect(probedBack.status).toBe(405);
    expect(sessionCookieSet(probedBack)).toBe(false);
    expect(await stateRows()).toEqual(["unused"]);
    // the person's own browser still finishes the round trip
    expect((await browser.get(`${back.pathname}${back.search}`)).status).toBe(303);
  });

  it("counts starts per client address like password attempts, and says how long to wait", async () => {
    const { app, store } = await ssoApp(ctx, {
      auth: { trustProxy: true, signInPerAddress: { limit: 3, windowMs: 15 * 60_000 } },
    });
    const browser = new TestBrowser(app);
    browser.extraHeaders = { "X-Forwarded-For": "198.51.100.7" };
    for (let i = 0; i < 3; i++) expect((await browser.get("/sign-in/sso/")).status).toBe(302);
    const refused = await browser.get("/sign-in/sso/");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.body).toContain("Too many attempts");
    expect(await store.database.db.selectFrom("one_time_tokens").select("hash").execute()).toHaveLength(3);
    // another address starts as usual
    browser.extraHeaders = { "X-Forwarded-For": "198.51.100.8" };
    expect((await browser.get("/sign-in/sso/")).status).toBe(302);
  });

  it("works with RUNGS_REQUIRE_LOGIN, whose pages send signed-out people to sign in", async () => {
    const { app, store } = await ssoApp(ctx, { auth: { requireLogin: true } });
    await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    const browser = new TestBrowser(app);
    const page = await browser.get("/frameworks/engineering/");
    expect(page.location).toBe("/sign-in?next=%2Fframeworks%2Fengineering%2F");
    const answer = await signInThroughProvider(browser, "/sign-in/sso/?next=%2Fframeworks%2Fengineering%2F");
    expect(answer.location).toBe("/frameworks/engineering/");
    expect((await browser.get("/frameworks/engineering/")).status).toBe(200);
  });
});

describe("the test provider refuses what a real one refuses", () => {
  async function authorize(provider: TestOidcProvider, challenge: string, redirectUri = CALLBACK) {
    const url = new URL(`${provider.issuer}/authorize`);
    url.search = new URLSearchParams({
      response_type: "code",
      client_id: provider.clientId,
      redirect_uri: redirectUri,
      scope: "openid email",
      state: "s",
      code_challenge: challenge,
      code_challenge_method: "S256",
    }).toString();
    return fetch(url, { redirect: "manual" });
  }

  function exchange(
    provider: TestOidcProvider,
    code: string,
    verifier: string,
    secret = provider.clientSecret,
  ) {
    return fetch(`${provider.issuer}/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: CALLBACK,
        code_verifier: verifier,
        client_id: provider.clientId,
        client_secret: secret,
      }),
    });
  }

  it("an unregistered redirect URI, a wrong secret, a wrong verifier, a reused code", async () => {
    const provider = await startProvider();
    provider.user = ADA;
    // verifier "v".repeat(43) and its S256 challenge
    const verifier = "v".repeat(43);
    const challenge = "7w_YNF9DSfIdPf_pRjSq646_kPr-2-o9NAl16JGghdM";
    expect((await authorize(provider, challenge, "https://evil.example/callback")).status).toBe(400);

    const codeOf = async () =>
      new URL((await authorize(provider, challenge)).headers.get("location") ?? "").searchParams.get(
        "code",
      ) ?? "";
    expect((await exchange(provider, await codeOf(), verifier, "wrong")).status).toBe(401);
    expect((await exchange(provider, await codeOf(), "w".repeat(43))).status).toBe(400);
    const code = await codeOf();
    const ok = await exchange(provider, code, verifier);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ token_type: "Bearer", id_token: expect.any(String) });
    expect((await exchange(provider, code, verifier)).status).toBe(400);
    expect(provider.tokenRequests.map((r) => r.outcome)).toEqual([
      "invalid_client",
      "invalid_grant",
      "ok",
      "invalid_grant",
    ]);
  });
});
