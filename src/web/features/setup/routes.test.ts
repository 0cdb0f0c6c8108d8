import { expect, it } from "vitest";
import { addPerson, authApp, PASSWORD, TestBrowser } from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";
import { SETUP_LINK_TTL_MS } from "../../auth/config.js";

const FORM = { name: "Ada Lovelace", email: "ada@example.com", password: PASSWORD, confirm: PASSWORD };

describeEachDatabase("first-run setup", (ctx) => {
  it("the link opens a form that creates the admin, signs them in, and then never works again", async () => {
    const { app, store } = await authApp(ctx);
    const token = await store.tokens.issue("setup", { ttlMs: SETUP_LINK_TTL_MS });
    const browser = new TestBrowser(app);
    const page = await browser.get(`/setup/${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<h1>Set up rungs</h1>");
    expect(page.headers.get("cache-control")).toBe("no-store");
    // opening the page does not use the link up
    expect((await browser.get(`/setup/${token}`)).status).toBe(200);

    const done = await browser.post(`/setup/${token}`, FORM);
    expect(done.status).toBe(303);
    expect(done.location).toBe("/account/?done=welcome");
    const admin = await store.people.getByEmail("ada@example.com");
    expect(admin).toMatchObject({ name: "Ada Lovelace", admin: true, active: true, hasPassword: true });
    const account = await browser.get("/account/?done=welcome");
    expect(account.status).toBe(200);
    expect(account.body).toContain("Your admin account is ready");
    // and what a first admin does next, where
    expect(account.body).toContain(
      "Next, under Admin (in the header): place yourself in a framework on your own page, then add your people or import them from a CSV.",
    );
    // the password was stored as an argon2id hash, never as text
    const stored = await store.people.credentials("ada@example.com");
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const again = await new TestBrowser(app).get(`/setup/${token}`);
    expect(again.status).toBe(410);
    expect(again.body).toContain("Setup is already done");
  });

  it("a used, expired or made-up link shows a friendly message", async () => {
    const { app, store, clock } = await authApp(ctx);
    const expired = await store.tokens.issue("setup", { ttlMs: SETUP_LINK_TTL_MS });
    const used = await store.tokens.issue("setup", { ttlMs: SETUP_LINK_TTL_MS });
    await store.tokens.consume("setup", used);
    clock.advance(SETUP_LINK_TTL_MS);
    for (const token of [expired, used, "made-up", "x".repeat(300)]) {
      const page = await new TestBrowser(app).get(`/setup/${token}`);
      expect(page.status, token).toBe(410);
      expect(page.body).toContain("This setup link has expired or was used");
      expect(page.body).toContain("rungs serve");
    }
    // a form opened before the link expired, submitted after
    const browser = new TestBrowser(app);
    await browser.get("/sign-in");
    expect((await browser.post(`/setup/${expired}`, FORM)).status).toBe(410);
    expect(await store.people.countAdmins()).toBe(0);
  });

  it("says what is wrong with each field and keeps the link usable", async () => {
    const { app, store } = await authApp(ctx);
    const token = await store.tokens.issue("setup", { ttlMs: SETUP_LINK_TTL_MS });
    const browser = new TestBrowser(app);
    await browser.get(`/setup/${token}`);
    const cases: [Record<string, string>, string][] = [
      [{ ...FORM, name: "" }, "Name is required"],
      [{ ...FORM, email: "not an email" }, "is not an email address"],
      [{ ...FORM, password: "short", confirm: "short" }, "Use at least 12 characters (this one has 5)"],
      [
        { ...FORM, password: "Password2024!", confirm: "Password2024!" },
        "This password is too easy to guess",
      ],
      [{ ...FORM, confirm: `${PASSWORD}!` }, "The two passwords are not the same"],
      [{ ...FORM, password: "adalovelace1", confirm: "adalovelace1" }, "your name or email"],
    ];
    for (const [form, message] of cases) {
      const answer = await browser.post(`/setup/${token}`, form);
      expect(answer.status, message).toBe(422);
      expect(answer.body).toContain(message);
      expect(answer.body).toContain('role="alert"');
    }
    expect(await store.people.countAdmins()).toBe(0);
    expect((await browser.post(`/setup/${token}`, FORM)).status).toBe(303);
  });

  it("does nothing once an admin exists, however they were made", async () => {
    const { app, store } = await authApp(ctx);
    const token = await store.tokens.issue("setup", { ttlMs: SETUP_LINK_TTL_MS });
    await addPerson(store, { name: "Root", email: "root@example.com", admin: true });
    const browser = new TestBrowser(app);
    expect((await browser.get(`/setup/${token}`)).status).toBe(410);
    await browser.get("/sign-in");
    const answer = await browser.post(`/setup/${token}`, { ...FORM });
    expect(answer.status).toBe(410);
    expect(await store.people.getByEmail("ada@example.com")).toBeUndefined();
  });

  it("two setup links used at once make one admin", async () => {
    const { app, store } = await authApp(ctx);
    const tokens = [
      await store.tokens.issue("setup", { ttlMs: SETUP_LINK_TTL_MS }),
      await store.tokens.issue("setup", { ttlMs: SETUP_LINK_TTL_MS }),
    ];
    const browsers = [new TestBrowser(app), new TestBrowser(app)];
    await Promise.all(browsers.map((b, i) => b.get(`/setup/${tokens[i]}`)));
    const answers = await Promise.all(
      browsers.map((b, i) => b.post(`/setup/${tokens[i]}`, { ...FORM, email: `admin${i}@example.com` })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([303, 410]);
    expect(await store.people.countAdmins()).toBe(1);
  });
});
