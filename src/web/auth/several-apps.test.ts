/*
 * Several `rungs serve` processes behind a load balancer must behave as one app: whatever one of them knows
 * about sessions, rate limits and one-time links, the others know too, because it is in the database.
 * Each app here has its own connection pool, as a separate process would.
 */
import { expect, it } from "vitest";
import { addPerson, authApp, PASSWORD, TestBrowser } from "../../../test/support/auth.js";
import { describeEachDatabase, manualClock } from "../../../test/support/databases.js";
import { SETUP_LINK_TTL_MS } from "./config.js";

describeEachDatabase("two app instances on one database", (ctx) => {
  async function twoApps() {
    const clock = manualClock();
    const one = await authApp(ctx, { clock });
    const two = await authApp(ctx, { clock, database: ctx.openAnother() });
    return { one, two };
  }

  it("share sessions: sign in through one, use the cookie on the other, sign out on the other", async () => {
    const { one, two } = await twoApps();
    await addPerson(one.store, { name: "Ada Lovelace", email: "ada@example.com" });
    const browser = new TestBrowser(one.app);
    await browser.signIn("ada@example.com");
    const cookie = browser.cookies.get("rungs_session");
    expect(cookie).toBeDefined();

    // the load balancer sends the next requests to the other instance
    browser.app = two.app;
    const account = await browser.get("/account/");
    expect(account.status).toBe(200);
    expect(account.body).toContain("<dd>Ada Lovelace</dd>");
    // the CSRF token one instance put on a page is accepted by the other
    expect((await browser.post("/sign-out")).status).toBe(303);
    browser.app = one.app;
    browser.cookies.set("rungs_session", cookie ?? "");
    expect((await browser.get("/account/")).status).toBe(302);
  });

  it("share sign-in throttles: failures through either make the next try through either wait", async () => {
    const { one, two } = await twoApps();
    await addPerson(one.store, { name: "Ada", email: "ada@example.com" });
    const browser = new TestBrowser(one.app);
    await browser.get("/sign-in");
    // five failures go through at once (the default), alternating between the instances
    for (let i = 0; i < 5; i++) {
      browser.app = i % 2 === 0 ? one.app : two.app;
      expect(
        (await browser.post("/sign-in", { email: "ada@example.com", password: "wrong wrong wrong" })).status,
      ).toBe(401);
    }
    for (const app of [one.app, two.app]) {
      browser.app = app;
      expect((await browser.post("/sign-in", { email: "ada@example.com", password: PASSWORD })).status).toBe(
        429,
      );
    }
  });

  it("share one-time links: a setup link used through one is used for the other", async () => {
    const { one, two } = await twoApps();
    const token = await one.store.tokens.issue("setup", { ttlMs: SETUP_LINK_TTL_MS });
    const browser = new TestBrowser(two.app);
    await browser.get(`/setup/${token}`);
    const form = { name: "Ada", email: "ada@example.com", password: PASSWORD, confirm: PASSWORD };
    expect((await browser.post(`/setup/${token}`, form)).status).toBe(303);
    expect((await new TestBrowser(one.app).get(`/setup/${token}`)).status).toBe(410);
    browser.app = one.app;
    expect((await browser.get("/account/")).status).toBe(200);
  });
});
